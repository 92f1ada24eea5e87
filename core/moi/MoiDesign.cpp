// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/moi/MoiDesign.h"

#include "core/common/Error.h"
#include "core/data/Categorical.h"
#include "core/data/Level2View.h"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace grove {

namespace {

const std::string kPrefix = "model of interest: ";

std::string formatValue(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

/// The named column, which must exist and be complete: the MOI is only ever fitted to
/// completed datasets or complete cases, so a missing value here is a caller's mistake that the
/// user must still be able to read.
const Column& completeColumn(const Dataset& data, const std::string& name, const std::string& role)
{
    if (name.empty())
        throw Error(kPrefix + "no " + role + " given");
    if (!data.hasColumn(name))
        throw Error(kPrefix + role + " '" + name + "' is not a variable of dataset '" +
                    data.name() + "'");
    const Column& column = data.column(name);
    std::size_t missing = 0;
    for (std::size_t row = 0; row < column.size(); ++row)
        if (column.isMissing(row) || !std::isfinite(column.values[row]))
            ++missing;
    if (missing > 0)
        throw Error(kPrefix + "variable '" + name + "' has " + std::to_string(missing) +
                    " missing value(s); the model of interest is fitted to completed data or "
                    "complete cases only");
    return column;
}

void checkRunLengths(const MoiSpec& spec)
{
    if (spec.burnin < 0)
        throw Error(kPrefix + "burn-in must be 0 or more, not " + std::to_string(spec.burnin));
    if (spec.thinning < 1)
        throw Error(kPrefix + "thinning must be 1 or more, not " + std::to_string(spec.thinning));
    if (spec.iterations < spec.thinning)
        throw Error(kPrefix + "iterations (" + std::to_string(spec.iterations) +
                    ") must be at least the thinning (" + std::to_string(spec.thinning) + ")");
}

void checkResponses(const MoiSpec& spec)
{
    const bool multivariate = spec.distribution == MoiDistribution::MultivariateNormal;
    if (spec.responses.empty())
        throw Error(kPrefix + "no response variable given");
    if (!multivariate && spec.responses.size() != 1)
        throw Error(kPrefix + "a univariate model takes one response, not " +
                    std::to_string(spec.responses.size()) +
                    "; choose Multivariate Normal for several");
    if (multivariate && !spec.randomSlopes.empty())
        throw Error(kPrefix + "random slopes are available for univariate models only");
    if (spec.explanatory.empty())
        throw Error(kPrefix + "no explanatory variables given (add 'cons' for an intercept)");
    for (const std::string& response : spec.responses)
        for (const MoiTerm& term : spec.explanatory)
            if (term.variable == response)
                throw Error(kPrefix + "'" + response +
                            "' is both a response and an explanatory variable");
}

void checkBinomialResponse(const Column& y, const Column* denominator)
{
    for (std::size_t row = 0; row < y.size(); ++row) {
        const double trials = denominator ? denominator->values[row] : 1.0;
        if (denominator && (trials < 1.0 || trials != std::floor(trials)))
            throw Error(kPrefix + "denominator '" + denominator->name +
                        "' must be a whole number of at least 1; row " + std::to_string(row + 1) +
                        " has " + formatValue(trials));
        const double value = y.values[row];
        if (value < 0.0 || value > trials || value != std::floor(value)) {
            if (!denominator)
                throw Error(kPrefix + "binary response '" + y.name + "' must be 0 or 1; row " +
                            std::to_string(row + 1) + " has " + formatValue(value));
            throw Error(kPrefix + "Binomial response '" + y.name +
                        "' must be a whole number from 0 to its denominator '" + denominator->name +
                        "'; row " + std::to_string(row + 1) + " has " + formatValue(value) +
                        " of " + formatValue(trials));
        }
    }
}

void checkPoissonResponse(const Column& y)
{
    for (std::size_t row = 0; row < y.size(); ++row) {
        const double value = y.values[row];
        if (value < 0.0 || value != std::floor(value))
            throw Error(kPrefix + "Poisson response '" + y.name +
                        "' must be a count (a whole number, 0 or more); row " +
                        std::to_string(row + 1) + " has " + formatValue(value));
    }
}

/// Names the first explanatory column that is a linear combination of earlier ones, with the
/// columns it depends on, so that the user knows which variables to drop.
void checkFullRank(const Eigen::MatrixXd& x, const std::vector<std::string>& names)
{
    const Eigen::Index p = x.cols();
    const Eigen::MatrixXd gram = x.transpose() * x;
    const Eigen::VectorXd scale = gram.diagonal().cwiseSqrt();
    for (Eigen::Index k = 0; k < p; ++k)
        if (!(scale(k) > 0.0))
            throw Error(kPrefix + "explanatory variable '" + names[static_cast<std::size_t>(k)] +
                        "' is zero in every row");
    const Eigen::MatrixXd normed =
        scale.cwiseInverse().asDiagonal() * gram * scale.cwiseInverse().asDiagonal();
    std::vector<Eigen::Index> independent;
    for (Eigen::Index k = 0; k < p; ++k) {
        if (!independent.empty()) {
            const Eigen::Index m = static_cast<Eigen::Index>(independent.size());
            Eigen::MatrixXd block(m, m);
            Eigen::VectorXd cross(m);
            for (Eigen::Index a = 0; a < m; ++a) {
                cross(a) = normed(independent[static_cast<std::size_t>(a)], k);
                for (Eigen::Index b = 0; b < m; ++b)
                    block(a, b) = normed(independent[static_cast<std::size_t>(a)],
                                         independent[static_cast<std::size_t>(b)]);
            }
            const Eigen::VectorXd coefficients = block.ldlt().solve(cross);
            const double residual = normed(k, k) - cross.dot(coefficients);
            if (residual < 1e-9) {
                std::string list;
                for (Eigen::Index a = 0; a < m; ++a)
                    if (std::abs(coefficients(a)) > 1e-6)
                        list += "'" +
                                names[static_cast<std::size_t>(
                                    independent[static_cast<std::size_t>(a)])] +
                                "', ";
                list += "'" + names[static_cast<std::size_t>(k)] + "'";
                throw Error(kPrefix + "explanatory variables " + list +
                            " are collinear (the design matrix is singular); remove one of them");
            }
        }
        independent.push_back(k);
    }
}

} // namespace

MoiDesign buildMoiDesign(const Dataset& data, const MoiSpec& spec)
{
    checkRunLengths(spec);
    checkResponses(spec);

    // Every named variable must exist and be complete before anything else is looked at.
    std::vector<const Column*> responses;
    for (const std::string& name : spec.responses)
        responses.push_back(&completeColumn(data, name, "response"));
    std::vector<const Column*> explanatory;
    for (const MoiTerm& term : spec.explanatory)
        explanatory.push_back(&completeColumn(data, term.variable, "explanatory variable"));
    const Column* denominator = nullptr;
    if (spec.distribution == MoiDistribution::Binomial && !spec.denominator.empty())
        denominator = &completeColumn(data, spec.denominator, "denominator");
    if (spec.twoLevel)
        completeColumn(data, spec.level2Id, "level-2 ID");
    if (!spec.twoLevel && !spec.randomSlopes.empty())
        throw Error(kPrefix + "random slopes need a 2-level model");

    if (spec.distribution == MoiDistribution::Binomial)
        checkBinomialResponse(*responses.front(), denominator);
    if (spec.distribution == MoiDistribution::Poisson)
        checkPoissonResponse(*responses.front());

    MoiDesign design;
    design.twoLevel = spec.twoLevel;
    design.responseNames = spec.responses;

    // Row order: by level-2 unit, so that per-unit sums are contiguous blocks.
    const std::size_t n = data.rowCount();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    design.unitStart = {0};
    if (spec.twoLevel) {
        const Level2View units(data, spec.level2Id);
        if (units.unitCount() < 2)
            throw Error(kPrefix + "level-2 ID '" + spec.level2Id + "' has " +
                        std::to_string(units.unitCount()) +
                        " unit(s); a 2-level model needs at least 2");
        const std::size_t effects = 1 + spec.randomSlopes.size();
        if (units.unitCount() <= effects)
            throw Error(kPrefix + "level-2 ID '" + spec.level2Id + "' has " +
                        std::to_string(units.unitCount()) + " units, too few for the " +
                        std::to_string(effects) +
                        " random effects per unit (intercept and slopes) to be identified; "
                        "need at least " +
                        std::to_string(effects + 1));
        order = units.rowsByUnit();
        Eigen::Index start = 0;
        for (std::size_t unit = 0; unit < units.unitCount(); ++unit) {
            start += static_cast<Eigen::Index>(units.rowsOf(unit).size());
            design.unitStart.push_back(start);
        }
    } else {
        design.unitStart.push_back(static_cast<Eigen::Index>(n));
    }
    if (n == 0)
        throw Error(kPrefix + "the dataset has no rows");
    design.dataRow.assign(order.begin(), order.end());

    // Explanatory columns, `:cat` terms expanded to dummies (last category the reference).
    std::vector<std::vector<double>> columns;
    for (std::size_t t = 0; t < spec.explanatory.size(); ++t) {
        const Column& column = *explanatory[t];
        if (spec.explanatory[t].categorical) {
            for (Column& dummy : dummyColumns(column, categoriesOf(column, false))) {
                design.fixedTerms.push_back(dummy.name);
                columns.push_back(std::move(dummy.values));
            }
        } else {
            design.fixedTerms.push_back(column.name);
            columns.push_back(column.values);
        }
    }
    const Eigen::Index rows = static_cast<Eigen::Index>(n);
    const Eigen::Index p = static_cast<Eigen::Index>(columns.size());
    if (p == 0)
        throw Error(kPrefix + "the explanatory variables give no columns (a categorical "
                              "variable with one category only?)");
    design.x.resize(rows, p);
    for (Eigen::Index k = 0; k < p; ++k)
        for (Eigen::Index i = 0; i < rows; ++i)
            design.x(i, k) =
                columns[static_cast<std::size_t>(k)][order[static_cast<std::size_t>(i)]];
    checkFullRank(design.x, design.fixedTerms);

    const Eigen::Index r = static_cast<Eigen::Index>(responses.size());
    design.y.resize(rows, r);
    for (Eigen::Index c = 0; c < r; ++c)
        for (Eigen::Index i = 0; i < rows; ++i)
            design.y(i, c) =
                responses[static_cast<std::size_t>(c)]->values[order[static_cast<std::size_t>(i)]];
    if (spec.distribution == MoiDistribution::Binomial) {
        design.trials = Eigen::VectorXd::Ones(rows);
        if (denominator)
            for (Eigen::Index i = 0; i < rows; ++i)
                design.trials(i) = denominator->values[order[static_cast<std::size_t>(i)]];
    }

    if (spec.twoLevel) {
        // Random intercept always; the slopes must be explanatory variables so that the shift
        // moves and the user's reading of "random coefficient" both have a fixed effect to refer
        // to.
        design.randomTerms.push_back("cons");
        Eigen::Index intercept = -1;
        for (Eigen::Index k = 0; k < p && intercept < 0; ++k)
            if ((design.x.col(k).array() == 1.0).all())
                intercept = k;
        design.fixedColumnOfRandom.push_back(intercept);
        for (const std::string& slope : spec.randomSlopes) {
            Eigen::Index match = -1;
            for (std::size_t t = 0; t < spec.explanatory.size(); ++t)
                if (spec.explanatory[t].variable == slope && !spec.explanatory[t].categorical)
                    for (Eigen::Index k = 0; k < p; ++k)
                        if (design.fixedTerms[static_cast<std::size_t>(k)] == slope)
                            match = k;
            if (match >= 0 && match == intercept)
                throw Error(kPrefix + "'" + slope +
                            "' is the intercept, which is random already; list only slopes");
            if (match < 0)
                throw Error(kPrefix + "random slope '" + slope +
                            "' must also be a (non-categorical) explanatory variable");
            if (std::find(design.randomTerms.begin(), design.randomTerms.end(), slope) !=
                design.randomTerms.end())
                throw Error(kPrefix + "random slope '" + slope + "' is listed twice");
            design.randomTerms.push_back(slope);
            design.fixedColumnOfRandom.push_back(match);
        }
        const Eigen::Index q = static_cast<Eigen::Index>(design.randomTerms.size());
        design.z.resize(rows, q);
        design.z.col(0).setOnes();
        for (Eigen::Index m = 1; m < q; ++m)
            design.z.col(m) = design.x.col(design.fixedColumnOfRandom[static_cast<std::size_t>(m)]);
    }
    return design;
}

std::vector<MoiDesign> buildClassificationDesigns(const Dataset& data, const MoiSpec& spec)
{
    if (spec.twoLevel)
        throw Error(kPrefix + "give the classifications or a level-2 ID, not both");
    std::vector<MoiDesign> designs;
    for (std::size_t c = 0; c < spec.classifications.size(); ++c) {
        const std::string& id = spec.classifications[c];
        for (std::size_t earlier = 0; earlier < c; ++earlier)
            if (spec.classifications[earlier] == id)
                throw Error(kPrefix + "classification '" + id + "' is listed twice");
        MoiSpec one = spec;
        one.classifications.clear();
        one.twoLevel = true;
        one.level2Id = id;
        if (c > 0)
            one.randomSlopes.clear();
        MoiDesign design = buildMoiDesign(data, one);
        design.randomEffectLabel = id;
        const bool normal = spec.distribution == MoiDistribution::Normal ||
                            spec.distribution == MoiDistribution::MultivariateNormal;
        if (normal && design.unitCount() == design.rows())
            throw Error(kPrefix + "every unit of classification '" + id +
                        "' has one row, so its variance cannot be told apart from the level-1 "
                        "variance; leave it out of the model of interest");
        designs.push_back(std::move(design));
    }
    return designs;
}

} // namespace grove
