// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/moi/MoiSampler.h"

#include "core/common/Error.h"

#include <cmath>

namespace grove {

MoiSampler::MoiSampler(std::vector<ParameterInfo> parameters, Eigen::Index fixedEffectCount)
    : m_parameters(std::move(parameters)), m_fixedCount(fixedEffectCount),
      m_meanOfMeans(Eigen::VectorXd::Zero(fixedEffectCount)),
      m_spreadOfMeans(Eigen::MatrixXd::Zero(fixedEffectCount, fixedEffectCount)),
      m_sumOfCovariances(Eigen::MatrixXd::Zero(fixedEffectCount, fixedEffectCount)),
      m_delta(fixedEffectCount),
      m_conditionalSum(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m_parameters.size()))),
      m_conditionalCount(m_parameters.size(), 0)
{
}

namespace {

[[noreturn]] void notComposable()
{
    throw Error("model of interest: this distribution does not take several classifications yet");
}

} // namespace

void MoiSampler::setOffset(const Eigen::Ref<const Eigen::MatrixXd>&)
{
    notComposable();
}

void MoiSampler::addRandomPart(Eigen::Ref<Eigen::MatrixXd>) const
{
    notComposable();
}

void MoiSampler::exportShared(Eigen::VectorXd&) const
{
    notComposable();
}

void MoiSampler::importShared(const Eigen::VectorXd&)
{
    notComposable();
}

void MoiSampler::addConditionalMeans(Eigen::Index first,
                                     const Eigen::Ref<const Eigen::VectorXd>& means)
{
    m_conditionalSum.segment(first, means.size()) += means;
    for (Eigen::Index k = 0; k < means.size(); ++k)
        ++m_conditionalCount[static_cast<std::size_t>(first + k)];
}

void MoiSampler::addConditionalMeanMatrix(Eigen::Index first,
                                          const Eigen::Ref<const Eigen::MatrixXd>& matrix)
{
    Eigen::Index index = first;
    for (Eigen::Index row = 0; row < matrix.rows(); ++row)
        for (Eigen::Index col = 0; col <= row; ++col) {
            m_conditionalSum(index) += matrix(row, col);
            ++m_conditionalCount[static_cast<std::size_t>(index++)];
        }
}

void MoiSampler::addFixedEffectMoments(const Eigen::Ref<const Eigen::VectorXd>& mean,
                                       const Eigen::Ref<const Eigen::MatrixXd>& covariance)
{
    // Welford: the conditional means can be far from 0 relative to their spread.
    ++m_momentCount;
    m_delta = mean - m_meanOfMeans;
    m_meanOfMeans += m_delta / static_cast<double>(m_momentCount);
    m_spreadOfMeans.noalias() += m_delta * (mean - m_meanOfMeans).transpose();
    m_sumOfCovariances += covariance;
}

MoiFit MoiSampler::run(long burnin, long iterations, long thinning, int chain,
                       const RunControl& control)
{
    const std::size_t parameterCount = m_parameters.size();
    const std::size_t kept = static_cast<std::size_t>(iterations / thinning);
    MoiFit fit;
    fit.chains.parameters = m_parameters;
    fit.chains.draws.assign(
        1, std::vector<std::vector<double>>(parameterCount, std::vector<double>(kept)));
    fit.chains.iterations.assign(1, std::vector<long>());
    fit.chains.iterations[0].reserve(kept);

    std::vector<double> values(parameterCount);
    const long total = burnin + iterations;
    std::size_t stored = 0;
    for (long iteration = 1; iteration <= total; ++iteration) {
        if (control.cancelled())
            throw RunCancelled{};
        const bool sampling = iteration > burnin;
        iterate(sampling);
        if (sampling && (iteration - burnin) % thinning == 0 && stored < kept) {
            writeValues(values.data());
            for (std::size_t k = 0; k < parameterCount; ++k)
                fit.chains.draws[0][k][stored] = values[k];
            fit.chains.iterations[0].push_back(iteration);
            ++stored;
        }
        control.reportProgress(chain, iteration, total);
    }

    const double count = static_cast<double>(kept);
    std::vector<double> means(parameterCount, 0.0);
    for (std::size_t k = 0; k < parameterCount; ++k) {
        const std::vector<double>& draws = fit.chains.draws[0][k];
        double mean = 0.0;
        for (double v : draws)
            mean += v;
        mean /= count;
        double squares = 0.0;
        for (double v : draws)
            squares += (v - mean) * (v - mean);
        means[k] = mean;
        MoiParameterSummary summary;
        summary.name = m_parameters[k].name;
        summary.term = m_parameters[k].term;
        summary.drawMean = mean;
        summary.drawSd = kept > 1 ? std::sqrt(squares / (count - 1.0)) : 0.0;
        summary.mean = summary.drawMean;
        summary.sd = summary.drawSd;
        const long conditionalCount = m_conditionalCount[k];
        if (conditionalCount > 0) {
            summary.mean = m_conditionalSum(static_cast<Eigen::Index>(k)) /
                           static_cast<double>(conditionalCount);
            summary.raoBlackwellised = true;
        }
        fit.summary.push_back(summary);
    }

    const Eigen::Index p = m_fixedCount;
    fit.fixedEffectCount = static_cast<std::size_t>(p);
    if (m_momentCount > 0) {
        // Law of total variance: E[Var(beta | theta)] + Var(E[beta | theta]).
        const double moments = static_cast<double>(m_momentCount);
        fit.fixedEffectMean = m_meanOfMeans;
        fit.fixedEffectCovariance = m_sumOfCovariances / moments + m_spreadOfMeans / moments;
        fit.raoBlackwellised = true;
        for (Eigen::Index k = 0; k < p; ++k) {
            MoiParameterSummary& summary = fit.summary[static_cast<std::size_t>(k)];
            if (m_conditionalCount[static_cast<std::size_t>(k)] == 0)
                summary.mean = fit.fixedEffectMean(k);
            fit.fixedEffectMean(k) = summary.mean;
            summary.sd = std::sqrt(fit.fixedEffectCovariance(k, k));
            summary.raoBlackwellised = true;
        }
    } else {
        fit.fixedEffectMean.resize(p);
        fit.fixedEffectCovariance.setZero(p, p);
        for (Eigen::Index a = 0; a < p; ++a) {
            fit.fixedEffectMean(a) = fit.summary[static_cast<std::size_t>(a)].mean;
            for (Eigen::Index b = 0; b <= a; ++b) {
                double sum = 0.0;
                const std::vector<double>& da = fit.chains.draws[0][static_cast<std::size_t>(a)];
                const std::vector<double>& db = fit.chains.draws[0][static_cast<std::size_t>(b)];
                for (std::size_t i = 0; i < kept; ++i)
                    sum += (da[i] - means[static_cast<std::size_t>(a)]) *
                           (db[i] - means[static_cast<std::size_t>(b)]);
                const double cov = kept > 1 ? sum / (count - 1.0) : 0.0;
                fit.fixedEffectCovariance(a, b) = cov;
                fit.fixedEffectCovariance(b, a) = cov;
            }
        }
    }
    fit.acceptanceRates = acceptanceRates();
    return fit;
}

} // namespace grove
