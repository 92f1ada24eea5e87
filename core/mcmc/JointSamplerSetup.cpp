// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/JointImputationSampler.h"

#include "core/mcmc/JointModelPriors.h"
#include "core/mcmc/LatentDraw.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace grove {

using detail::infinity;

JointImputationSampler::JointImputationSampler(const ImputationDesign& design,
                                               bool conditionalAlgorithm, std::uint64_t seed,
                                               std::uint64_t chain, bool parameterExpansion)
    : m_design(design), m_rowProgram(design), m_marginalBeta(conditionalAlgorithm),
      m_rng(seed, chain),
      m_samplerE(level1Groups(design), design.level1DimCount() + 1.0, level1PriorScale(design)),
      m_samplerU(level2Groups(design),
                 design.twoLevel() ? design.level1DimCount() + design.level2DimCount() + 1.0 : 1.0,
                 level2PriorScale(design))
{
    m_p1 = design.level1DimCount();
    m_p2 = design.twoLevel() ? design.level2DimCount() : 0;
    m_q = design.twoLevel() ? m_p1 + m_p2 : 0;
    m_k = design.twoLevelCoefficientCount();
    m_kAll = design.coefficientCount();
    m_k1 = design.level1ColumnCount();
    m_k2 = design.level2ColumnCount();
    m_n = design.rowCount();
    m_units = design.twoLevel() ? design.unitCount() : 0;
    initialise();
    setUpExpansion(parameterExpansion);
    m_groupsE = level1Groups(design);
    m_groupsU = level2Groups(design);
    buildParameters();
}

