// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/onepass/MoiUpdate.h"

#include "core/common/Error.h"
#include "core/math/Priors.h"
#include "core/random/Distributions.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace grove::onepass {

namespace {

constexpr double kDispersionTarget = 0.44;
/// Over-dispersed starts: beta moved by this many approximate posterior sds times N(0, 1), and
/// variances scaled by exp(N(0, kStartLogSd^2)).
constexpr double kStartSds = 3.0;
constexpr double kStartLogSd = 0.5;

} // namespace

void fillNormalsInto(RandomStream& rng, Eigen::VectorXd& out)
{
    for (Eigen::Index k = 0; k < out.size(); ++k)
        out(k) = rng.normal();
}

MoiUpdate::MoiUpdate(const OnePassDesign& design, const RowMatrix& x)
    : m_design(design), m_x(x), m_unitOfRow(design.unitOfRow()), m_unitStart(design.unitStart()),
      m_y(design.response()), m_family(design.spec().family)
{
    m_n = static_cast<Eigen::Index>(design.rowCount());
    m_p = static_cast<Eigen::Index>(design.terms().size());
    m_q = static_cast<Eigen::Index>(design.randomTerms().size());
    m_units = static_cast<Eigen::Index>(design.unitCount());
    for (int t : design.randomTerms())
        m_random.push_back(t);

    m_beta.setZero(m_p);
    m_u.setZero(m_units, m_q);
    double mean = 0.0;
    double squares = 0.0;
    for (double y : m_y) {
        mean += y;
        squares += y * y;
    }
    mean /= static_cast<double>(m_n);
    const double variance = std::max(squares / static_cast<double>(m_n) - mean * mean, 1e-8);
    m_sigma2 = variance;
    const double startVariance = m_family == Family::Normal ? 0.1 * variance : 0.1;
    m_omega = Eigen::MatrixXd::Identity(m_q, m_q) * startVariance;
    m_omegaInverse = Eigen::MatrixXd::Identity(m_q, m_q) / startVariance;
    if (m_q > 0) {
        const std::vector<int> free(static_cast<std::size_t>(m_q), -1);
        if (design.spec().moiPrior == CovariancePrior::Uniform)
            m_omegaSampler = std::make_unique<ConstrainedCovarianceSampler>(
                free, -static_cast<double>(m_q + 1), Eigen::MatrixXd::Zero(m_q, m_q));
        else
            m_omegaSampler = std::make_unique<ConstrainedCovarianceSampler>(
                free, static_cast<double>(m_q + 1),
                kWishartScale * Eigen::MatrixXd::Identity(m_q, m_q));
    }
    if (m_family != Family::Normal) {
        // Start at the log of the mean (or its logit) for the intercept-like first column.
        const double start =
            m_family == Family::Binomial
                ? std::log(std::clamp(mean, 0.01, 0.99) / (1.0 - std::clamp(mean, 0.01, 0.99)))
                : std::log(std::max(mean, 0.01));
        for (Eigen::Index t = 0; t < m_p; ++t) {
            const DesignTerm& term = design.terms()[static_cast<std::size_t>(t)];
            bool constant = true;
            for (const DesignFactor& factor : term.factors) {
                const DesignVariable& v =
                    design.variables()[static_cast<std::size_t>(factor.variable)];
                for (std::size_t c = 0; c < v.values.size(); ++c)
                    constant = constant && !v.missing[c] && v.values[c] == v.values[0];
            }
            if (constant && m_x(0, t) != 0.0) {
                m_beta(t) = start / m_x(0, t);
                break;
            }
        }
    }

    m_xtx.setZero(m_p, m_p);
    m_xty.setZero(m_p);
    m_xtz.setZero(m_p, m_q * m_units);
    m_ztz.setZero(m_q, m_q * m_units);
    m_zty.setZero(m_q, m_units);
    // Rows whose terms can change: a factor missing in the row (level 1) or its unit (level 2).
    const auto& variables = design.variables();
    for (Eigen::Index j = 0; j < m_units; ++j)
        for (std::size_t i = m_unitStart[static_cast<std::size_t>(j)];
             i < m_unitStart[static_cast<std::size_t>(j) + 1]; ++i) {
            bool dynamic = false;
            for (const DesignTerm& term : design.terms())
                for (const DesignFactor& factor : term.factors) {
                    const DesignVariable& v = variables[static_cast<std::size_t>(factor.variable)];
                    dynamic = dynamic || v.missing[v.level2 ? static_cast<std::size_t>(j) : i] != 0;
                }
            if (dynamic)
                m_dynamicRows.push_back(i);
            else
                addRowStatistics<0, 0>(static_cast<Eigen::Index>(i), j);
            m_yty += m_y[i] * m_y[i];
        }
    for (std::size_t k = 0; k < m_dynamicRows.size(); ++k) {
        const std::size_t unit = m_unitOfRow[m_dynamicRows[k]];
        if (m_dynamicRuns.empty() || m_dynamicRuns.back().unit != unit)
            m_dynamicRuns.push_back({unit, k + 1});
        else
            m_dynamicRuns.back().end = k + 1;
    }
    m_xtxConstant = m_xtx;
    m_xtyConstant = m_xty;
    m_xtzConstant = m_xtz;
    m_ztzConstant = m_ztz;
    m_ztyConstant = m_zty;
    if (m_q > 1) { // q = 1 keeps M_j^-1 in m_unitInverse
        m_unitFactor.reserve(static_cast<std::size_t>(m_units));
        for (Eigen::Index j = 0; j < m_units; ++j)
            m_unitFactor.emplace_back(m_q);
    }
    m_unitInverse.assign(static_cast<std::size_t>(m_units), 0.0);
    m_precision.resize(m_p, m_p);
    m_linear.resize(m_p);
    m_normals.resize(m_p);
    m_candidate.resize(m_p);
    m_qp.resize(m_q, m_p);
    m_qPrecision.resize(m_q, m_q);
    m_qLinear.resize(m_q);
    m_qNormals.resize(m_q);
    m_qCandidate.resize(m_q);
    m_qMean.resize(m_q);
    m_scatter.resize(m_q, m_q);
    m_offset.resize(m_n);
    m_reversePrecision.resize(m_p, m_p);
    m_forwardMean.resize(m_p);
    m_reverseMean.resize(m_p);
    m_pScratch.resize(m_p);
    m_qReversePrecision.resize(m_q, m_q);
    m_qReverseMean.resize(m_q);
    m_qCurrent.resize(m_q);
    m_qScratch.resize(m_q);
}

