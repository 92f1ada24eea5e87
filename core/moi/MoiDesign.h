// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/moi/ModelOfInterest.h"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace grove {

/// The numeric form of an MOI, validated, rows sorted by level-2 unit so that each unit's rows
/// are one contiguous block (a 1-level model is one block).
struct MoiDesign {
    Eigen::MatrixXd x;      ///< N x p fixed-effect design, `:cat` terms expanded
    Eigen::MatrixXd y;      ///< N x R responses
    Eigen::VectorXd trials; ///< N Binomial denominators (ones for binary); empty otherwise
    Eigen::MatrixXd z;      ///< N x q random-coefficient design (intercept, slopes); 2 levels only
    std::vector<Eigen::Index> unitStart;  ///< J + 1 offsets of the units' row blocks
    std::vector<std::string> fixedTerms;  ///< p term names (`cons`, `girl`, `schgend_1`)
    std::vector<std::string> randomTerms; ///< q: `cons`, then the slope variables
    /// For each column of z, the column of x holding the same variable, or -1.
    std::vector<Eigen::Index> fixedColumnOfRandom;
    std::vector<std::string> responseNames;
    bool twoLevel = false;
    /// Names the level-2 parameters: `sigma2_<label>`, `omega_<label>_k` (`u`, or the
    /// classification's ID with MoiSpec::classifications).
    std::string randomEffectLabel = "u";
    std::vector<Eigen::Index> dataRow; ///< N: the dataset row of each design row

    Eigen::Index rows() const { return x.rows(); }
    Eigen::Index fixedCount() const { return x.cols(); }
    Eigen::Index randomCount() const { return z.cols(); }
    Eigen::Index unitCount() const { return static_cast<Eigen::Index>(unitStart.size()) - 1; }
    Eigen::Index unitSize(Eigen::Index unit) const
    {
        return unitStart[static_cast<std::size_t>(unit + 1)] -
               unitStart[static_cast<std::size_t>(unit)];
    }
};

/// Validates `spec` against `data` and builds the design. Throws Error with a one-line message:
/// unknown variable, missing values in a model variable, a response out of range for its
/// distribution, collinear explanatory variables, fewer than 2 level-2 units or no more units than
/// random effects per unit (their covariance would not be identified), bad run lengths.
MoiDesign buildMoiDesign(const Dataset& data, const MoiSpec& spec);

/// With MoiSpec::classifications: one 2-level design per classification, rows sorted by its
/// units, random slopes in the first only, labelled by the classification's ID. Besides
/// buildMoiDesign's checks, a classification must not repeat, and a Normal model needs some unit
/// of every classification with more than one row (else its variance and the level-1 one are
/// one and the same).
std::vector<MoiDesign> buildClassificationDesigns(const Dataset& data, const MoiSpec& spec);

} // namespace grove
