// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/RunnerOptions.h"

#include "core/common/Error.h"

#include <CLI/CLI.hpp>

#include <charconv>
#include <functional>
#include <set>

namespace grove {

namespace {

template <typename Integer>
Integer parseInteger(const std::string& option, const std::string& text, Integer minimum,
                     Integer maximum)
{
    Integer value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < minimum || value > maximum)
        throw Error(option + " needs a whole number from " + std::to_string(minimum) + " to " +
                    std::to_string(maximum) + ", not '" + text + "'");
    return value;
}

} // namespace

std::string runnerUsage()
{
    return R"usage(grove-run: runs a Grove template without the GUI.

Usage:
  grove-run --dataset NAME|PATH --template NAME --inputs "{...}" [--estoptions "{...}"]
            [--seed N] [--threads N] [--chains N | --chain-per-imputation]
            [--complete-df between-within|inf|N] [--export stata,spss,r]
            [--chains K --chain-index k] --out DIR
  grove-run --merge DIR... [--dataset NAME|PATH] [--threads N] [--complete-df ...]
            [--export ...] --out DIR
  grove-run --command "RunStatJR(template='...', dataset='...', invars = {...}, estoptions = {...})"
            [--seed N] [--threads N] --out DIR
  grove-run ... --dry-run        validate everything and print the input string and command
  grove-run --dataset NAME|PATH --describe
                                 print the dataset summary (N, missing, min, max per variable)
  grove-run --list-datasets | --list-templates | --help | --version

--chains sets the number of imputation chains (default: one per core, at most one per
imputation, as in Stat-JR); --threads how many run at once. The same seed and chains give the
same results whatever the threads. --chain-per-imputation runs one chain per imputation, each
burnt in to imputefirst and giving one dataset: independent imputations whatever the mixing.
--complete-df sets the complete-data degrees of freedom of the pooled coefficients (Barnard &
Rubin 1999; D1 uses the same, Reiter 2007): between-within (the default: N - J - p1 for
variables that vary within level-2 units, J - p2 - 1 for the intercept and variables constant
within units, N - p for one level), inf (Rubin 1987, mitml's default) or one number for all.
--export also writes the completed datasets stacked for the packages' multiple-imputation
tools: stata (<stem>_mi_flong.dta + <stem>_mi_import.do running mi import flong), spss
(<stem>_stacked.sav with Imputation_), r (<stem>_long.csv + <stem>_mids.R building a mids and
a mitml.list); <stem> is Imputation_Model, Imputation_Model_L2Data, impute or impute_L2Data.
--chains K --chain-index k runs only chain k of a K-chain run (2LevelImpute, NLevelImpute): its
imputations and their model-of-interest fits, with the random streams they have in one process,
into a partial folder; --merge combines the K partial folders into exactly the outputs of the
single-process run (it checks the folders come from the same dataset, inputs, seed and K, each
chain once). See README "Running on a cluster".
Bundled dataset names (tutorial, tutmiss, tutmiss_lev2, threelevel) resolve to Grove's
datasets folder ($GROVE_DATASETS_DIR first, if set). Progress goes to stderr, results tables to
stdout, every output into DIR. Any bad input stops with a one-line reason and a non-zero exit status.
)usage";
}