void MoiUpdate::overdisperse(RandomStream& rng)
{
    double mean = 0.0;
    for (double y : m_y)
        mean += y / static_cast<double>(m_n);
    // Variance of y given eta, at the mean: the scale of the approximate posterior sds.
    double variance = m_sigma2;
    if (m_family == Family::Binomial) {
        const double p = std::clamp(mean, 0.01, 0.99);
        variance = 1.0 / (p * (1.0 - p));
    } else if (m_family != Family::Normal) {
        variance = 1.0 / std::max(mean, 0.01);
    }
    const Eigen::MatrixXd xtx = m_x.transpose() * m_x;
    const Eigen::LDLT<Eigen::MatrixXd> factor(xtx);
    const Eigen::MatrixXd inverse = factor.solve(Eigen::MatrixXd::Identity(m_p, m_p));
    for (Eigen::Index t = 0; t < m_p; ++t) {
        const double draw = rng.normal();
        const double sampling = variance * inverse(t, t); // not finite when X is rank-deficient
        if (std::isfinite(sampling) && sampling > 0.0)
            m_beta(t) += kStartSds * std::sqrt(sampling) * draw;
    }
    const auto spread = [&rng]() { return std::exp(kStartLogSd * rng.normal()); };
    m_sigma2 *= spread();
    if (m_family == Family::NegativeBinomial)
        m_alpha *= spread();
    for (Eigen::Index r = 0; r < m_q; ++r)
        m_omega(r, r) *= spread();
    if (m_q > 0) {
        refreshOmegaInverse();
        for (Eigen::Index j = 0; j < m_units; ++j)
            for (Eigen::Index r = 0; r < m_q; ++r)
                m_u(j, r) = std::sqrt(m_omega(r, r)) * rng.normal();
    }
}

