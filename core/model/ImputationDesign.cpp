// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/ImputationDesign.h"

#include "core/common/Error.h"
#include "core/data/Categorical.h"
#include "core/data/Level2View.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numeric>
#include <set>
#include <sstream>

namespace grove {

const char* responseTypeName(ResponseType type)
{
    switch (type) {
    case ResponseType::Normal: return "Normal";
    case ResponseType::Binary: return "Binary";
    case ResponseType::Ordered: return "Ordered";
    case ResponseType::Unordered: return "Unordered";
    }
    return "Normal";
}

namespace {

struct CovariateColumn {
    std::string name;
    std::vector<double> values; // one per original row
};

std::string formatValue(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

// The covariate columns of one list of terms, over the original rows. `cons` is a column of
// ones when the dataset has no variable of that name (the templates always offer it).
std::vector<CovariateColumn> covariatesOf(const Dataset& dataset,
                                          const std::vector<ExplanatoryTerm>& terms,
                                          const std::string& response)
{
    std::vector<CovariateColumn> result;
    if (terms.empty())
        throw Error("response '" + response + "' has no explanatory variables; give at least cons");
    for (const ExplanatoryTerm& term : terms) {
        if (term.variable == "cons" && !dataset.hasColumn("cons")) {
            result.push_back({"cons", std::vector<double>(dataset.rowCount(), 1.0)});
            continue;
        }
        if (!dataset.hasColumn(term.variable))
            throw Error("explanatory variable '" + term.variable + "' of response '" + response +
                        "' is not in dataset '" + dataset.name() + "'");
        const Column& column = dataset.column(term.variable);
        if (const std::size_t missing = column.missingCount(); missing > 0)
            throw Error("explanatory variable '" + term.variable + "' of response '" + response +
                        "' has " + std::to_string(missing) +
                        " missing values; explanatory variables must be fully observed "
                        "(make it a response instead)");
        if (term.categorical) {
            const Categories categories = categoriesOf(column, false);
            for (Column& dummy : dummyColumns(column, categories))
                result.push_back({dummy.name, std::move(dummy.values)});
        } else {
            result.push_back({column.name, column.values});
        }
    }
    return result;
}

} // namespace

ImputationDesign::ImputationDesign(const Dataset& dataset, const ImputationModelSpec& spec)
    : m_twoLevel(!spec.classifications.empty()), m_nested(spec.nested)
{
    if (dataset.rowCount() == 0)
        throw Error("dataset '" + dataset.name() + "' has no rows");
    if (spec.level1Responses.empty())
        throw Error("the imputation model needs at least one level-1 response");
    std::set<std::string> seen;
    const auto checkUnique = [&](const std::vector<ImputationResponse>& responses) {
        for (const ImputationResponse& response : responses)
            if (!seen.insert(response.variable).second)
                throw Error("response '" + response.variable + "' is given more than once");
    };
    checkUnique(spec.level1Responses);
    for (const ImputationClassification& classification : spec.classifications)
        checkUnique(classification.responses);

    if (m_twoLevel) {
        addClassifications(dataset, spec);
    } else {
        m_rowOrder.resize(dataset.rowCount());
        std::iota(m_rowOrder.begin(), m_rowOrder.end(), std::size_t{0});
        m_unitStart.assign(1, 0);
    }
    addResponses(dataset, spec.level1Responses, -1);
    m_blocks.resize(std::max<std::size_t>(1, spec.classifications.size()));
    for (std::size_t c = 0; c < spec.classifications.size(); ++c) {
        addResponses(dataset, spec.classifications[c].responses, static_cast<int>(c));
        if (c == 0)
            m_twoLevelCoefficientCount = m_coefficientCount;
    }
    if (spec.classifications.empty())
        m_twoLevelCoefficientCount = m_coefficientCount;
}

int ImputationDesign::dimsBelow(std::size_t c) const
{
    if (!effectsAbove())
        return 0;
    int dims = 0;
    for (std::size_t below = 0; below < c; ++below)
        dims += static_cast<int>(m_blocks[below].dims.size());
    return dims;
}

// The classifications' units: rows sorted by the first one's units; for the others, the unit
// of every sorted row. Checks what the model needs of them (IDs, nesting, responses).
void ImputationDesign::addClassifications(const Dataset& dataset, const ImputationModelSpec& spec)
{
    const std::size_t count = spec.classifications.size();
    std::set<std::string> ids;
    for (const ImputationClassification& classification : spec.classifications) {
        const std::string& id = classification.id;
        if (id.empty())
            throw Error("a classification needs an ID variable");
        if (!ids.insert(id).second)
            throw Error("classification ID '" + id + "' is given more than once");
        if (!dataset.hasColumn(id))
            throw Error("classification ID '" + id + "' is not in dataset '" + dataset.name() +
                        "'");
        m_classificationIds.push_back(id);
    }
    m_level2Id = m_classificationIds[0];
    std::vector<Level2View> views;
    for (const std::string& id : m_classificationIds) {
        views.emplace_back(dataset, id);
        // One unit leaves its random effects' covariance unidentified (only levels with
        // several units are classifications); 2LevelImpute has always accepted it for level 2.
        if (count > 1 && views.back().unitCount() < 2)
            throw Error("classification '" + id +
                        "' has only one unit; a classification "
                        "needs at least two");
    }
    m_rowOrder = views[0].rowsByUnit();
    m_unitIds = views[0].unitIds();
    m_unitStart.assign(1, 0);
    for (std::size_t j = 0; j < views[0].unitCount(); ++j)
        m_unitStart.push_back(m_unitStart.back() + views[0].rowsOf(j).size());

    m_extraUnitIds.resize(count);
    m_extraUnitOfRow.resize(count);
    m_extraUnitSize.resize(count);
    m_extraUnitFirstRow.resize(count);
    for (std::size_t c = 1; c < count; ++c) {
        m_extraUnitIds[c] = views[c].unitIds();
        m_extraUnitFirstRow[c].assign(views[c].unitCount(), SIZE_MAX);
        m_extraUnitSize[c].assign(views[c].unitCount(), 0.0);
        m_extraUnitOfRow[c].resize(m_rowOrder.size());
        for (std::size_t i = 0; i < m_rowOrder.size(); ++i) {
            const std::size_t unit = views[c].unitOf(m_rowOrder[i]);
            m_extraUnitOfRow[c][i] = static_cast<std::uint32_t>(unit);
            m_extraUnitSize[c][unit] += 1.0;
            if (m_extraUnitFirstRow[c][unit] == SIZE_MAX)
                m_extraUnitFirstRow[c][unit] = i;
        }
    }
    for (std::size_t c = 1; c < count && !spec.nested; ++c)
        if (!spec.classifications[c].responses.empty())
            throw Error("responses at classification '" + m_classificationIds[c] +
                        "' are not supported yet: in a cross-classified design only the first "
                        "classification may have responses");
    if (count > 1 && spec.nested) {
        // Classification c + 1 nests c: each unit of c lies within one unit of c + 1.
        for (std::size_t c = 0; c + 1 < count; ++c) {
            std::vector<std::size_t> parent(views[c].unitCount(), SIZE_MAX);
            for (std::size_t row = 0; row < dataset.rowCount(); ++row) {
                const std::size_t unit = views[c].unitOf(row);
                const std::size_t above = views[c + 1].unitOf(row);
                if (parent[unit] == SIZE_MAX) {
                    parent[unit] = above;
                } else if (parent[unit] != above) {
                    throw Error("'" + m_classificationIds[c] + "' is not nested in '" +
                                m_classificationIds[c + 1] + "': unit " +
                                formatValue(views[c].unitId(unit)) + " of '" +
                                m_classificationIds[c] + "' lies in units " +
                                formatValue(views[c + 1].unitId(parent[unit])) + " and " +
                                formatValue(views[c + 1].unitId(above)) + " of '" +
                                m_classificationIds[c + 1] + "'; declare them crossed");
                }
            }
        }
    }
}

void ImputationDesign::addResponses(const Dataset& dataset,
                                    const std::vector<ImputationResponse>& responses,
                                    int classification)
{
    const bool level1 = classification < 0;
    const std::size_t c = level1 ? 0 : static_cast<std::size_t>(classification);
    const int level = level1 ? 1 : classification + 2;
    std::vector<DesignResponse>& designResponses = level1 ? m_responses1 : m_blocks[c].responses;
    std::vector<DesignDimension>& dims = level1 ? m_dims1 : m_blocks[c].dims;
    int& columnCount = level1 ? m_columns1 : m_blocks[c].columns;
    std::vector<double>& x = level1 ? m_x1 : m_blocks[c].x;
    std::vector<double>& y = level1 ? m_y1 : m_blocks[c].y;
    std::vector<std::vector<CovariateColumn>> dimCovariates;

    std::unique_ptr<Level2View> units;
    const std::string& unitsId = level1 ? m_level2Id : m_classificationIds[c];
    if (!level1 && !responses.empty())
        units = std::make_unique<Level2View>(dataset, unitsId);
    for (const ImputationResponse& spec : responses) {
        if (!dataset.hasColumn(spec.variable))
            throw Error("response '" + spec.variable + "' is not in dataset '" + dataset.name() +
                        "'");
        const Column& column = dataset.column(spec.variable);
        DesignResponse response;
        response.variable = spec.variable;
        response.type = spec.type;
        response.level = level;
        response.missingCount = column.missingCount();
        if (response.missingCount == column.size())
            throw Error("response '" + spec.variable + "' has no observed values");
        if (!level1) {
            const ConstancyReport report = checkConstantWithinUnits(dataset, *units, spec.variable);
            if (!report.constant())
                throw Error(report.message(unitsId));
        }
        if (spec.type != ResponseType::Normal) {
            const std::vector<double> values = column.distinctValues();
            int categories = spec.type == ResponseType::Binary ? 2 : spec.categories;
            if (categories == 0)
                categories = static_cast<int>(values.back()) + 1;
            for (double v : values) {
                if (v != std::floor(v) || v < 0.0 || v > categories - 1)
                    throw Error(std::string(responseTypeName(spec.type)) + " response '" +
                                spec.variable + "' must be coded 0.." +
                                std::to_string(categories - 1) + "; found the value " +
                                formatValue(v));
            }
            if (categories < 2 || categories > 50)
                throw Error("categorical response '" + spec.variable +
                            "' needs between 2 and 50 categories");
            // A category never observed has no information: its threshold or latent mean would
            // drift without bound under the flat prior.
            if (static_cast<int>(values.size()) != categories)
                throw Error("categorical response '" + spec.variable + "' has " +
                            std::to_string(categories) + " categories but only " +
                            std::to_string(values.size()) +
                            " are observed; every category must occur at least once");
            response.categories = categories;
        }
        response.dimCount = spec.type == ResponseType::Unordered ? response.categories - 1 : 1;
        response.firstDim = static_cast<int>(dims.size());
        if (spec.type == ResponseType::Unordered && !spec.explanatoryPerCategory.empty() &&
            static_cast<int>(spec.explanatoryPerCategory.size()) != response.dimCount)
            throw Error("unordered response '" + spec.variable + "' needs " +
                        std::to_string(response.dimCount) +
                        " lists of explanatory variables, one per non-reference category");
        for (int k = 0; k < response.dimCount; ++k) {
            DesignDimension dim;
            dim.name = spec.type == ResponseType::Unordered
                           ? spec.variable + "_" + std::to_string(k)
                           : spec.variable;
            dim.response = static_cast<int>(designResponses.size());
            dim.latent = response.isLatent();
            const std::vector<ExplanatoryTerm>& terms =
                spec.explanatoryPerCategory.empty()
                    ? spec.explanatory
                    : spec.explanatoryPerCategory[static_cast<std::size_t>(k)];
            std::vector<CovariateColumn> covariates = covariatesOf(dataset, terms, spec.variable);
            if (!level1) {
                for (const ExplanatoryTerm& term : terms) {
                    if (!dataset.hasColumn(term.variable))
                        continue;
                    const ConstancyReport report =
                        checkConstantWithinUnits(dataset, *units, term.variable);
                    if (!report.constant())
                        throw Error("explanatory variable of a level-" + std::to_string(level) +
                                    " response: " + report.message(unitsId));
                }
            }
            dim.firstColumn = columnCount;
            dim.firstCoefficient = m_coefficientCount;
            for (const CovariateColumn& covariate : covariates)
                dim.terms.push_back(covariate.name);
            columnCount += static_cast<int>(covariates.size());
            m_coefficientCount += static_cast<int>(covariates.size());
            dims.push_back(std::move(dim));
            dimCovariates.push_back(std::move(covariates));
        }
        designResponses.push_back(response);
    }

    // Lay the covariates and responses out in sampling order: sorted rows (level 1) or units.
    const std::size_t n = level1 ? rowCount() : classificationUnitCount(c);
    const auto sourceRow = [&](std::size_t i) {
        if (level1)
            return m_rowOrder[i];
        return m_rowOrder[c == 0 ? m_unitStart[i] : m_extraUnitFirstRow[c][i]];
    };
    const std::size_t columns = static_cast<std::size_t>(columnCount);
    x.assign(n * columns, 0.0);
    for (std::size_t d = 0; d < dims.size(); ++d) {
        const std::size_t first = static_cast<std::size_t>(dims[d].firstColumn);
        for (std::size_t k = 0; k < dimCovariates[d].size(); ++k)
            for (std::size_t i = 0; i < n; ++i)
                x[i * columns + first + k] = dimCovariates[d][k].values[sourceRow(i)];
    }
    const std::size_t responseCount = responses.size();
    y.assign(n * responseCount, 0.0);
    for (std::size_t r = 0; r < responseCount; ++r) {
        const Column& column = dataset.column(responses[r].variable);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t row = sourceRow(i);
            y[i * responseCount + r] = column.isMissing(row) ? missingValue : column.values[row];
        }
    }
}

} // namespace grove
