// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/diag/ChainSummary.h"

#include <QAbstractTableModel>

#include <vector>

namespace grove {

/// The chain summary of every monitored parameter for the results pane: parameter, term,
/// mean, sd, 2.5%, 97.5%, ESS, R-hat and a flag. Rows whose R-hat exceeds 1.1 or whose ESS is
/// below 100 are highlighted (background) and say why in the flag column and the tooltip.
class ChainSummaryTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Parameter = 0, Term, Mean, Sd, Lower, Upper, Ess, RHat, Flag, ColumnCount };

    explicit ChainSummaryTableModel(QObject* parent = nullptr);

    /// Recomputes every row from `chains` (chainTableRow per parameter).
    void setChains(const ChainSet& chains);
    /// Shows rows computed elsewhere (e.g. by the runner), one per parameter.
    void setRows(std::vector<ParameterInfo> parameters, std::vector<ChainTableRow> rows);

    /// True when row `row` is flagged (R-hat > 1.1 or ESS < 100).
    bool isFlagged(int row) const;
    /// The flag text of a row: "R-hat > 1.1", "ESS < 100", both, or "".
    QString flagText(int row) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<ParameterInfo> m_parameters;
    std::vector<ChainTableRow> m_rows;
};

} // namespace grove