bool MoiUpdate::hasScale() const
{
    return m_family == Family::Normal || m_family == Family::NegativeBinomial;
}

double MoiUpdate::mean(double eta) const
{
    switch (m_family) {
    case Family::Normal: return eta;
    case Family::Binomial: return 1.0 / (1.0 + std::exp(-eta));
    case Family::Poisson:
    case Family::NegativeBinomial: return std::exp(eta);
    }
    return eta;
}

void MoiUpdate::update(RandomStream& rng, bool adapting)
{
    if (m_family == Family::Normal)
        updateNormal(rng);
    else
        updateGlm(rng, adapting);
}

void MoiUpdate::refreshOmegaInverse()
{
    m_qFactor.compute(m_omega);
    if (m_qFactor.info() != Eigen::Success)
        throw Error("2LevelMissingOnePass: the level-2 covariance of the model of interest is not "
                    "positive definite");
    m_omegaInverse.setIdentity();
    m_qFactor.solveInPlace(m_omegaInverse);
}

void MoiUpdate::drawOmega(RandomStream& rng)
{
    m_scatter.noalias() = m_u.transpose() * m_u;
    m_omegaSampler->draw(rng, m_scatter, static_cast<double>(m_units), m_omega);
    refreshOmegaInverse();
}

template <int P, int Q> void MoiUpdate::addRowStatistics(Eigen::Index row, Eigen::Index unit)
{
    const Eigen::Index p = P > 0 ? P : m_p;
    const Eigen::Index q = Q > 0 ? Q : m_q;
    const double* x = m_x.data() + row * p;
    const double y = m_y[static_cast<std::size_t>(row)];
    double* xty = m_xty.data();
    double* xtx = m_xtx.data();
    double* xtz = m_xtz.data() + unit * q * p; // p x q block, column-major
    double* ztz = m_ztz.data() + unit * q * q;
    double* zty = m_zty.data() + unit * q;
    const Eigen::Index* random = m_random.data();
    for (Eigen::Index a = 0; a < p; ++a) {
        const double xa = x[a];
        xty[a] += xa * y;
        double* column = xtx + a * p; // column a: (b, a) for b >= a
        for (Eigen::Index b = a; b < p; ++b)
            column[b] += xa * x[b];
    }
    for (Eigen::Index r = 0; r < q; ++r) {
        const double zr = x[random[r]];
        zty[r] += zr * y;
        double* column = xtz + r * p;
        for (Eigen::Index a = 0; a < p; ++a)
            column[a] += x[a] * zr;
        for (Eigen::Index s = 0; s < q; ++s)
            ztz[s * q + r] += zr * x[random[s]];
    }
}

template <int P, int Q> void MoiUpdate::addDynamicRows()
{
    if constexpr (P > 0 && Q == 1) {
        // X'X and X'y in locals over all the rows, a unit's X'z, z'z, z'y until its rows end
        // (the dynamic rows are in unit order): no stores through aliasing pointers per row.
        std::array<double, P * P> xtx{};
        std::array<double, P> xty{};
        const Eigen::Index random = m_random[0];
        // Raw pointers, read once: the vectors' data pointers are not reloaded per row.
        const std::size_t* const rows = m_dynamicRows.data();
        const double* const response = m_y.data();
        const double* const terms = m_x.data();
        std::size_t k = 0;
        for (const DynamicRun& run : m_dynamicRuns) {
            const std::size_t unit = run.unit;
            std::array<double, P> xtz{};
            double ztz = 0.0;
            double zty = 0.0;
            for (; k < run.end; ++k) {
                const std::size_t i = rows[k];
                const double* x = terms + i * static_cast<std::size_t>(P);
                const double y = response[i];
                const double z = x[random];
                for (std::size_t a = 0; a < P; ++a) {
                    const double xa = x[a];
                    xty[a] += xa * y;
                    xtz[a] += xa * z;
                    for (std::size_t b = a; b < P; ++b)
                        xtx[a * P + b] += xa * x[b];
                }
                ztz += z * z;
                zty += z * y;
            }
            const auto j = static_cast<Eigen::Index>(unit);
            double* xtzOut = m_xtz.data() + j * P;
            for (std::size_t a = 0; a < P; ++a)
                xtzOut[a] += xtz[a];
            m_ztz(0, j) += ztz;
            m_zty(0, j) += zty;
        }
        double* xtxOut = m_xtx.data();
        double* xtyOut = m_xty.data();
        for (std::size_t a = 0; a < P; ++a) {
            xtyOut[a] += xty[a];
            for (std::size_t b = a; b < P; ++b)
                xtxOut[a * P + b] += xtx[a * P + b];
        }
    } else {
        for (const std::size_t i : m_dynamicRows)
            addRowStatistics<P, Q>(static_cast<Eigen::Index>(i),
                                   static_cast<Eigen::Index>(m_unitOfRow[i]));
    }
}