void JointImputationSampler::initialise()
{
    const Eigen::Index p1 = m_p1;
    const Eigen::Index k1 = m_k1;
    const auto& responses1 = m_design.level1Responses();
    const auto& responses2 = m_design.level2Responses();
    const std::size_t r1 = responses1.size();
    const std::size_t r2 = responses2.size();

    // Thresholds gamma_0 = 0 < gamma_1 < ... spaced by one; burn-in finds them.
    const auto initialThresholds = [](const DesignResponse& response) {
        std::vector<double> thresholds;
        if (response.type == ResponseType::Binary || response.type == ResponseType::Ordered)
            for (int c = 0; c + 1 < response.categories; ++c)
                thresholds.push_back(static_cast<double>(c));
        return thresholds;
    };
    for (const DesignResponse& response : responses1) {
        m_thresholds1.push_back(initialThresholds(response));
        m_thresholdStep1.push_back(0.05);
    }
    for (const DesignResponse& response : responses2) {
        m_thresholds2.push_back(initialThresholds(response));
        m_thresholdStep2.push_back(0.1);
    }

    // Starting latent values consistent with the observed categories; missing values start at
    // the observed mean (Normal) or in the reference/first category.
    const auto startValues = [&](const DesignResponse& response,
                                 const std::vector<double>& thresholds, double observed,
                                 double observedMean, double* z) {
        const bool missing = std::isnan(observed);
        switch (response.type) {
        case ResponseType::Normal: z[0] = missing ? observedMean : observed; break;
        case ResponseType::Binary:
        case ResponseType::Ordered: {
            const int c = missing ? 0 : static_cast<int>(observed);
            const int last = response.categories - 1;
            z[0] = c == 0      ? thresholds[0] - 0.5
                   : c == last ? thresholds[static_cast<std::size_t>(last - 1)] + 0.5
                               : 0.5 * (thresholds[static_cast<std::size_t>(c - 1)] +
                                        thresholds[static_cast<std::size_t>(c)]);
            break;
        }
        case ResponseType::Unordered: {
            const int c = missing ? response.dimCount : static_cast<int>(observed);
            for (int k = 0; k < response.dimCount; ++k)
                z[k] = k == c ? 1.0 : -1.0;
            break;
        }
        }
    };
    const auto observedMean = [](const std::vector<double>& y, std::size_t stride, std::size_t r) {
        double sum = 0.0;
        double count = 0.0;
        for (std::size_t i = r; i < y.size(); i += stride)
            if (!std::isnan(y[i])) {
                sum += y[i];
                count += 1.0;
            }
        return count > 0.0 ? sum / count : 0.0;
    };

    m_z1.assign(m_n * static_cast<std::size_t>(m_p1), 0.0);
    for (std::size_t r = 0; r < r1; ++r) {
        const DesignResponse& response = responses1[r];
        const double mean = observedMean(m_design.y1(), r1, r);
        for (std::size_t i = 0; i < m_n; ++i) {
            const double observed = m_design.y1()[i * r1 + r];
            startValues(response, m_thresholds1[r], observed, mean,
                        &m_z1[i * static_cast<std::size_t>(m_p1) +
                              static_cast<std::size_t>(response.firstDim)]);
        }
    }
    m_z2.assign(m_units * static_cast<std::size_t>(m_p2), 0.0);
    for (std::size_t r = 0; r < r2 && m_units > 0; ++r) {
        const DesignResponse& response = responses2[r];
        const double mean = observedMean(m_design.y2(), r2, r);
        for (std::size_t j = 0; j < m_units; ++j)
            startValues(response, m_thresholds2[r], m_design.y2()[j * r2 + r], mean,
                        &m_z2[j * static_cast<std::size_t>(m_p2) +
                              static_cast<std::size_t>(response.firstDim)]);
    }
    m_u.assign(m_units * static_cast<std::size_t>(m_p1), 0.0);

    // Fixed effects start at zero except intercepts, which start at the mean starting value.
    m_beta = Eigen::VectorXd::Zero(m_kAll);
    for (int d = 0; d < m_p1; ++d) {
        const DesignDimension& dim = m_design.level1Dims()[static_cast<std::size_t>(d)];
        const auto cons = std::find(dim.terms.begin(), dim.terms.end(), "cons");
        if (cons == dim.terms.end())
            continue;
        double sum = 0.0;
        for (std::size_t i = 0; i < m_n; ++i)
            sum += m_z1[i * static_cast<std::size_t>(m_p1) + static_cast<std::size_t>(d)];
        m_beta(dim.firstCoefficient + (cons - dim.terms.begin())) = sum / static_cast<double>(m_n);
    }
    for (int d = 0; d < m_p2; ++d) {
        const DesignDimension& dim = m_design.level2Dims()[static_cast<std::size_t>(d)];
        const auto cons = std::find(dim.terms.begin(), dim.terms.end(), "cons");
        if (cons == dim.terms.end())
            continue;
        double sum = 0.0;
        for (std::size_t j = 0; j < m_units; ++j)
            sum += m_z2[j * static_cast<std::size_t>(m_p2) + static_cast<std::size_t>(d)];
        m_beta(dim.firstCoefficient + (cons - dim.terms.begin())) =
            sum / static_cast<double>(m_units);
    }

    m_omegaE = level1PriorScale(m_design);
    m_omegaU = level2PriorScale(m_design);
    for (Eigen::Index d = 0; d < m_q; ++d)
        if (level2Latent(m_design)[static_cast<std::size_t>(d)])
            m_omegaU(d, d) = 1.0;

    // Constant statistics: X'X, unit means, within-unit cross-products, level-2 X'X.
    const double* x = m_design.x1().data();
    m_xx1 = Eigen::MatrixXd::Zero(k1, k1);
    for (std::size_t i = 0; i < m_n; ++i) {
        const Eigen::Map<const Eigen::VectorXd> xi(x + i * static_cast<std::size_t>(k1), k1);
        m_xx1.noalias() += xi * xi.transpose();
    }
    m_xbar = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(m_units), k1);
    m_unitSize = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m_units));
    m_within1 = m_xx1;
    for (std::size_t j = 0; j < m_units; ++j) {
        const std::size_t begin = m_design.unitStart(j);
        const std::size_t end = m_design.unitStart(j + 1);
        const Eigen::Index jj = static_cast<Eigen::Index>(j);
        for (std::size_t i = begin; i < end; ++i)
            m_xbar.row(jj) +=
                Eigen::Map<const Eigen::RowVectorXd>(x + i * static_cast<std::size_t>(k1), k1);
        const double size = static_cast<double>(end - begin);
        m_unitSize(jj) = size;
        m_xbar.row(jj) /= size;
        m_within1.noalias() -= size * m_xbar.row(jj).transpose() * m_xbar.row(jj);
    }
    m_xx2 = Eigen::MatrixXd::Zero(m_k2, m_k2);
    for (std::size_t j = 0; j < m_units && m_k2 > 0; ++j) {
        const Eigen::Map<const Eigen::VectorXd> xj(
            m_design.x2().data() + j * static_cast<std::size_t>(m_k2), m_k2);
        m_xx2.noalias() += xj * xj.transpose();
    }

    // Work storage, sized once.
    m_precisionE.resize(p1, p1);
    m_conditionalE.resize(p1, p1);
    m_conditionalSdE.resize(p1);
    m_precisionU.resize(m_q, m_q);
    m_sumSquaresE.resize(p1, p1);
    m_sumSquaresU.resize(m_q, m_q);
    m_zsum.resize(static_cast<Eigen::Index>(m_units), p1);
    m_betaPrecision.resize(m_k, m_k);
    m_betaRhs.resize(m_k);
    m_normals.resize(std::max(m_k, m_q));
    m_work1.resize(k1, p1);
    m_omegaUGivenR.resize(p1, p1);
    m_aMatrix.resize(p1, m_p2);
    m_precisionRR.resize(m_p2, m_p2);
    m_unitCovariance.resize(p1, p1);
    m_unitVector1.resize(p1);
    m_unitVector1b.resize(p1);
    m_unitVector2.resize(m_p2);
    m_unitVectorQ.resize(m_q);
    m_unitPrecision.resize(p1, p1);
    m_betaFactor = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(m_k, m_k));
    m_unitFactor = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(p1, p1));
    m_smallLower = Eigen::MatrixXd::Zero(p1, p1);
    m_smallWork = Eigen::MatrixXd::Zero(p1, p1);
    m_unitInverse = Eigen::MatrixXd::Zero(p1, p1);
    m_factorE = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(p1, p1));
    m_factorU = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(m_q, m_q));
    m_factorSmall = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(m_p1, m_p1));
    m_factorSmall2 = Eigen::LLT<Eigen::MatrixXd>(Eigen::MatrixXd::Identity(m_p2, m_p2));
    m_mean.assign(static_cast<std::size_t>(std::max(m_q, m_p1)), 0.0);
    m_residual.assign(static_cast<std::size_t>(std::max(m_q, m_p1)), 0.0);
    m_cowlesMeans.assign(std::max(m_n, m_units), 0.0);
    m_cowlesCategories.assign(std::max(m_n, m_units), 0);
    m_cowlesRows.assign(std::max(m_n, m_units), 0);
    m_conditionalRows.assign(static_cast<std::size_t>(m_p1 * m_p1), 0.0);
    m_xzRows.assign(m_rowProgram.columnCount() * static_cast<std::size_t>(m_p1), 0.0);
    m_xzWork = m_xzRows;
    m_xbarZsum = m_xzRows;
    m_xsumU = m_xzRows;
    m_patternMeans.assign(m_rowProgram.patternCount() * static_cast<std::size_t>(m_p1), 0.0);
    m_patternZ = m_patternMeans;
    m_level2Cross.assign(static_cast<std::size_t>(m_k2 * m_q), 0.0);
    const std::size_t columns = m_rowProgram.columnCount();
    m_xbarDistinct.assign(m_units * columns, 0.0);
    m_xsumDistinct.assign(m_units * columns, 0.0);
    for (std::size_t j = 0; j < m_units; ++j) {
        for (std::size_t i = m_design.unitStart(j); i < m_design.unitStart(j + 1); ++i)
            for (std::size_t c = 0; c < columns; ++c)
                m_xsumDistinct[j * columns + c] += m_rowProgram.covariates()[i * columns + c];
        for (std::size_t c = 0; c < columns; ++c)
            m_xbarDistinct[j * columns + c] =
                m_xsumDistinct[j * columns + c] / m_unitSize(static_cast<Eigen::Index>(j));
    }
    m_betaDense.assign(m_rowProgram.columnCount() * static_cast<std::size_t>(m_p1), 0.0);
    m_boundTable.assign(2 * m_rowProgram.boundCount(), 0.0);
    // Each coefficient's dimension (level-2 ones after the P1 level-1 ones) and covariate.
    m_coefDimIndex.assign(static_cast<std::size_t>(m_k), 0);
    m_coefColumn.assign(static_cast<std::size_t>(m_k), 0);
    m_coefLevel2.assign(static_cast<std::size_t>(m_k), 0);
    m_coefValues.assign(static_cast<std::size_t>(m_k), 0.0);
    for (int d = 0; d < m_p1; ++d) {
        const DesignDimension& dim = m_design.level1Dims()[static_cast<std::size_t>(d)];
        for (std::size_t c = 0; c < dim.terms.size(); ++c) {
            const std::size_t coefficient = static_cast<std::size_t>(dim.firstCoefficient) + c;
            m_coefDimIndex[coefficient] = d;
            m_coefColumn[coefficient] = static_cast<std::size_t>(dim.firstColumn) + c;
        }
    }
    for (int d = 0; d < m_p2; ++d) {
        const DesignDimension& dim = m_design.level2Dims()[static_cast<std::size_t>(d)];
        for (std::size_t c = 0; c < dim.terms.size(); ++c) {
            const std::size_t coefficient = static_cast<std::size_t>(dim.firstCoefficient) + c;
            m_coefDimIndex[coefficient] = m_p1 + d;
            m_coefColumn[coefficient] = static_cast<std::size_t>(dim.firstColumn) + c;
            m_coefLevel2[coefficient] = 1;
        }
    }
    m_unitWt = Eigen::MatrixXd::Zero(p1, m_q);
    m_unitG = Eigen::MatrixXd::Zero(m_q, m_q);
    m_unitT = Eigen::VectorXd::Zero(m_q);
    m_unitSum.assign(static_cast<std::size_t>(m_p1), 0.0);
    m_unitOffset.assign(static_cast<std::size_t>(m_p1), 0.0);
    m_adjustedRow.assign(static_cast<std::size_t>(m_p1), 0.0);
    m_unitShift.assign(static_cast<std::size_t>(m_p1), 0.0);
    m_pendingShift.assign(std::max<std::size_t>(m_units, 1) * static_cast<std::size_t>(m_p1), 0.0);
    for (const auto* dims : {&m_design.level1Dims(), &m_design.level2Dims()}) {
        if (dims == &m_design.level2Dims() && !m_design.twoLevel())
            break;
        for (const DesignDimension& dim : *dims) {
            m_dimColumnBegin.push_back(dim.firstColumn);
            m_dimColumnEnd.push_back(dim.firstColumn + static_cast<int>(dim.terms.size()));
            m_dimCoefficientBegin.push_back(dim.firstCoefficient);
        }
    }
    m_conditionalU.assign(static_cast<std::size_t>(m_q * m_q), 0.0);
    m_conditionalSdU.assign(static_cast<std::size_t>(m_q), 0.0);
    for (const DesignResponse& response : responses1)
        if (m_design.twoLevel() &&
            (response.type == ResponseType::Binary || response.type == ResponseType::Ordered))
            m_shiftDims.push_back(response.firstDim);
    for (const DesignResponse& response : responses1)
        if (response.type == ResponseType::Ordered && response.categories >= 3)
            m_hasLevel1Cowles = true;
    // One unit's worth in a one-level model, where the row pass computes them unused.
    m_shiftLow.assign(std::max<std::size_t>(m_units, 1) * static_cast<std::size_t>(m_p1),
                      -infinity);
    m_shiftHigh.assign(std::max<std::size_t>(m_units, 1) * static_cast<std::size_t>(m_p1),
                       infinity);
    // Each level-1 dimension's intercept: a `cons` column of ones (the further classifications'
    // translation moves need one).
    const auto interceptOf = [](const DesignDimension& dim, const std::vector<double>& xs,
                                std::size_t width, std::size_t rows) {
        const auto cons = std::find(dim.terms.begin(), dim.terms.end(), "cons");
        if (cons == dim.terms.end())
            return -1;
        const std::size_t column =
            static_cast<std::size_t>(dim.firstColumn + (cons - dim.terms.begin()));
        for (std::size_t i = 0; i < rows; ++i)
            if (xs[i * width + column] != 1.0)
                return -1;
        return dim.firstCoefficient + static_cast<int>(cons - dim.terms.begin());
    };
    for (const DesignDimension& dim : m_design.level1Dims())
        m_interceptOf.push_back(interceptOf(dim, m_design.x1(), static_cast<std::size_t>(k1), m_n));

    // Further classifications: effects start at zero, their covariances at the prior scale
    // (IW(Q + 1, diag(v) / 10), as Omega_u's) with latent variances 1, own latents as level 2's.
    const std::size_t classifications = m_design.classificationCount();
    m_further.reserve(classifications);
    for (std::size_t c = 1; c < classifications; ++c) {
        const Eigen::MatrixXd scale = classificationPriorScale(m_design, c);
        const std::vector<int> groups = classificationGroups(m_design, c);
        FurtherClassification& further =
            m_further.emplace_back(groups, static_cast<double>(scale.rows()) + 1.0, scale);
        const ClassificationResponses& block = m_design.classificationResponses(c);
        const std::size_t own = block.dims.size();
        further.q = static_cast<std::size_t>(scale.rows());
        further.effects = further.q - own;
        further.units = m_design.extraUnitCount(c);
        further.unitOfRow = m_design.extraUnitOfRow(c).data();
        further.unitSize = m_design.extraUnitSize(c).data();
        further.u.assign(further.units * further.effects, 0.0);
        further.delta = further.u;
        further.lowerSums = further.u;
        further.sums.assign(further.units * static_cast<std::size_t>(m_p1), 0.0);
        further.shiftLow.assign(further.units, 0.0);
        further.shiftHigh.assign(further.units, 0.0);
        further.interceptOf = m_interceptOf;
        std::size_t first = static_cast<std::size_t>(m_p1);
        for (std::size_t below = 0; below < c && m_design.effectsAbove(); ++below) {
            const ClassificationResponses& lower = m_design.classificationResponses(below);
            if (lower.dims.empty())
                continue;
            FurtherClassification::Below entry;
            entry.classification = below;
            entry.first = first;
            const std::size_t units = m_design.classificationUnitCount(below);
            for (std::size_t l = 0; l < units; ++l)
                entry.unitAbove.push_back(
                    static_cast<std::uint32_t>(m_design.unitAbove(below, l, c)));
            for (const DesignDimension& dim : lower.dims)
                further.interceptOf.push_back(
                    interceptOf(dim, lower.x, static_cast<std::size_t>(lower.columns), units));
            first += lower.dims.size();
            further.below.push_back(std::move(entry));
        }
        further.lowerCounts.assign(further.units * std::max<std::size_t>(1, further.below.size()),
                                   0.0);
        for (std::size_t b = 0; b < further.below.size(); ++b)
            for (const std::uint32_t unit : further.below[b].unitAbove)
                further.lowerCounts[unit * further.below.size() + b] += 1.0;
        // Own responses: start values as level 2's, intercepts at their mean.
        further.z.assign(further.units * own, 0.0);
        const std::size_t responseCount = block.responses.size();
        for (std::size_t r = 0; r < responseCount; ++r) {
            const DesignResponse& response = block.responses[r];
            further.thresholds.push_back(initialThresholds(response));
            further.thresholdSteps.push_back(0.1);
            const double mean = observedMean(block.y, responseCount, r);
            for (std::size_t k = 0; k < further.units; ++k)
                startValues(response, further.thresholds.back(), block.y[k * responseCount + r],
                            mean,
                            &further.z[k * own + static_cast<std::size_t>(response.firstDim)]);
        }
        for (std::size_t d = 0; d < own; ++d) {
            const int coefficient = interceptOf(
                block.dims[d], block.x, static_cast<std::size_t>(block.columns), further.units);
            if (coefficient < 0)
                continue;
            double sum = 0.0;
            for (std::size_t k = 0; k < further.units; ++k)
                sum += further.z[k * own + d];
            m_beta(coefficient) = sum / static_cast<double>(further.units);
        }
        if (m_design.effectsAbove() && c + 1 < classifications)
            further.offsets.assign(further.units * own, 0.0);
        int ownCoefficients = 0;
        for (const DesignDimension& dim : block.dims)
            ownCoefficients += static_cast<int>(dim.terms.size());
        further.betaPrecision = Eigen::MatrixXd::Zero(ownCoefficients, ownCoefficients);
        further.betaRhs = Eigen::VectorXd::Zero(ownCoefficients);
        further.betaNormals = Eigen::VectorXd::Zero(ownCoefficients);
        further.betaFactor = Eigen::LLT<Eigen::MatrixXd>(
            Eigen::MatrixXd::Identity(ownCoefficients, ownCoefficients));
        further.omega = scale;
        for (std::size_t d = 0; d < further.q; ++d)
            if (groups[d] >= 0)
                further.omega(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(d)) = 1.0;
        further.precision = Eigen::MatrixXd::Identity(scale.rows(), scale.rows());
        further.sumSquares = Eigen::MatrixXd::Zero(scale.rows(), scale.rows());
        further.factor = Eigen::LLT<Eigen::MatrixXd>(further.omega);
        further.conditional.assign(further.q * further.q, 0.0);
        further.conditionalSd.assign(further.q, 0.0);
        further.work.assign(further.q * further.q + 4 * further.q, 0.0);
    }
    for (std::size_t c = 1; c < classifications; ++c)
        refreshFurtherPrecision(c);
    if (!m_further.empty())
        m_rowOffsets.assign(m_n * static_cast<std::size_t>(m_p1), 0.0);
    if (m_design.effectsAbove() && m_p2 > 0) {
        m_offsets2.assign(m_units * static_cast<std::size_t>(m_p2), 0.0);
        m_z2Data = m_offsets2;
    }
    // Unit-level work vectors (fitted values, a unit's full vector) of every classification.
    std::size_t largest = m_mean.size();
    for (const FurtherClassification& further : m_further)
        largest = std::max(largest, further.q);
    m_mean.resize(largest, 0.0);
    m_residual.resize(largest, 0.0);
    refreshPrecisionE();
    refreshPrecisionU();
}

