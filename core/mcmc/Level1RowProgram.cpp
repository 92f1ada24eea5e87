// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/mcmc/Level1RowProgram.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace grove {

namespace {

// Patterns pay off when rows share them: at most this many, and at least 8 rows per pattern.
constexpr std::size_t maximumPatterns = 64;

bool sameColumn(const std::vector<double>& x, std::size_t stride, std::size_t rows, std::size_t a,
                std::size_t b)
{
    for (std::size_t i = 0; i < rows; ++i)
        if (x[i * stride + a] != x[i * stride + b])
            return false;
    return true;
}

} // namespace

Level1RowProgram::Level1RowProgram(const ImputationDesign& design)
{
    const std::size_t rows = design.rowCount();
    const std::size_t columns = static_cast<std::size_t>(design.level1ColumnCount());
    const std::vector<double>& x = design.x1();

    // Distinct columns, numbered in order of first appearance.
    std::vector<std::size_t> representative;
    for (std::size_t c = 0; c < columns; ++c) {
        std::size_t k = 0;
        while (k < representative.size() && !sameColumn(x, columns, rows, representative[k], c))
            ++k;
        if (k == representative.size())
            representative.push_back(c);
        m_distinctColumn.push_back(k);
    }
    m_columnCount = representative.size();
    m_covariates.resize(rows * m_columnCount);
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t k = 0; k < m_columnCount; ++k)
            m_covariates[i * m_columnCount + k] = x[i * columns + representative[k]];

    findPatterns(rows);

    const std::vector<DesignResponse>& responses = design.level1Responses();
    for (const DesignResponse& response : responses) {
        m_firstBound.push_back(m_boundCount);
        if (response.type == ResponseType::Binary || response.type == ResponseType::Ordered)
            m_boundCount += static_cast<std::size_t>(response.categories);
    }

    // Each row's draws, in response order (the order of the single-site Gibbs steps).
    const std::size_t r1 = responses.size();
    if (rows * r1 >= std::numeric_limits<std::uint32_t>::max())
        throw Error("too many level-1 rows for the imputation model");
    m_opBegin.reserve(rows + 1);
    for (std::size_t i = 0; i < rows; ++i) {
        m_opBegin.push_back(static_cast<std::uint32_t>(m_ops.size()));
        for (std::size_t r = 0; r < r1; ++r) {
            const DesignResponse& response = responses[r];
            const double observed = design.y1()[i * r1 + r];
            const bool missing = std::isnan(observed);
            if (!missing && !response.isLatent())
                continue;
            Level1RowOp op;
            op.dim = static_cast<std::uint16_t>(response.firstDim);
            if (missing) {
                for (int k = 0; k < response.dimCount; ++k) {
                    op.dim = static_cast<std::uint16_t>(response.firstDim + k);
                    m_ops.push_back(op);
                }
                continue;
            }
            if (response.type == ResponseType::Unordered) {
                op.kind = Level1RowOp::Kind::UnorderedObserved;
                op.count = static_cast<std::uint8_t>(response.dimCount);
            } else {
                // One-sided intervals (the first and last categories) draw by plain rejection.
                const int category = static_cast<int>(observed);
                op.kind = category == 0                         ? Level1RowOp::Kind::Below
                          : category == response.categories - 1 ? Level1RowOp::Kind::Above
                                                                : Level1RowOp::Kind::Between;
                op.argument = static_cast<std::int32_t>(m_firstBound[r]);
            }
            op.argument += static_cast<std::int32_t>(observed);
            m_ops.push_back(op);
        }
    }
    m_opBegin.push_back(static_cast<std::uint32_t>(m_ops.size()));
    orderRows(design);
}

void Level1RowProgram::orderRows(const ImputationDesign& design)
{
    const std::size_t rows = design.rowCount();
    m_rowOrder.resize(rows);
    for (std::size_t i = 0; i < rows; ++i)
        m_rowOrder[i] = static_cast<std::uint32_t>(i);
    const auto key = [](const Level1RowOp& op) {
        return std::make_tuple(op.kind, op.dim, op.count, op.argument);
    };
    const auto byDraws = [&](std::uint32_t a, std::uint32_t b) {
        return std::lexicographical_compare(
            m_ops.begin() + m_opBegin[a], m_ops.begin() + m_opBegin[a + 1],
            m_ops.begin() + m_opBegin[b], m_ops.begin() + m_opBegin[b + 1],
            [&](const Level1RowOp& x, const Level1RowOp& y) { return key(x) < key(y); });
    };
    const std::size_t units = design.twoLevel() ? design.unitCount() : 1;
    for (std::size_t j = 0; j < units; ++j) {
        const std::size_t begin = design.twoLevel() ? design.unitStart(j) : 0;
        const std::size_t end = design.twoLevel() ? design.unitStart(j + 1) : rows;
        std::stable_sort(m_rowOrder.begin() + static_cast<std::ptrdiff_t>(begin),
                         m_rowOrder.begin() + static_cast<std::ptrdiff_t>(end), byDraws);
    }
}

void Level1RowProgram::findPatterns(std::size_t rows)
{
    std::map<std::vector<double>, std::uint32_t> index;
    std::vector<double> row(m_columnCount);
    m_patternOf.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        std::copy_n(&m_covariates[i * m_columnCount], m_columnCount, row.begin());
        const auto [entry, added] = index.emplace(row, static_cast<std::uint32_t>(index.size()));
        if (added) {
            if (index.size() > maximumPatterns) {
                m_patternOf.clear();
                m_patternCovariates.clear();
                return;
            }
            m_patternCovariates.insert(m_patternCovariates.end(), row.begin(), row.end());
        }
        m_patternOf[i] = entry->second;
    }
    if (index.size() * 8 > rows) {
        m_patternOf.clear();
        m_patternCovariates.clear();
        return;
    }
    m_patternCount = index.size();
}

} // namespace grove