void MoiUpdate::normalStatistics()
{
    m_xtx = m_xtxConstant;
    m_xty = m_xtyConstant;
    m_xtz = m_xtzConstant;
    m_ztz = m_ztzConstant;
    m_zty = m_ztyConstant;
    // Fixed-size row kernels for the usual small models (4, 1: the Stat-JR manual's interaction
    // model).
    if (m_q == 1 && m_p >= 1 && m_p <= 6) {
        switch (m_p) {
        case 1: addDynamicRows<1, 1>(); break;
        case 2: addDynamicRows<2, 1>(); break;
        case 3: addDynamicRows<3, 1>(); break;
        case 4: addDynamicRows<4, 1>(); break;
        case 5: addDynamicRows<5, 1>(); break;
        default: addDynamicRows<6, 1>(); break;
        }
    } else {
        addDynamicRows<0, 0>();
    }
    for (Eigen::Index a = 0; a < m_p; ++a)
        for (Eigen::Index b = a + 1; b < m_p; ++b)
            m_xtx(a, b) = m_xtx(b, a);
}

void MoiUpdate::updateNormal(RandomStream& rng)
{
    normalStatistics();
    // beta | sigma2, Omega with u integrated out.
    m_precision = m_xtx;
    m_linear = m_xty;
    const Eigen::Index units = m_q > 0 ? m_units : 0;
    if (m_q == 1) {
        // One random coefficient: M_j is a scalar, the Woodbury terms are rank-one updates.
        const double prior = m_sigma2 * m_omegaInverse(0, 0);
        double* precision = m_precision.data();
        double* linear = m_linear.data();
        const Eigen::Index p = m_p;
        for (Eigen::Index j = 0; j < units; ++j) {
            const double* xtz = m_xtz.data() + j * p;
            const double inverse = 1.0 / (m_ztz(0, j) + prior);
            m_unitInverse[static_cast<std::size_t>(j)] = inverse;
            const double zy = m_zty(0, j) * inverse;
            for (Eigen::Index a = 0; a < p; ++a) {
                const double xa = xtz[a] * inverse;
                linear[a] -= xtz[a] * zy;
                for (Eigen::Index b = 0; b < p; ++b)
                    precision[a * p + b] -= xa * xtz[b];
            }
        }
    } else {
        for (Eigen::Index j = 0; j < units; ++j) {
            auto xtz = m_xtz.middleCols(j * m_q, m_q);
            m_qPrecision = m_ztz.middleCols(j * m_q, m_q) + m_sigma2 * m_omegaInverse;
            Eigen::LLT<Eigen::MatrixXd>& factor = m_unitFactor[static_cast<std::size_t>(j)];
            factor.compute(m_qPrecision);
            m_qp = xtz.transpose();
            factor.solveInPlace(m_qp);
            m_precision.noalias() -= xtz * m_qp;
            m_qLinear = m_zty.col(j);
            factor.solveInPlace(m_qLinear);
            m_linear.noalias() -= xtz * m_qLinear;
        }
    }
    m_factor.compute(m_precision);
    if (m_factor.info() != Eigen::Success)
        throw Error("2LevelMissingOnePass: the fixed-effects design of the model of interest "
                    "became singular");
    m_factor.solveInPlace(m_linear);
    fillNormalsInto(rng, m_normals);
    m_factor.matrixU().solveInPlace(m_normals);
    const double sd = std::sqrt(m_sigma2);
    m_beta = m_linear + sd * m_normals;

    if (m_q == 1) {
        // u_j | beta ~ N(M_j^-1 Z_j'(y_j - X_j beta), sigma2 M_j^-1), M_j scalar.
        const double* beta = m_beta.data();
        for (Eigen::Index j = 0; j < m_units; ++j) {
            const double* xtz = m_xtz.data() + j * m_p;
            double residual = m_zty(0, j);
            for (Eigen::Index a = 0; a < m_p; ++a)
                residual -= xtz[a] * beta[a];
            const double inverse = m_unitInverse[static_cast<std::size_t>(j)];
            const double normal = rng.normal();
            m_u(j, 0) = residual * inverse + sd * normal * std::sqrt(inverse);
        }
        drawOmega(rng);
    } else if (m_q > 0) {
        // u_j | beta ~ N(M_j^-1 Z_j'(y_j - X_j beta), sigma2 M_j^-1).
        for (Eigen::Index j = 0; j < m_units; ++j) {
            const Eigen::LLT<Eigen::MatrixXd>& factor = m_unitFactor[static_cast<std::size_t>(j)];
            m_qLinear = m_zty.col(j);
            m_qLinear.noalias() -= m_xtz.middleCols(j * m_q, m_q).transpose() * m_beta;
            factor.solveInPlace(m_qLinear);
            fillNormalsInto(rng, m_qNormals);
            factor.matrixU().solveInPlace(m_qNormals);
            m_u.row(j) = (m_qLinear + sd * m_qNormals).transpose();
        }
        drawOmega(rng);
    }

    // rss = |y - X beta - Z u|^2 from the statistics: y'y - 2 beta'X'y + beta'X'X beta, and per
    // unit - 2 u_j'Z_j'y_j + 2 beta'X_j'Z_j u_j + u_j'Z_j'Z_j u_j.
    double rss = m_yty - 2.0 * m_beta.dot(m_xty);
    for (Eigen::Index a = 0; a < m_p; ++a)
        rss += m_beta(a) * m_xtx.col(a).dot(m_beta);
    for (Eigen::Index j = 0; j < (m_q > 0 ? m_units : 0); ++j)
        for (Eigen::Index r = 0; r < m_q; ++r) {
            const double ur = m_u(j, r);
            double sum = -2.0 * m_zty(r, j) + 2.0 * m_xtz.col(j * m_q + r).dot(m_beta);
            for (Eigen::Index s = 0; s < m_q; ++s)
                sum += m_ztz(s, j * m_q + r) * m_u(j, s);
            rss += ur * sum;
        }
    rss = std::max(rss, 0.0);
    const double precision =
        drawGamma(rng, kGammaShape + 0.5 * static_cast<double>(m_n)) / (kGammaRate + 0.5 * rss);
    m_sigma2 = 1.0 / precision;
}