void JointImputationSampler::buildParameters()
{
    const auto& dims1 = m_design.level1Dims();
    const std::size_t classifications = m_design.classificationCount();
    int index = 0;
    const auto addCoefficients = [&](const std::vector<DesignDimension>& dims) {
        for (const DesignDimension& dim : dims)
            for (const std::string& term : dim.terms) {
                const std::string name = "beta_" + std::to_string(index++);
                m_parameters.push_back(
                    {name, dim.name + ":" + term, "coefficient of " + term + " for " + dim.name});
            }
    };
    addCoefficients(dims1);
    for (std::size_t c = 0; c < classifications; ++c)
        addCoefficients(m_design.classificationResponses(c).dims);
    // The dimensions of classification c's matrix: effects on the level-1 dimensions and (nested)
    // on the responses below, then its own responses.
    std::vector<std::string> names;
    const auto namesOf = [&](std::size_t c) {
        names.clear();
        for (const DesignDimension& dim : dims1)
            names.push_back("u(" + dim.name + ")");
        for (std::size_t below = 0; below < c && m_design.effectsAbove(); ++below)
            for (const DesignDimension& dim : m_design.classificationResponses(below).dims)
                names.push_back("u(" + dim.name + ")");
        for (const DesignDimension& dim : m_design.classificationResponses(c).dims)
            names.push_back(dim.name);
    };
    // One classification: 2LevelImpute's names (omega_u_, "at level 2"); more: named after
    // each classification's ID (omega_<id>_, "at <id>").
    const bool named = classifications > 1;
    const auto addMatrix = [&](const std::string& prefix, const std::vector<int>& groups,
                               const std::string& where) {
        int element = 0;
        const int size = static_cast<int>(names.size());
        for (int a = 0; a < size; ++a)
            for (int b = 0; b <= a; ++b, ++element) {
                if (isFixedElement(groups, a, b))
                    continue; // latent variance 1, or within-Unordered correlation 0
                const std::string name = prefix + std::to_string(element);
                const std::string& na = names[static_cast<std::size_t>(a)];
                const std::string& nb = names[static_cast<std::size_t>(b)];
                const std::string what = a == b ? "var(" + na + ")" : "cov(" + na + ", " + nb + ")";
                m_parameters.push_back({name, name, what + " at " + where});
            }
    };
    if (m_design.twoLevel()) {
        namesOf(0);
        addMatrix(named ? "omega_" + m_design.classificationId(0) + "_" : "omega_u_",
                  level2Groups(m_design),
                  named ? m_design.classificationId(0) : std::string("level 2"));
    }
    for (std::size_t c = 1; c < classifications; ++c) {
        namesOf(c);
        addMatrix("omega_" + m_design.classificationId(c) + "_", m_further[c - 1].groups,
                  m_design.classificationId(c));
    }
    names.clear();
    for (const DesignDimension& dim : dims1)
        names.push_back(dim.name);
    addMatrix("omega_e_", level1Groups(m_design), "level 1");
    const auto addThresholds = [&](const std::vector<DesignResponse>& responses) {
        for (const DesignResponse& response : responses)
            if (response.type == ResponseType::Ordered)
                for (int c = 1; c + 1 < response.categories; ++c) {
                    const std::string name =
                        "threshold_" + response.variable + "_" + std::to_string(c);
                    m_parameters.push_back({name, name,
                                            "threshold between categories " + std::to_string(c) +
                                                " and " + std::to_string(c + 1) + " of " +
                                                response.variable});
                }
    };
    addThresholds(m_design.level1Responses());
    for (std::size_t c = 0; c < classifications; ++c)
        addThresholds(m_design.classificationResponses(c).responses);
}

} // namespace grove
