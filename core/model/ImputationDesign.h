// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/model/ImputationModel.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace grove {

/// One response of the model after validation, with where its latent dimensions sit.
struct DesignResponse {
    std::string variable;
    ResponseType type = ResponseType::Normal;
    int level = 1;      ///< 1, or c + 2 for a response at classification c
    int categories = 0; ///< 2 for Binary; 0 for Normal
    int firstDim = 0;   ///< first dimension within its level
    int dimCount = 1;   ///< 1, or categories-1 for Unordered
    std::size_t missingCount = 0;
    bool isLatent() const { return type != ResponseType::Normal; }
};

/// One dimension of the joint model: a Normal response, the latent of a Binary/Ordered
/// response, or one latent of an Unordered response. Its fixed effects are the coefficients
/// [firstCoefficient, firstCoefficient + terms.size()) of the stacked coefficient vector.
struct DesignDimension {
    std::string name;               ///< response, or `<response>_<category>` for Unordered latents
    int response = 0;               ///< index into the level's responses
    int firstCoefficient = 0;       ///< global index into the stacked coefficient vector
    int firstColumn = 0;            ///< first column of its covariates in its level's design matrix
    std::vector<std::string> terms; ///< covariate names (`cons`, `vrband_1`, ...)
    bool latent = false;
};

/// The responses of one classification, one row per unit: their dimensions, covariates
/// (row-major, each dimension's columns side by side) and values (NaN where missing).
struct ClassificationResponses {
    std::vector<DesignResponse> responses;
    std::vector<DesignDimension> dims;
    int columns = 0;
    std::vector<double> x; ///< x[unit * columns + column]
    std::vector<double> y; ///< y[unit * responses.size() + r]
};

/// The imputation model laid out for sampling: rows sorted by the units of the first
/// classification ("level 2") once, covariates in row-major design matrices (one per level, each
/// dimension's columns side by side), responses with NaN where missing. The classifications
/// after the first are described by the unit of each sorted row. Built once from a Dataset and a
/// spec; throws Error with one line for the user when the spec does not fit the data. Immutable
/// afterwards, so chains share it.
class ImputationDesign {
public:
    ImputationDesign(const Dataset& dataset, const ImputationModelSpec& spec);

    bool twoLevel() const { return m_twoLevel; }
    std::size_t rowCount() const { return m_rowOrder.size(); }
    std::size_t unitCount() const { return m_unitIds.size(); }
    /// Original dataset row of sorted row i.
    std::size_t originalRow(std::size_t i) const { return m_rowOrder[i]; }
    /// Sorted rows of unit j are [unitStart(j), unitStart(j+1)).
    std::size_t unitStart(std::size_t j) const { return m_unitStart[j]; }
    double unitId(std::size_t j) const { return m_unitIds[j]; }
    const std::string& level2Id() const { return m_level2Id; }

    /// Classifications above level 1, the first being level 2 above (0 in a one-level model).
    std::size_t classificationCount() const { return m_classificationIds.size(); }
    /// ID variable of classification c.
    const std::string& classificationId(std::size_t c) const { return m_classificationIds[c]; }
    bool nested() const { return m_nested; }
    /// Units of classification c >= 1 (c = 0: unitCount()).
    std::size_t extraUnitCount(std::size_t c) const { return m_extraUnitIds[c].size(); }
    double extraUnitId(std::size_t c, std::size_t unit) const { return m_extraUnitIds[c][unit]; }
    /// Classification c >= 1: the unit of each sorted row.
    const std::vector<std::uint32_t>& extraUnitOfRow(std::size_t c) const
    {
        return m_extraUnitOfRow[c];
    }
    /// Classification c >= 1: the rows in each unit.
    const std::vector<double>& extraUnitSize(std::size_t c) const { return m_extraUnitSize[c]; }

