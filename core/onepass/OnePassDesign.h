// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/onepass/OnePassSpec.h"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace grove::onepass {

/// Where the values of a level-2 variable come from.
enum class Level2Source { Level1Dataset, Level2Dataset };

/// One variable the one-pass model reads: an MOI term factor or an imputation response. Level-1
/// variables hold one value per kept row (in the design's sorted row order), level-2 variables
/// one per unit. Missing values are NaN; only imputation responses may have them.
struct DesignVariable {
    std::string name;
    bool level2 = false;
    Level2Source source = Level2Source::Level1Dataset; ///< for level-2 variables
    std::vector<double> values;
    std::vector<std::uint8_t> missing;
    std::vector<std::size_t> missingCells; ///< rows (level 1) or units (level 2) to impute
    int component = -1; ///< index into OnePassDesign::components, -1 if fully observed
};

/// One factor of a term: a design variable raised to a power.
struct DesignFactor {
    int variable = 0;
    int power = 1;
};

struct DesignTerm {
    std::string name;
    std::vector<DesignFactor> factors;
};

/// One imputation component: a level-1 response (z_ik = W_ik alpha_k + v_jk + e_ik) or a
/// level-2 response (z_jm = W_jm alpha_m + v_jm). Binary responses are probit latents.
struct DesignComponent {
    std::string response;
    int variable = 0;
    CovariateKind kind = CovariateKind::Normal;
    bool level2 = false;
    std::vector<std::string> explanatory;
    /// Explanatory values: one row per kept row (level 1) or per unit (level 2).
    Eigen::MatrixXd explanatoryValues;
    Eigen::Index coefficientOffset = 0; ///< first of its coefficients in the stacked alpha
    /// Column of `explanatoryValues` that is constant (an intercept) and its value, or -1:
    /// used by the shift move that keeps the intercept from crawling against the v_j.
    Eigen::Index constantColumn = -1;
    double constantValue = 0.0;
};

/// The one-pass model resolved against the datasets: kept rows sorted by unit, the variables,
/// terms and imputation components by index. Built once and shared read-only by every chain.
/// Throws Error with a one-line message on any bad input.
class OnePassDesign {
public:
    OnePassDesign(const Dataset& level1, const Dataset* level2, const OnePassSpec& spec);

    const OnePassSpec& spec() const { return m_spec; }
    std::size_t rowCount() const { return m_sortedRows.size(); }
    std::size_t unitCount() const { return m_unitIds.size(); }

    /// Original level-1 row index of each sorted row (sorted by unit, then by row).
    const std::vector<std::size_t>& sortedRows() const { return m_sortedRows; }
    const std::vector<std::size_t>& unitOfRow() const { return m_unitOfRow; }
    /// Rows of unit j are [unitStart[j], unitStart[j + 1]).
    const std::vector<std::size_t>& unitStart() const { return m_unitStart; }
    const std::vector<double>& unitIds() const { return m_unitIds; }
    /// Row of each unit in the level-2 dataset, when there is one.
    const std::vector<std::size_t>& unitLevel2Row() const { return m_unitLevel2Row; }
    const std::vector<double>& response() const { return m_response; }

    const std::vector<DesignVariable>& variables() const { return m_variables; }
    const std::vector<DesignTerm>& terms() const { return m_terms; }
    /// Indices into terms() of the MOI's random coefficients.
    const std::vector<int>& randomTerms() const { return m_randomTerms; }
    /// Level-1 components first, then level-2 components.
    const std::vector<DesignComponent>& components() const { return m_components; }
    int level1ComponentCount() const { return m_level1Components; }
    int level2ComponentCount() const
    {
        return static_cast<int>(m_components.size()) - m_level1Components;
    }
    Eigen::Index coefficientCount() const { return m_coefficientCount; }
    /// True when the components have level-2 effects v_j (imputationLevel2).
    bool hasImputationLevel2() const { return m_spec.imputationLevel2 && !m_components.empty(); }

    /// Rows of the level-1 dataset kept (response observed), ascending.
    const std::vector<std::size_t>& keptRows() const { return m_keptRows; }
    std::size_t droppedRows() const { return m_droppedRows; }

private:
    void sortRows(const Dataset& level1);
    void matchLevel2(const Dataset* level2);
    int variableIndex(const std::string& name, const Dataset& level1, const Dataset* level2,
                      bool level2Response);
    void loadLevel2Variable(DesignVariable& variable, const Dataset& level1, const Dataset* level2);
    void buildComponents(const Dataset& level1, const Dataset* level2);
    void validateResponse() const;
    void checkDesignRank() const;

    OnePassSpec m_spec;
    std::vector<std::size_t> m_keptRows;
    std::size_t m_droppedRows = 0;
    std::vector<std::size_t> m_sortedRows;
    std::vector<std::size_t> m_unitOfRow;
    std::vector<std::size_t> m_unitStart;
    std::vector<double> m_unitIds;
    std::vector<std::size_t> m_unitLevel2Row;
    std::vector<double> m_response;
    std::vector<DesignVariable> m_variables;
    std::vector<DesignTerm> m_terms;
    std::vector<int> m_randomTerms;
    std::vector<DesignComponent> m_components;
    int m_level1Components = 0;
    Eigen::Index m_coefficientCount = 0;
};

/// Value of `term` at sorted row `row` from current variable values (`values[v]` per variable).
double termValue(const DesignTerm& term, const std::vector<std::vector<double>>& values,
                 std::size_t row, std::size_t unit, const std::vector<DesignVariable>& variables);

} // namespace grove::onepass
