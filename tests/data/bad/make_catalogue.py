#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the bad-data catalogue: small damaged datasets (d_*.csv and friends) made from one
# clustered base dataset, and catalogue.tsv, one case per line:
#   name <TAB> dataset <TAB> template <TAB> inputs <TAB> expected
# `dataset` is a file in this folder; `inputs` the input string (in this script: `base` plus
# edits, `key=value` or `key=-` to remove the key, separated by ` ; `, to the template's base
# answers below, or `literal:` and a whole string; the case's name says which). `expected` is the one-line message the run must
# stop with, or `OK` when the data are unusual but fine. The messages come from running
#   GROVE_RUN=build/app/grove-run python3 make_catalogue.py --expected
# and were each read and judged (the variable, key or cell is named; the fix is said).
import csv, os, random, subprocess, sys, shutil, tempfile

here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)

random.seed(5)
base = []
for s in range(1, 31):
    zs = random.gauss(0, 1)
    for p in range(1, 6):
        x = random.gauss(0, 1); w = random.gauss(0, 1)
        y = 0.5 * x + 0.3 * zs + random.gauss(0, 1)
        r = dict(district=(s - 1) // 5 + 1, school=s, pupil=p, cons=1, y=round(y, 4),
                 x=round(x, 4), w=round(w, 4), b=int(random.random() < 0.4),
                 o=random.choice([0, 1, 2]), u=random.choice([0, 1, 2]),
                 z='' if s % 7 == 0 else round(zs, 4))
        for v in 'xbou':
            if random.random() < 0.15:
                r[v] = ''
        if random.random() < 0.1:
            r['y'] = ''
        base.append(r)
fields = list(base[0])


def rows():
    return [dict(r) for r in base]


def write(name, data, header=None):
    with open(name, 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=header or list(data[0]), lineterminator='\n')
        w.writeheader()
        w.writerows(data)
    return name


write('base.csv', base)
text = open('base.csv').read()

TWO = ("{'numlevs': 'Yes', 'L2ID': 'school', 'MOIlevel': '2 levels', 'MOIdist': 'Normal', "
       "'MOIslope': 'No', 'y': 'y', 'x': 'cons,x,b,z', 'yimp1': 'y,x,b,o,u', "
       "'bin1_1': 'Normal', 'bin1_2': 'Normal', 'bin1_3': 'Binary', 'bin1_4': 'Ordered', "
       "'ncatso': '3', 'bin1_5': 'Unordered', 'ncatsu': '3', 'ximp1_0': 'cons,w', "
       "'ximp1_1': 'cons', 'ximp1_2': 'cons', 'ximp1_3': 'cons', 'ximp1_4_0': 'cons', "
       "'ximp1_4_1': 'cons', 'want2': 'Yes', 'yimp2': 'z', 'bin2_1': 'Normal', "
       "'ximp2_0': 'cons', 'condmarg': 'Yes', 'numimpute': '2', 'imputefirst': '30', "
       "'imputeevery': '10', 'burnin': '10', 'iterations': '30'}")
NLEVEL = ("{'numclass': '2', 'classid_1': 'school', 'classid_2': 'district', "
          "'structure': 'Nested', 'MOIclass_1': 'Yes', 'MOIclass_2': 'Yes', 'MOIdist': 'Normal', "
          "'MOIslope': 'No', 'y': 'y', 'x': 'cons,x', 'yimp1': 'y,x', 'bin1_1': 'Normal', "
          "'bin1_2': 'Normal', 'ximp1_0': 'cons', 'ximp1_1': 'cons', 'want2': 'No', "
          "'want3': 'No', 'numimpute': '2', 'imputefirst': '30', 'imputeevery': '10', "
          "'burnin': '10', 'iterations': '30'}")
ONEPASS = ("{'D': 'Normal', 'makepred': 'No', 'storeresid': 'No', 'x2vars': 'cons', "
           "'priors2': 'Uniform', 'nchains': '1', 'defaultalg': 'Yes', 'iterations': '20', "
           "'outdata': 'out', 'ximp2': 'cons', 'ximp1': 'cons', 'bin1': 'Normal', 'seed': '1', "
           "'numpoly': '0', 'defaultsv': 'Yes', 'imputeiters': '0', 'L2ID': 'school', "
           "'burnin': '10', 'numinter': '0', 'L1resp': 'Yes', 'xvars': 'cons,x,b', "
           "'L2imp': 'Yes', 'L2resp': 'No', 'thinning': '1', 'yimp': 'x,b', 'y': 'y', "
           "'priorsint': 'Uniform', 'L2int': 'Yes', 'L2IDimp': 'school', 'bin2': 'Binary'}")
TEMPLATES = {'2LevelImpute': TWO, 'NLevelImpute': NLEVEL, '2LevelMissingOnePass': ONEPASS}

cases = []


