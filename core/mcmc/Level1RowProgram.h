// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/ImputationDesign.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace grove {

/// One draw of the level-1 row pass: a value drawn from its conditional normal given the row's
/// other residuals.
struct Level1RowOp {
    enum class Kind : std::uint8_t {
        Free,              ///< a missing value (or one latent of a missing Unordered response)
        Below,             ///< an observed Binary/Ordered latent in its first category
        Above,             ///< ... in its last category
        Between,           ///< ... in a middle category
        UnorderedObserved, ///< the `count` latents of an observed Unordered value
    };
    Kind kind = Kind::Free;
    std::uint8_t count = 1; ///< latents drawn (Unordered: categories - 1)
    std::uint16_t dim = 0;  ///< (first) level-1 dimension
    /// Below/Above/Between: index of the category's interval in the pass's bound table;
    /// Unordered: the observed category (count = the reference).
    std::int32_t argument = 0;
};

/// What the level-1 row pass of JointImputationSampler does at each row, laid out once from
/// the design so that the pass never looks at response types or missing values: each row's
/// draws in response order, and the covariates with the columns that several dimensions share
/// (`cons`, the same dummies) stored once, so a row's means cost K x P1 products for K distinct
/// columns instead of a wider table of mostly zeros. Immutable; one per sampler.
class Level1RowProgram {
public:
    explicit Level1RowProgram(const ImputationDesign& design);

    /// Distinct level-1 covariate columns.
    std::size_t columnCount() const { return m_columnCount; }
    /// The distinct column that design column `column` is.
    std::size_t distinctColumn(std::size_t column) const { return m_distinctColumn[column]; }
    /// Sorted row i's distinct covariates: covariates()[i * columnCount() + k].
    const double* covariates() const { return m_covariates.data(); }

    /// Distinct covariate rows ("patterns", e.g. the categories of a few dummies) when there are
    /// few of them (0 otherwise): the pass then computes each unit's means once per pattern and
    /// accumulates X'Z per pattern.
    std::size_t patternCount() const { return m_patternCount; }
    /// Sorted row i's pattern.
    const std::uint32_t* patternOf() const { return m_patternOf.data(); }
    /// Pattern k's distinct covariates: patternCovariates()[k * columnCount() + c].
    const double* patternCovariates() const { return m_patternCovariates.data(); }

    /// The order in which the pass visits the rows: unit by unit, and within a unit the rows
    /// with the same draws together, so that the branches of the draws are predictable.
    const std::uint32_t* rowOrder() const { return m_rowOrder.data(); }

    /// Row i's draws are ops()[opBegin()[i] .. opBegin()[i + 1]).
    const Level1RowOp* ops() const { return m_ops.data(); }
    const std::uint32_t* opBegin() const { return m_opBegin.data(); }

    /// The bound table's first entry for level-1 response r's categories (Binary/Ordered).
    std::size_t firstBound(std::size_t response) const { return m_firstBound[response]; }
    /// Entries of the bound table: one per category of every Binary/Ordered level-1 response.
    std::size_t boundCount() const { return m_boundCount; }

private:
    void findPatterns(std::size_t rows);
    void orderRows(const ImputationDesign& design);

    std::size_t m_columnCount = 0;
    std::vector<std::size_t> m_distinctColumn;
    std::vector<double> m_covariates;
    std::size_t m_patternCount = 0;
    std::vector<std::uint32_t> m_patternOf;
    std::vector<double> m_patternCovariates;
    std::vector<Level1RowOp> m_ops;
    std::vector<std::uint32_t> m_opBegin;
    std::vector<std::uint32_t> m_rowOrder;
    std::vector<std::size_t> m_firstBound;
    std::size_t m_boundCount = 0;
};

} // namespace grove