    /// Classification c >= 1: a sorted row of each unit.
    const std::vector<std::size_t>& extraUnitFirstRow(std::size_t c) const
    {
        return m_extraUnitFirstRow[c];
    }
    /// Units of classification c (any c).
    std::size_t classificationUnitCount(std::size_t c) const
    {
        return c == 0 ? unitCount() : extraUnitCount(c);
    }
    double classificationUnitId(std::size_t c, std::size_t unit) const
    {
        return c == 0 ? unitId(unit) : extraUnitId(c, unit);
    }
    /// The unit of classification `upper` that holds unit `unit` of classification `lower` < upper
    /// (nested designs).
    std::size_t unitAbove(std::size_t lower, std::size_t unit, std::size_t upper) const
    {
        const std::size_t row = lower == 0 ? unitStart(unit) : m_extraUnitFirstRow[lower][unit];
        return m_extraUnitOfRow[upper][row];
    }
    /// Whether the responses at classification c get random effects at the classifications
    /// above it (nested designs; crossed classifications do not contain one another's units).
    bool effectsAbove() const { return m_nested && classificationCount() > 1; }
    /// Dimensions of the responses at classifications below c whose effects classification c
    /// carries (nested designs; 0 when crossed).
    int dimsBelow(std::size_t c) const;

    const std::vector<DesignResponse>& level1Responses() const { return m_responses1; }
    const std::vector<DesignResponse>& level2Responses() const { return m_blocks[0].responses; }
    const std::vector<DesignDimension>& level1Dims() const { return m_dims1; }
    const std::vector<DesignDimension>& level2Dims() const { return m_blocks[0].dims; }
    int level1DimCount() const { return static_cast<int>(m_dims1.size()); }
    int level2DimCount() const { return static_cast<int>(m_blocks[0].dims.size()); }
    /// Responses at classification c (c = 0: level2Responses()); empty blocks in a one-level
    /// model.
    const ClassificationResponses& classificationResponses(std::size_t c) const
    {
        return m_blocks[c];
    }
    /// All coefficients: level 1, then each classification's in order.
    int coefficientCount() const { return m_coefficientCount; }
    /// The coefficients of level 1 and the first classification (they come first).
    int twoLevelCoefficientCount() const { return m_twoLevelCoefficientCount; }
    int level1ColumnCount() const { return m_columns1; }
    int level2ColumnCount() const { return m_blocks[0].columns; }

    /// Level-1 covariates, sorted row-major: x1()[i * level1ColumnCount() + c].
    const std::vector<double>& x1() const { return m_x1; }
    /// Level-2 covariates, one row per unit: x2()[j * level2ColumnCount() + c].
    const std::vector<double>& x2() const { return m_blocks[0].x; }
    /// Level-1 responses, sorted row-major: y1()[i * responses + r], NaN where missing.
    const std::vector<double>& y1() const { return m_y1; }
    /// Level-2 responses, one row per unit, NaN where missing.
    const std::vector<double>& y2() const { return m_blocks[0].y; }

private:
    void addClassifications(const Dataset& dataset, const ImputationModelSpec& spec);
    /// `classification` -1: level 1.
    void addResponses(const Dataset& dataset, const std::vector<ImputationResponse>& responses,
                      int classification);

    bool m_twoLevel = true;
    std::string m_level2Id;
    std::vector<std::string> m_classificationIds;
    bool m_nested = true;
    // Per classification (index 0 unused: level 2 is described by m_unitStart).
    std::vector<std::vector<double>> m_extraUnitIds;
    std::vector<std::vector<std::uint32_t>> m_extraUnitOfRow;
    std::vector<std::vector<double>> m_extraUnitSize;
    std::vector<std::vector<std::size_t>> m_extraUnitFirstRow;
    std::vector<std::size_t> m_rowOrder;
    std::vector<std::size_t> m_unitStart;
    std::vector<double> m_unitIds;
    std::vector<DesignResponse> m_responses1;
    std::vector<DesignDimension> m_dims1;
    std::vector<ClassificationResponses> m_blocks; // per classification; one empty if none
    int m_coefficientCount = 0;
    int m_twoLevelCoefficientCount = 0;
    int m_columns1 = 0;
    std::vector<double> m_x1;
    std::vector<double> m_y1;
};

} // namespace grove