def case(name, dataset='base.csv', template='2LevelImpute', inputs='base', expected=None):
    cases.append([name, dataset, template, inputs, expected])


def data(name, mutate):
    r = rows()
    mutate(r)
    return write(name, r)


def setv(var, value, where=lambda r: True):
    def mutate(r):
        for row in r:
            if where(row):
                row[var] = value
    return mutate


# Files that are not what they say, or not whole.
open('d_empty.csv', 'w').close()
open('d_header_only.csv', 'w').write(','.join(fields) + '\n')
open('d_truncated.csv', 'w').write(text[:len(text) // 2])
open('d_text_named.dta', 'w').write(text)
open('d_text_named.sav', 'w').write(text)
open('d_text_named.sas7bdat', 'w').write(text)
open('d_text_named.por', 'w').write(text)
open('d_image_named.csv', 'wb').write(b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR')
open('d_duplicate_names.csv', 'w').write(text.replace('district,school', 'school,school', 1))
open('d_unnamed_column.csv', 'w').write(text.replace('district,', ',', 1))
open('d_ragged.csv', 'w').write(text.replace('\n', ',7\n', 3))
open('d_unterminated_quote.csv', 'w').write(text.replace('\n1,1,1,', '\n"1,1,1,', 1))
open('d_unknown.xlsx', 'w').write(text)
for f in ['d_empty.csv', 'd_header_only.csv', 'd_truncated.csv', 'd_text_named.dta',
          'd_text_named.sav', 'd_text_named.sas7bdat', 'd_text_named.por', 'd_image_named.csv',
          'd_duplicate_names.csv', 'd_unnamed_column.csv', 'd_ragged.csv',
          'd_unterminated_quote.csv', 'd_unknown.xlsx', 'd_no_such_file.csv']:
    case('file: ' + f[2:], f)
# Cells.
for name, value in [('text', 'abc'), ('inf', 'Inf'), ('minus_inf', '-inf'), ('huge', '1e999'),
                    ('extreme', '1e300')]:
    f = data('d_cell_%s.csv' % name, lambda r, v=value: r[4].__setitem__('x', v))
    case('cell: ' + name, f)
# IDs and units.
case('id: missing value', data('d_id_missing.csv', lambda r: r[3].__setitem__('school', '')))
case('id: not whole numbers', data('d_id_fraction.csv', lambda r: r[3].__setitem__('school', '1.5')))
case('unit: singleton (fine)', data('d_singleton_unit.csv', lambda r: r[0].__setitem__('school', '99')), expected='OK')
case('unit: every response missing (fine)', data('d_unit_all_missing.csv', lambda r: [row.update(y='', x='', b='', o='', u='') for row in r if row['school'] == 2]), expected='OK')
case('unit: too few units', data('d_three_units.csv', lambda r: r.__delitem__(slice(15, None))))
case('unit: one unit', data('d_one_unit.csv', setv('school', '1')))
# Categorical responses.
case('categories: ordered category never occurs', data('d_ordered_gap.csv', setv('o', '2', lambda x: x['o'] == 1)))
case('categories: binary constant', data('d_binary_constant.csv', setv('b', '0', lambda x: x['b'] == 1)), inputs='base ; x=cons,x,z')
case('categories: binary coded 0/2', data('d_binary_0_2.csv', setv('b', '2', lambda x: x['b'] == 1)))
case('categories: unordered not sequential', data('d_unordered_0_1_5.csv', setv('u', '5', lambda x: x['u'] == 2)))
case('categories: ordered not whole', data('d_ordered_fraction.csv', lambda r: r[5].__setitem__('o', '1.5')))
case('categories: ordered negative', data('d_ordered_negative.csv', setv('o', '-1', lambda x: x['o'] == 0)))
case('categories: unordered single category', data('d_unordered_single.csv', setv('u', '0', lambda x: x['u'] != '')))
# Level-2 and explanatory variables.
case('level 2: response not constant in units', data('d_level2_varies.csv', lambda r: r[0].__setitem__('z', '3.3')))
case('explanatory: missing value', data('d_explanatory_missing.csv', lambda r: r[2].__setitem__('w', '')))
case('explanatory: constant', data('d_explanatory_constant.csv', setv('w', '2')))
case('response: all missing', data('d_response_all_missing.csv', setv('y', '')))
case('response: extreme value warned (fine)', data('d_missing_code.csv', lambda r: r[4].__setitem__('x', '999999999')), expected='OK')
# Answers of 2LevelImpute.
for edits in ['x=cons,nosuch', 'L2ID=nosuch', 'L2ID=y', 'L2ID=w', 'MOIdist=Gamma', 'MOIlevel=3 levels',
              'numimpute=0', 'numimpute=many', 'numimpute=2.5', 'imputeevery=0', 'imputefirst=-1',
              'iterations=-5', 'burnin=x', 'ncatso=4', 'ncatsu=2', 'bin1_1=Poisson', 'bin1_4=Binary',
              'bin1_5=Ordered ; ncatsu=-', 'yimp1=y,x,x,o,u', 'yimp1=y,cons,b,o,u', 'ximp1_1=-', 'foo=bar',
              'ximp1_0=cons,w:cat', 'ximp1_0=cons,w,w', 'ximp1_0=cons,y', 'ximp1_0=cons,school',
              'yimp2=w', 'yimp2=nosuch', 'want2=Maybe', 'condmarg=Perhaps',
              'MOIslope=Yes ; xslope=w', 'MOIslope=Yes ; xslope=z', 'y=school', 'y=y,x',
              'x=', 'x=cons,cons', 'x=cons,y', 'x=cons,o:cat,u:cat,w:cat', 'MOIdist=Binomial',
              'MOIdist=Poisson', 'MOIdist=Multivariate Normal ; y=y', 'numlevs=No ; L2ID=-',
              'yimp1=', 'bin1_3=Normal ; bin1_2=Binary']:
    case('2LevelImpute: ' + edits, inputs='base ; ' + edits)
for name, literal in [('unclosed', "{'numlevs': 'Yes', 'L2ID': 'school'"),
                      ('not a dictionary', 'hello'), ('empty', '{}'), ('list', "['a', 'b']"),
                      ('number value', "{'numlevs': 1}"), ('nested', "{'numlevs': {'a': 'b'}}"),
                      ('duplicate key', TWO[:-1] + ", 'numlevs': 'No'}"),
                      ('trailing text', TWO + ' extra'), ('unterminated string', "{'numlevs: 'Yes'}")]:
    case('input string: ' + name, inputs='literal:' + literal)
# Answers of NLevelImpute.
for edits in ['numclass=0', 'numclass=1 ; classid_2=- ; MOIclass_2=-', 'classid_2=school',
              'classid_1=nosuch', 'classid_2=y', 'structure=Crossed', 'structure=Sideways',
              'classid_1=district ; classid_2=school', 'MOIclass_1=No ; MOIclass_2=No',
              'yimp1=y,x,nosuch', 'want2=Yes', 'bin1_1=Ordered', 'numimpute=0',
              'MOIslope=Yes ; xslope=x', 'MOIdist=Poisson', 'x=cons,district']:
    case('NLevelImpute: ' + edits, template='NLevelImpute', inputs='base ; ' + edits)
case('NLevelImpute: works on the base data (fine)', template='NLevelImpute', expected='OK')
# Answers of 2LevelMissingOnePass.
for edits in ['y=nosuch', 'y=x', 'D=Gamma', 'L2ID=nosuch', 'xvars=cons,x,b,nosuch',
              'xvars=cons,x,b,x*nosuch', 'numinter=1', 'numinter=1 ; xinter0=x',
              'yimp=x', 'bin1=Poisson', 'nchains=0', 'iterations=0', 'thinning=0',
              'burnin=-1', 'seed=abc', 'imputeiters=5,abc', 'outdata=', 'outdata=ResultsTable',
              'priors2=Jeffreys', 'L2resp=Yes', 'numpoly=1', 'x2vars=cons,w',
              'L2IDimp=district', 'ximp1=cons,y']:
    case('2LevelMissingOnePass: ' + edits, template='2LevelMissingOnePass', inputs='base ; ' + edits)
case('2LevelMissingOnePass: works on the base data (fine)', template='2LevelMissingOnePass', expected='OK')


def input_string(template, inputs):
    if inputs.startswith('literal:'):
        return inputs[len('literal:'):]
    import ast
    answers = ast.literal_eval(TEMPLATES[template])
    for edit in inputs.split(' ; ')[1:]:
        key, value = edit.split('=', 1)
        if value == '-':
            answers.pop(key, None)
        else:
            answers[key] = value
    return '{' + ', '.join("'%s': '%s'" % kv for kv in answers.items()) + '}'


if '--expected' in sys.argv:
    runner = os.environ.get('GROVE_RUN', 'grove-run')
    for c in cases:
        if c[4] is not None:
            continue
        out = tempfile.mkdtemp()
        shutil.rmtree(out)
        p = subprocess.run([runner, '--dataset', c[1], '--template', c[2], '--inputs',
                            input_string(c[2], c[3]), '--out', out, '--threads', '1'],
                           capture_output=True, text=True, errors='replace')
        lines = [l for l in p.stderr.splitlines() if l.strip()]
        c[4] = lines[-1][len('grove-run: '):] if p.returncode != 0 and lines else 'OK'
        shutil.rmtree(out, ignore_errors=True)
with open('catalogue.tsv', 'w') as f:
    for c in cases:
        row = [c[0], c[1], c[2], input_string(c[2], c[3]), c[4]]
        assert all('\t' not in str(x) and '\n' not in str(x) for x in row), row
        f.write('\t'.join(str(x) for x in row) + '\n')
print(len(cases), 'cases')
