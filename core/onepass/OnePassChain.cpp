// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/onepass/OnePassChain.h"

#include "core/common/LiveChains.h"

#include <algorithm>
#include <cmath>
#include <span>

namespace grove::onepass {

namespace {

/// Proposal scales adapt every this many iterations while adapting.
constexpr long kAdaptWindow = 50;

/// The starting values of a design variable: its observed values, and in the missing cells the
/// observed mean (Binary: the commoner value) or, given `rng` (`defaultsv` No), a draw from the
/// intercept-only predictive: N(observed mean, observed variance) or Bernoulli(observed share).
std::vector<double> startingValues(const DesignVariable& variable, CovariateKind kind,
                                   RandomStream* rng)
{
    double sum = 0.0;
    double squares = 0.0;
    double count = 0.0;
    for (std::size_t c = 0; c < variable.values.size(); ++c)
        if (!variable.missing[c]) {
            sum += variable.values[c];
            squares += variable.values[c] * variable.values[c];
            count += 1.0;
        }
    const double mean = count > 0.0 ? sum / count : 0.0;
    const double sd =
        count > 1.0 ? std::sqrt(std::max(0.0, (squares - count * mean * mean) / (count - 1.0)))
                    : 1.0;
    double fill = mean;
    if (kind == CovariateKind::Binary)
        fill = fill >= 0.5 ? 1.0 : 0.0;
    std::vector<double> values = variable.values;
    for (std::size_t c = 0; c < values.size(); ++c) {
        if (!variable.missing[c])
            continue;
        if (!rng)
            values[c] = fill;
        else if (kind == CovariateKind::Binary)
            values[c] = rng->uniform() < mean ? 1.0 : 0.0;
        else
            values[c] = mean + sd * rng->normal();
    }
    return values;
}

} // namespace

OnePassChain::OnePassChain(const OnePassDesign& design, const Dataset& level1,
                           const Dataset* level2, std::uint64_t chain)
    : m_design(design), m_level1(level1), m_level2(level2), m_rng(design.spec().seed, chain)
{
    for (const DesignVariable& variable : design.variables()) {
        const CovariateKind kind =
            variable.component >= 0
                ? design.components()[static_cast<std::size_t>(variable.component)].kind
                : CovariateKind::Normal;
        m_values.push_back(
            startingValues(variable, kind, design.spec().defaultStartingValues ? nullptr : &m_rng));
    }
    m_x.resize(static_cast<Eigen::Index>(design.rowCount()),
               static_cast<Eigen::Index>(design.terms().size()));
    for (const DesignTerm& term : design.terms()) {
        m_termFactorStart.push_back(m_termFactors.size());
        for (const DesignFactor& factor : term.factors)
            m_termFactors.push_back(
                {m_values[static_cast<std::size_t>(factor.variable)].data(),
                 design.variables()[static_cast<std::size_t>(factor.variable)].level2,
                 factor.power});
    }
    m_termFactorStart.push_back(m_termFactors.size());
    const std::size_t termCount = design.terms().size();
    for (std::size_t v = 0; v < design.variables().size(); ++v) {
        m_variableTermStart.push_back(m_variableTerms.size());
        for (std::size_t t = 0; t < termCount; ++t) {
            bool contains = false;
            for (const DesignFactor& factor : design.terms()[t].factors)
                contains = contains || static_cast<std::size_t>(factor.variable) == v;
            if (contains)
                m_variableTerms.push_back(t);
        }
    }
    m_variableTermStart.push_back(m_variableTerms.size());
    m_termRandom.assign(termCount, -1);
    for (std::size_t r = 0; r < design.randomTerms().size(); ++r)
        m_termRandom[static_cast<std::size_t>(design.randomTerms()[r])] =
            static_cast<Eigen::Index>(r);
    m_rowMissing.assign(design.rowCount(), 0);
    for (int k = 0; k < design.level1ComponentCount(); ++k) {
        const DesignVariable& variable = design.variables()[static_cast<std::size_t>(
            design.components()[static_cast<std::size_t>(k)].variable)];
        for (std::size_t i = 0; i < design.rowCount(); ++i)
            m_rowMissing[i] = static_cast<std::uint8_t>(m_rowMissing[i] | variable.missing[i]);
    }
    m_termsOne.assign(termCount, 0.0);
    for (std::size_t i = 0; i < design.rowCount(); ++i)
        recomputeRow(i);
    m_imputation = std::make_unique<ImputationComponents>(design, m_values);
    m_moi = std::make_unique<MoiUpdate>(design, m_x);
    if (!design.spec().defaultStartingValues) {
        m_imputation->overdisperse(m_rng);
        m_moi->overdisperse(m_rng);
    }
    const std::size_t components = design.components().size();
    m_scale.assign(components, 1.0);
    m_windowProposed.assign(components, 0);
    m_windowAccepted.assign(components, 0);
    m_proposed.assign(components, 0);
    m_accepted.assign(components, 0);
}

std::vector<ParameterInfo> OnePassChain::parameters(const OnePassDesign& design,
                                                    std::size_t& resultCount)
{
    std::vector<ParameterInfo> result;
    const auto addTriangle = [&](const std::string& prefix, std::size_t dimension) {
        std::size_t k = 0;
        for (std::size_t r = 0; r < dimension; ++r)
            for (std::size_t c = 0; c <= r; ++c, ++k) {
                const std::string name = prefix + std::to_string(k);
                result.push_back({name, name});
            }
    };
    if (design.hasImputationLevel2())
        addTriangle("omega_u_", design.components().size());
    for (std::size_t t = 0; t < design.terms().size(); ++t)
        result.push_back({"beta_" + std::to_string(t), design.terms()[t].name});
    addTriangle("omega_uint_", design.randomTerms().size());
    if (design.spec().family == Family::Normal)
        result.push_back({"sigma2", "sigma2"});
    else if (design.spec().family == Family::NegativeBinomial)
        result.push_back({"alpha", "alpha"});
    resultCount = result.size();
    std::size_t k = 0;
    for (const DesignComponent& component : design.components())
        for (const std::string& explanatory : component.explanatory)
            result.push_back(
                {"beta2imp_" + std::to_string(k++), component.response + ": " + explanatory});
    addTriangle("omega_e_", static_cast<std::size_t>(design.level1ComponentCount()));
    return result;
}

void OnePassChain::recomputeRow(std::size_t row)
{
    const std::size_t unit = m_design.unitOfRow()[row];
    double* x = m_x.data() + static_cast<Eigen::Index>(row) * m_x.cols();
    const std::size_t terms = m_termFactorStart.size() - 1;
    for (std::size_t t = 0; t < terms; ++t)
        x[t] = termValue(row, unit, t);
}

double OnePassChain::rowLogLikelihood(std::size_t row) const
{
    return m_moi->logLikelihood(m_design.response()[row], m_moi->linearPredictor(row));
}

double OnePassChain::unitLogLikelihood(std::size_t unit) const
{
    double sum = 0.0;
    for (std::size_t i = m_design.unitStart()[unit]; i < m_design.unitStart()[unit + 1]; ++i)
        sum += rowLogLikelihood(i);
    return sum;
}

void OnePassChain::iterate(bool adapting)
{
    m_imputation->updateParameters(m_rng, adapting);
    updateLevel1Values(adapting);
    updateLevel2Values(adapting);
    m_moi->update(m_rng, adapting);
    if (adapting && m_iteration % kAdaptWindow == 0)
        adaptScales();
}

void OnePassChain::adaptScales()
{
    for (std::size_t c = 0; c < m_scale.size(); ++c) {
        if (m_windowProposed[c] == 0)
            continue;
        const double rate =
            static_cast<double>(m_windowAccepted[c]) / static_cast<double>(m_windowProposed[c]);
        // Towards 44% acceptance, the optimum for a one-dimensional random walk.
        m_scale[c] = std::clamp(m_scale[c] * std::exp(2.0 * (rate - 0.44)), 0.01, 100.0);
        m_windowProposed[c] = 0;
        m_windowAccepted[c] = 0;
    }
}

void OnePassChain::writeParameters(double* out) const
{
    m_imputation->writeOmegaU(out);
    out += m_imputation->omegaUCount();
    m_moi->write(out);
    const Eigen::Index moiCount = m_moi->fixedCount() +
                                  m_moi->randomCount() * (m_moi->randomCount() + 1) / 2 +
                                  (m_moi->hasScale() ? 1 : 0);
    out += moiCount;
    m_imputation->writeAlpha(out);
    out += m_design.coefficientCount();
    m_imputation->writeOmegaE(out);
}

void OnePassChain::storeImputed(ChainOutput& output, int chainIndex, long iteration) const
{
    const auto& kept = m_design.keptRows();
    // Position of each original row among the kept rows (kept rows are ascending).
    ImputedDatasets data;
    data.chain = chainIndex;
    data.iteration = iteration;
    data.level1 = m_level1.selectRows(kept);
    data.level1.setName(m_level1.name() + "_chain" + std::to_string(chainIndex) + "_iter" +
                        std::to_string(iteration));
    const bool level2Output =
        m_level2 && m_design.level2ComponentCount() > 0 && !m_design.unitLevel2Row().empty();
    if (level2Output) {
        data.level2 = m_level2->selectRows(m_design.unitLevel2Row());
        data.level2->setName(m_level2->name() + "_chain" + std::to_string(chainIndex) + "_iter" +
                             std::to_string(iteration));
    }
    const auto& sorted = m_design.sortedRows();
    const auto keptPosition = [&](std::size_t original) {
        return static_cast<std::size_t>(std::lower_bound(kept.begin(), kept.end(), original) -
                                        kept.begin());
    };
    for (std::size_t v = 0; v < m_design.variables().size(); ++v) {
        const DesignVariable& variable = m_design.variables()[v];
        if (variable.missingCells.empty())
            continue;
        for (std::size_t cell : variable.missingCells) {
            const double value = m_values[v][cell];
            if (!variable.level2) {
                data.level1.column(variable.name).setValue(keptPosition(sorted[cell]), value);
                continue;
            }
            if (variable.source == Level2Source::Level2Dataset) {
                if (data.level2)
                    data.level2->column(variable.name).setValue(cell, value);
                if (data.level1.hasColumn(variable.name))
                    continue; // the level-1 copy is the user's own column; left as it is
            } else {
                for (std::size_t i = m_design.unitStart()[cell]; i < m_design.unitStart()[cell + 1];
                     ++i)
                    data.level1.column(variable.name).setValue(keptPosition(sorted[i]), value);
            }
        }
    }
    output.imputed.push_back(std::move(data));
}

ChainOutput OnePassChain::run(const RunControl& control, int chainIndex)
{
    const OnePassSpec& spec = m_design.spec();
    std::size_t resultCount = 0;
    const std::size_t parameterCount = parameters(m_design, resultCount).size();
    ChainOutput output;
    const auto storedTotal = static_cast<std::size_t>(spec.iterations / spec.thinning);
    output.draws.assign(parameterCount, {});
    for (auto& draws : output.draws)
        draws.reserve(storedTotal);
    output.iterations.reserve(storedTotal);
    const auto q = static_cast<std::size_t>(m_moi->randomCount());
    if (spec.storeResiduals) {
        output.residualSum.assign(m_design.unitCount() * q, 0.0);
        output.residualSquares.assign(m_design.unitCount() * q, 0.0);
    }
    if (spec.makePrediction)
        output.predictionSum.assign(m_design.rowCount(), 0.0);
    std::vector<double> values(parameterCount);
    const long adaptUntil = std::min(spec.adaptIterations, spec.burnin);
    const long total = spec.burnin + spec.iterations;
    for (m_iteration = 1; m_iteration <= total; ++m_iteration) {
        if (control.cancelled())
            throw RunCancelled{};
        const bool adapting = m_iteration <= adaptUntil;
        m_counting = m_iteration > adaptUntil;
        iterate(adapting);
        const long after = m_iteration - spec.burnin;
        if (after > 0 && after % spec.thinning == 0) {
            writeParameters(values.data());
            for (std::size_t p = 0; p < parameterCount; ++p)
                output.draws[p].push_back(values[p]);
            output.iterations.push_back(m_iteration);
            ++output.stored;
            if (control.live)
                control.live->append(chainIndex, m_iteration,
                                     std::span<const double>(values.data(), resultCount));
            if (spec.storeResiduals) {
                const RowMatrix& u = m_moi->randomEffects();
                for (std::size_t j = 0; j < m_design.unitCount(); ++j)
                    for (std::size_t r = 0; r < q; ++r) {
                        const double value =
                            u(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(r));
                        output.residualSum[j * q + r] += value;
                        output.residualSquares[j * q + r] += value * value;
                    }
            }
            if (spec.makePrediction)
                for (std::size_t i = 0; i < m_design.rowCount(); ++i)
                    output.predictionSum[i] += m_moi->mean(m_moi->linearPredictor(i));
        }
        if (after > 0 && std::find(spec.imputeIterations.begin(), spec.imputeIterations.end(),
                                   after) != spec.imputeIterations.end())
            storeImputed(output, chainIndex, after);
        control.reportProgress(chainIndex, m_iteration, total);
    }

    for (std::size_t c = 0; c < m_design.components().size(); ++c) {
        if (m_proposed[c] == 0)
            continue;
        output.acceptance.push_back(
            {m_design.components()[c].response + " (missing values)",
             static_cast<double>(m_accepted[c]) / static_cast<double>(m_proposed[c]), m_scale[c]});
    }
    std::vector<std::tuple<std::string, double, double>> moiRates;
    m_moi->acceptance(moiRates);
    for (const auto& [block, rate, scale] : moiRates)
        output.acceptance.push_back({block, rate, scale});
    if (m_imputation->correlationAcceptance() >= 0.0)
        output.acceptance.push_back(
            {"imputation level-1 latent correlations", m_imputation->correlationAcceptance(), 0.0});
    return output;
}

} // namespace grove::onepass
