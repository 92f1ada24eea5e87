// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/onepass/OnePassDesign.h"

#include "core/common/Error.h"

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>

namespace grove::onepass {

namespace {

const std::string kPrefix = "2LevelMissingOnePass: ";

std::string number(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

std::string datasetNames(const Dataset& level1, const Dataset* level2)
{
    std::string names = "'" + level1.name() + "'";
    if (level2)
        names += " or '" + level2->name() + "'";
    return names;
}

} // namespace

double termValue(const DesignTerm& term, const std::vector<std::vector<double>>& values,
                 std::size_t row, std::size_t unit, const std::vector<DesignVariable>& variables)
{
    double product = 1.0;
    for (const DesignFactor& factor : term.factors) {
        const auto v = static_cast<std::size_t>(factor.variable);
        const double x = values[v][variables[v].level2 ? unit : row];
        double power = x;
        for (int k = 1; k < factor.power; ++k)
            power *= x;
        product *= factor.power == 0 ? 1.0 : power;
    }
    return product;
}

OnePassDesign::OnePassDesign(const Dataset& level1, const Dataset* level2, const OnePassSpec& spec)
    : m_spec(spec)
{
    if (spec.terms.empty())
        throw Error(kPrefix + "the model of interest has no explanatory terms");
    if (spec.chains < 1)
        throw Error(kPrefix + "the number of chains must be at least 1");
    if (spec.burnin < 0 || spec.iterations < 1 || spec.thinning < 1)
        throw Error(kPrefix + "burn-in must be >= 0, iterations and thinning >= 1");
    if (!level1.hasColumn(spec.response))
        throw Error(kPrefix + "unknown variable '" + spec.response +
                    "': the response is not in dataset '" + level1.name() + "'");
    sortRows(level1);
    validateResponse();
    matchLevel2(level2);
    buildComponents(level1, level2);

    for (const MoiTerm& term : spec.terms) {
        DesignTerm designTerm;
        designTerm.name = term.name;
        if (term.factors.empty())
            throw Error(kPrefix + "term '" + term.name + "' has no variable");
        for (const TermFactor& factor : term.factors) {
            if (factor.power < 1)
                throw Error(kPrefix + "term '" + term.name + "': the power of '" + factor.variable +
                            "' must be a positive whole number");
            designTerm.factors.push_back(
                {variableIndex(factor.variable, level1, level2, false), factor.power});
        }
        m_terms.push_back(std::move(designTerm));
    }
    if (!spec.randomCoefficients.empty() && spec.level2Id.empty())
        throw Error(kPrefix + "random coefficients need a level-2 ID");
    for (const std::string& name : spec.randomCoefficients) {
        const auto found = std::find_if(m_terms.begin(), m_terms.end(),
                                        [&](const DesignTerm& t) { return t.name == name; });
        if (found == m_terms.end())
            throw Error(kPrefix + "random coefficient '" + name +
                        "' is not a term of the model of interest");
        const int index = static_cast<int>(found - m_terms.begin());
        if (std::find(m_randomTerms.begin(), m_randomTerms.end(), index) != m_randomTerms.end())
            throw Error(kPrefix + "random coefficient '" + name + "' is named twice");
        m_randomTerms.push_back(index);
    }
    checkDesignRank();
}

void OnePassDesign::sortRows(const Dataset& level1)
{
    const Column& y = level1.column(m_spec.response);
    const Column* id = nullptr;
    if (!m_spec.level2Id.empty()) {
        if (!level1.hasColumn(m_spec.level2Id))
            throw Error(kPrefix + "unknown variable '" + m_spec.level2Id +
                        "': the level-2 ID is not in dataset '" + level1.name() + "'");
        id = &level1.column(m_spec.level2Id);
    }
    for (std::size_t row = 0; row < level1.rowCount(); ++row) {
        if (y.isMissing(row)) {
            ++m_droppedRows;
            continue;
        }
        if (id && id->isMissing(row))
            throw Error(kPrefix + "the level-2 ID '" + m_spec.level2Id + "' is missing in row " +
                        std::to_string(row + 1));
        m_keptRows.push_back(row);
    }
    if (m_keptRows.empty())
        throw Error(kPrefix + "the response '" + m_spec.response + "' has no observed value");

    std::map<double, std::size_t> units;
    for (std::size_t row : m_keptRows)
        units.emplace(id ? id->values[row] : 0.0, 0);
    std::size_t index = 0;
    for (auto& [value, unit] : units) {
        unit = index++;
        m_unitIds.push_back(value);
    }
    m_sortedRows = m_keptRows;
    std::stable_sort(m_sortedRows.begin(), m_sortedRows.end(), [&](std::size_t a, std::size_t b) {
        return units[id ? id->values[a] : 0.0] < units[id ? id->values[b] : 0.0];
    });
    m_unitStart.assign(m_unitIds.size() + 1, 0);
    for (std::size_t row : m_sortedRows) {
        const std::size_t unit = units[id ? id->values[row] : 0.0];
        m_unitOfRow.push_back(unit);
        ++m_unitStart[unit + 1];
        m_response.push_back(y.values[row]);
    }
    for (std::size_t j = 0; j < m_unitIds.size(); ++j)
        m_unitStart[j + 1] += m_unitStart[j];
}

void OnePassDesign::validateResponse() const
{
    for (double y : m_response) {
        switch (m_spec.family) {
        case Family::Normal: break;
        case Family::Binomial:
            if (y != 0.0 && y != 1.0)
                throw Error(kPrefix + "a Binomial response must be 0 or 1, but '" +
                            m_spec.response + "' has the value " + number(y));
            break;
        case Family::Poisson:
        case Family::NegativeBinomial:
            if (y < 0.0 || y != std::floor(y))
                throw Error(kPrefix +
                            "a count response must be a non-negative whole number, but '" +
                            m_spec.response + "' has the value " + number(y));
            break;
        }
    }
}

void OnePassDesign::matchLevel2(const Dataset* level2)
{
    if (!level2)
        return;
    if (m_spec.level2Id.empty())
        return;
    if (!level2->hasColumn(m_spec.level2Id))
        throw Error(kPrefix + "the level-2 dataset '" + level2->name() + "' has no ID variable '" +
                    m_spec.level2Id + "'");
    const Column& id = level2->column(m_spec.level2Id);
    std::map<double, std::size_t> rows;
    for (std::size_t row = 0; row < level2->rowCount(); ++row) {
        if (id.isMissing(row))
            throw Error(kPrefix + "the level-2 dataset '" + level2->name() +
                        "' has a missing ID in row " + std::to_string(row + 1));
        if (!rows.emplace(id.values[row], row).second)
            throw Error(kPrefix + "the level-2 dataset '" + level2->name() + "' has duplicate ID " +
                        number(id.values[row]) + " in '" + m_spec.level2Id + "'");
    }
    for (double unit : m_unitIds) {
        const auto found = rows.find(unit);
        if (found == rows.end())
            throw Error(kPrefix + "the level-2 dataset '" + level2->name() +
                        "' has no row for unit " + number(unit) + " of '" + m_spec.level2Id + "'");
        m_unitLevel2Row.push_back(found->second);
    }
}

void OnePassDesign::loadLevel2Variable(DesignVariable& variable, const Dataset& level1,
                                       const Dataset* level2)
{
    const std::size_t units = m_unitIds.size();
    variable.level2 = true;
    variable.values.assign(units, missingValue);
    variable.missing.assign(units, 1);
    if (level2 && !m_unitLevel2Row.empty() && level2->hasColumn(variable.name)) {
        variable.source = Level2Source::Level2Dataset;
        const Column& column = level2->column(variable.name);
        for (std::size_t j = 0; j < units; ++j) {
            const std::size_t row = m_unitLevel2Row[j];
            if (!column.isMissing(row)) {
                variable.values[j] = column.values[row];
                variable.missing[j] = 0;
            }
        }
        return;
    }
    variable.source = Level2Source::Level1Dataset;
    const Column& column = level1.column(variable.name);
    for (std::size_t j = 0; j < units; ++j) {
        for (std::size_t r = m_unitStart[j]; r < m_unitStart[j + 1]; ++r) {
            const std::size_t row = m_sortedRows[r];
            if (column.isMissing(row))
                continue;
            if (variable.missing[j] == 0 && variable.values[j] != column.values[row])
                throw Error(kPrefix + "level-2 variable '" + variable.name +
                            "' is not constant within unit " + number(m_unitIds[j]) + " of '" +
                            m_spec.level2Id + "' (values " + number(variable.values[j]) + " and " +
                            number(column.values[row]) + ")");
            variable.values[j] = column.values[row];
            variable.missing[j] = 0;
        }
    }
}

void OnePassDesign::buildComponents(const Dataset& level1, const Dataset* level2)
{
    const auto addComponent = [&](const ImputationResponse& response, bool atLevel2) {
        for (const DesignComponent& existing : m_components)
            if (existing.response == response.variable)
                throw Error(kPrefix + "imputation response '" + response.variable +
                            "' is named twice");
        if (response.variable == m_spec.response)
            throw Error(
                kPrefix + "the response '" + response.variable +
                "' cannot also be an imputation response (rows with it missing are dropped)");
        DesignVariable variable;
        variable.name = response.variable;
        if (atLevel2) {
            const bool inLevel2 =
                level2 && !m_unitLevel2Row.empty() && level2->hasColumn(response.variable);
            if (!inLevel2 && !level1.hasColumn(response.variable))
                throw Error(kPrefix + "unknown variable '" + response.variable +
                            "': level-2 imputation response not in " +
                            datasetNames(level1, level2));
            loadLevel2Variable(variable, level1, level2);
        } else {
            if (!level1.hasColumn(response.variable))
                throw Error(kPrefix + "unknown variable '" + response.variable +
                            "': imputation response not in dataset '" + level1.name() + "'");
            const Column& column = level1.column(response.variable);
            for (std::size_t row : m_sortedRows) {
                variable.values.push_back(column.values[row]);
                variable.missing.push_back(column.missing[row]);
            }
        }
        std::size_t observed = 0;
        for (std::size_t cell = 0; cell < variable.values.size(); ++cell) {
            if (variable.missing[cell]) {
                variable.missingCells.push_back(cell);
                continue;
            }
            ++observed;
            const double x = variable.values[cell];
            if (response.kind == CovariateKind::Binary && x != 0.0 && x != 1.0)
                throw Error(kPrefix + "Binary imputation response '" + response.variable +
                            "' must be coded 0/1, but has the value " + number(x));
        }
        if (observed == 0)
            throw Error(kPrefix + "imputation response '" + response.variable +
                        "' has no observed value");

        DesignComponent component;
        component.response = response.variable;
        component.kind = response.kind;
        component.level2 = atLevel2;
        component.explanatory = response.explanatory;
        if (response.explanatory.empty())
            throw Error(kPrefix + "imputation response '" + response.variable +
                        "' has no explanatory variable (use cons for an intercept)");
        const std::size_t cells = variable.values.size();
        component.explanatoryValues.resize(static_cast<Eigen::Index>(cells),
                                           static_cast<Eigen::Index>(response.explanatory.size()));
        for (std::size_t e = 0; e < response.explanatory.size(); ++e) {
            const std::string& name = response.explanatory[e];
            DesignVariable values;
            values.name = name;
            if (atLevel2) {
                const bool inLevel2 = level2 && !m_unitLevel2Row.empty() && level2->hasColumn(name);
                if (!inLevel2 && !level1.hasColumn(name))
                    throw Error(kPrefix + "unknown variable '" + name +
                                "': explanatory variable of '" + response.variable + "' not in " +
                                datasetNames(level1, level2));
                loadLevel2Variable(values, level1, level2);
            } else {
                if (!level1.hasColumn(name))
                    throw Error(kPrefix + "unknown variable '" + name +
                                "': explanatory variable of '" + response.variable +
                                "' not in dataset '" + level1.name() + "'");
                const Column& column = level1.column(name);
                for (std::size_t row : m_sortedRows) {
                    values.values.push_back(column.values[row]);
                    values.missing.push_back(column.missing[row]);
                }
            }
            for (std::size_t cell = 0; cell < cells; ++cell) {
                if (values.missing[cell])
                    throw Error(kPrefix + "explanatory variable '" + name +
                                "' of imputation response '" + response.variable +
                                "' has missing values; explanatory variables must be complete");
                component.explanatoryValues(static_cast<Eigen::Index>(cell),
                                            static_cast<Eigen::Index>(e)) = values.values[cell];
            }
            const auto column = component.explanatoryValues.col(static_cast<Eigen::Index>(e));
            if (cells > 0 && component.constantColumn < 0 && column(0) != 0.0 &&
                (column.array() == column(0)).all()) {
                component.constantColumn = static_cast<Eigen::Index>(e);
                component.constantValue = column(0);
            }
        }
        component.coefficientOffset = m_coefficientCount;
        m_coefficientCount += static_cast<Eigen::Index>(response.explanatory.size());
        component.variable = static_cast<int>(m_variables.size());
        variable.component = static_cast<int>(m_components.size());
        m_variables.push_back(std::move(variable));
        m_components.push_back(std::move(component));
    };

    for (const ImputationResponse& response : m_spec.level1Responses)
        addComponent(response, false);
    m_level1Components = static_cast<int>(m_components.size());
    if (!m_spec.level2Responses.empty()) {
        if (m_spec.level2Id.empty())
            throw Error(kPrefix + "level-2 imputation responses need a level-2 ID");
        if (!m_spec.imputationLevel2)
            throw Error(kPrefix +
                        "level-2 imputation responses need a level-2 imputation model (L2imp Yes)");
    }
    if (m_spec.imputationLevel2 && m_spec.level2Id.empty())
        throw Error(kPrefix + "a level-2 imputation model needs a level-2 ID");
    for (const ImputationResponse& response : m_spec.level2Responses)
        addComponent(response, true);
}

int OnePassDesign::variableIndex(const std::string& name, const Dataset& level1,
                                 const Dataset* level2, bool /*level2Response*/)
{
    for (std::size_t v = 0; v < m_variables.size(); ++v)
        if (m_variables[v].name == name)
            return static_cast<int>(v);
    DesignVariable variable;
    variable.name = name;
    if (level1.hasColumn(name)) {
        const Column& column = level1.column(name);
        for (std::size_t row : m_sortedRows) {
            if (column.isMissing(row))
                throw Error(kPrefix + "variable '" + name +
                            "' of the model of interest has missing values but is not an "
                            "imputation response");
            variable.values.push_back(column.values[row]);
            variable.missing.push_back(0);
        }
    } else if (level2 && !m_unitLevel2Row.empty() && level2->hasColumn(name)) {
        loadLevel2Variable(variable, level1, level2);
        for (std::uint8_t missing : variable.missing)
            if (missing)
                throw Error(kPrefix + "variable '" + name +
                            "' of the model of interest has missing values but is not an "
                            "imputation response");
    } else {
        throw Error(kPrefix + "unknown variable '" + name + "' in the model of interest (not in " +
                    datasetNames(level1, level2) + ")");
    }
    m_variables.push_back(std::move(variable));
    return static_cast<int>(m_variables.size()) - 1;
}

void OnePassDesign::checkDesignRank() const
{
    // Missing values at their variable's observed mean: a design that is singular for every
    // imputation (a duplicated term, a constant twice) is singular here too.
    std::vector<std::vector<double>> values;
    for (const DesignVariable& variable : m_variables) {
        double sum = 0.0;
        double count = 0.0;
        for (std::size_t c = 0; c < variable.values.size(); ++c)
            if (!variable.missing[c]) {
                sum += variable.values[c];
                count += 1.0;
            }
        std::vector<double> filled = variable.values;
        for (std::size_t c = 0; c < filled.size(); ++c)
            if (variable.missing[c])
                filled[c] = sum / count;
        values.push_back(std::move(filled));
    }
    const auto n = static_cast<Eigen::Index>(rowCount());
    const auto p = static_cast<Eigen::Index>(m_terms.size());
    Eigen::MatrixXd x(n, p);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index t = 0; t < p; ++t)
            x(i, t) =
                termValue(m_terms[static_cast<std::size_t>(t)], values, static_cast<std::size_t>(i),
                          m_unitOfRow[static_cast<std::size_t>(i)], m_variables);
    const Eigen::FullPivLU<Eigen::MatrixXd> lu(x);
    if (lu.rank() < p)
        throw Error(kPrefix +
                    "the fixed-effects design is singular (a duplicated or collinear term among " +
                    std::to_string(p) + " terms); remove the redundant term");
}

} // namespace grove::onepass