RunnerOptions parseRunnerArguments(const std::vector<std::string>& arguments)
{
    using Mode = RunnerOptions::Mode;
    RunnerOptions options;
    std::set<Mode> modes;
    std::set<std::string> seen;

    CLI::App app("grove-run");
    app.set_help_flag(); // --help is one of the modes below, checked like the others
    app.allow_extras();  // unknown arguments are named in our own one-line error after the parse
    // Callbacks run as each option is met (trigger_on_parse), so errors come in argument order.
    const auto addMode = [&](const std::string& names, Mode mode) {
        app.add_flag_callback(names, [&modes, mode] { modes.insert(mode); })
            ->disable_flag_override()
            ->trigger_on_parse();
    };
    addMode("--dry-run", Mode::DryRun);
    addMode("--describe", Mode::Describe);
    addMode("-h,--help", Mode::Help);
    addMode("--version", Mode::Version);
    addMode("--list-datasets", Mode::ListDatasets);
    addMode("--list-templates", Mode::ListTemplates);
    const auto addValued = [&](const std::string& name,
                               std::function<void(const std::string&)> store,
                               bool mayBeEmpty = false) {
        app.add_option_function<std::string>(
               name,
               [&seen, name, store = std::move(store), mayBeEmpty](const std::string& value) {
                   if (!seen.insert(name).second)
                       throw Error("option " + name + " is given twice");
                   if (value.empty() && !mayBeEmpty)
                       throw Error("option " + name + " needs a value");
                   store(value);
               })
            ->expected(0, 1) // a missing value reaches the check above instead of a CLI11 message
            ->trigger_on_parse();
    };
    addValued("--dataset", [&](const std::string& v) { options.dataset = v; });
    addValued("--template", [&](const std::string& v) { options.templateName = v; });
    addValued(
        "--inputs", [&](const std::string& v) { options.inputs = v; }, true);
    addValued(
        "--estoptions", [&](const std::string& v) { options.estoptions = v; }, true);
    addValued("--command", [&](const std::string& v) { options.command = v; });
    addValued("--seed", [&](const std::string& v) {
        options.seed = parseInteger<unsigned long long>("--seed", v, 0, 4294967295ULL);
    });
    addValued("--threads", [&](const std::string& v) {
        options.threads = parseInteger<int>("--threads", v, 1, 256);
    });
    addValued("--chains", [&](const std::string& v) {
        options.chains = parseInteger<int>("--chains", v, 1, 256);
    });
    addValued("--complete-df", [&](const std::string& v) {
        try {
            options.completeDataDf = parseCompleteDataDf(v);
        } catch (const Error&) {
            throw Error("--complete-df needs between-within, inf or a positive number, not '" + v +
                        "'");
        }
    });
    addValued("--chain-index", [&](const std::string& v) {
        options.chainIndex = parseInteger<int>("--chain-index", v, 0, 255);
    });
    app.add_option_function<std::vector<std::string>>("--merge",
                                                      [&](const std::vector<std::string>& folders) {
                                                          if (!seen.insert("--merge").second)
                                                              throw Error(
                                                                  "option --merge is given twice");
                                                          options.merge = folders;
                                                          modes.insert(Mode::Merge);
                                                      })
        ->expected(0, -1)
        ->trigger_on_parse();
    app.add_flag_callback("--chain-per-imputation", [&] { options.chainPerImputation = true; })
        ->disable_flag_override()
        ->trigger_on_parse();
    addValued("--out", [&](const std::string& v) { options.outDir = v; });
    addValued("--export", [&](const std::string& v) {
        try {
            options.exports = parseExportFormats(v);
        } catch (const Error& error) {
            throw Error("--export: " + std::string(error.what()));
        }
    });

    // CLI11 takes its arguments last first.
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::ArgumentMismatch& error) {
        // The only mismatch left to CLI11 is a value given to a flag; its message starts with
        // the flag's name without dashes.
        const std::string message = error.what();
        const std::string flag = message.substr(0, message.find(' '));
        throw Error("option " + std::string(flag.size() == 1 ? "-" : "--") + flag +
                    " takes no value");
    } catch (const CLI::ParseError& error) {
        throw Error(std::string(error.what()) + " (see grove-run --help)");
    }
    if (const std::vector<std::string> extras = app.remaining(); !extras.empty()) {
        const std::string& first = extras.front();
        if (first.rfind("--", 0) == 0)
            throw Error("unknown option '" + first.substr(0, first.find('=')) +
                        "' (see grove-run --help)");
        if (first.rfind("-", 0) == 0)
            throw Error("unknown option '" + first + "' (see grove-run --help)");
        throw Error("unexpected argument '" + first +
                    "' (options start with --; see grove-run --help)");
    }

    if (options.chainPerImputation && options.chains)
        throw Error("--chain-per-imputation and --chains both set the number of chains; give one");
    if (modes.size() > 1)
        throw Error("choose one of --dry-run, --describe, --list-datasets, --list-templates, "
                    "--help and --version");
    if (!modes.empty())
        options.mode = *modes.begin();
    if (options.mode == Mode::Help || options.mode == Mode::Version ||
        options.mode == Mode::ListDatasets || options.mode == Mode::ListTemplates)
        return options;
    if (options.mode == Mode::Merge) {
        if (options.merge.empty())
            throw Error("--merge needs the partial folders: --merge DIR... --out DIR");
        if (!options.templateName.empty() || !options.inputs.empty() || !options.command.empty() ||
            options.chains || options.chainIndex || options.seed)
            throw Error("--merge takes the template, inputs, seed and chains from the partial "
                        "folders; give only --merge DIR... --out DIR (and --dataset, --threads, "
                        "--complete-df, --export)");
        if (options.outDir.empty())
            throw Error("no output folder: give --out DIR");
        return options;
    }
    if (options.chainIndex) {
        if (!options.chains)
            throw Error("--chain-index needs --chains K (the chains of the whole run)");
        if (*options.chainIndex >= *options.chains)
            throw Error("--chain-index " + std::to_string(*options.chainIndex) +
                        " is not below --chains " + std::to_string(*options.chains) +
                        " (chains are numbered from 0)");
    }
    if (options.mode == Mode::Describe) {
        if (options.dataset.empty())
            throw Error("--describe needs --dataset NAME|PATH");
        return options;
    }
    if (!options.command.empty()) {
        if (!options.templateName.empty() || !options.inputs.empty() || !options.estoptions.empty())
            throw Error("--command already holds the template, inputs and estoptions; do not "
                        "also give --template, --inputs or --estoptions");
    } else {
        if (options.dataset.empty())
            throw Error("no dataset: give --dataset NAME|PATH (or a whole --command)");
        if (options.templateName.empty())
            throw Error("no template: give --template NAME (see grove-run --list-templates)");
        if (options.inputs.empty())
            throw Error("no inputs: give --inputs \"{...}\" (the template's input string)");
    }
    if (options.mode == Mode::Run && options.outDir.empty())
        throw Error("no output folder: give --out DIR (or --dry-run to only validate)");
    return options;
}

} // namespace grove