void MoiUpdate::write(double* out) const
{
    for (Eigen::Index t = 0; t < m_p; ++t)
        *out++ = m_beta(t);
    for (Eigen::Index r = 0; r < m_q; ++r)
        for (Eigen::Index c = 0; c <= r; ++c)
            *out++ = m_omega(r, c);
    if (m_family == Family::Normal)
        *out++ = m_sigma2;
    else if (m_family == Family::NegativeBinomial)
        *out++ = m_alpha;
}

void MoiUpdate::acceptance(std::vector<std::tuple<std::string, double, double>>& out) const
{
    if (m_family == Family::Normal)
        return;
    const auto rate = [](long accepted, long proposed) {
        return proposed > 0 ? static_cast<double>(accepted) / static_cast<double>(proposed) : 0.0;
    };
    out.emplace_back("fixed effects (IWLS proposal)", rate(m_fixedAccepted, m_fixedProposed), 1.0);
    if (m_q > 0)
        out.emplace_back("random effects (IWLS proposal)", rate(m_randomAccepted, m_randomProposed),
                         1.0);
    if (m_family == Family::NegativeBinomial)
        out.emplace_back("alpha (log scale random walk)",
                         rate(m_dispersionAccepted, m_dispersionProposed), m_dispersionStep);
}

} // namespace grove::onepass
