// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ChainSummaryTableModel.h"

#include <QBrush>
#include <QColor>

#include <cmath>

namespace grove {

namespace {

QString figure(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    return QString::number(value, 'g', 4);
}

} // namespace

ChainSummaryTableModel::ChainSummaryTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ChainSummaryTableModel::setChains(const ChainSet& chains)
{
    std::vector<ChainTableRow> rows;
    rows.reserve(chains.parameterCount());
    for (std::size_t p = 0; p < chains.parameterCount(); ++p) {
        const std::vector<std::vector<double>> draws = chains.chainsOf(p);
        rows.push_back(chainTableRow(ChainsView(draws)));
    }
    setRows(chains.parameters, std::move(rows));
}

void ChainSummaryTableModel::setRows(std::vector<ParameterInfo> parameters,
                                     std::vector<ChainTableRow> rows)
{
    beginResetModel();
    m_parameters = std::move(parameters);
    m_rows = std::move(rows);
    m_rows.resize(m_parameters.size());
    endResetModel();
}

bool ChainSummaryTableModel::isFlagged(int row) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_rows.size())
        return false;
    const ChainTableRow& r = m_rows[static_cast<std::size_t>(row)];
    return r.rhatAbove1_1 || r.essBelow100;
}

QString ChainSummaryTableModel::flagText(int row) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_rows.size())
        return QString();
    const ChainTableRow& r = m_rows[static_cast<std::size_t>(row)];
    QStringList flags;
    if (r.rhatAbove1_1)
        flags << tr("R-hat > 1.1");
    if (r.essBelow100)
        flags << tr("ESS < 100");
    return flags.join(QStringLiteral(", "));
}

int ChainSummaryTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ChainSummaryTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChainSummaryTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const ChainTableRow& r = m_rows[row];
    const ParameterInfo& info = m_parameters[row];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Parameter: return QString::fromStdString(info.name);
        case Term: return QString::fromStdString(info.term);
        case Mean: return figure(r.mean);
        case Sd: return figure(r.sd);
        case Lower: return figure(r.lower95);
        case Upper: return figure(r.upper95);
        case Ess:
            return std::isfinite(r.ess) ? QString::number(std::round(r.ess), 'f', 0)
                                        : figure(r.ess);
        case RHat: return figure(r.rhat);
        case Flag: return flagText(index.row());
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Mean && index.column() <= RHat)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role == Qt::BackgroundRole && isFlagged(index.row()))
        return QBrush(QColor(255, 228, 200));
    if (role == Qt::ToolTipRole) {
        QString tip = flagText(index.row());
        if (r.rhatAbove1_1)
            tip += tr("\nThe chains have not mixed: run longer or check the model.");
        if (r.essBelow100)
            tip += tr("\nFew effectively independent draws (bulk %1, tail %2): run longer.")
                       .arg(figure(r.bulkEss), figure(r.tailEss));
        if (!r.note.empty())
            tip += QStringLiteral("\n") + QString::fromStdString(r.note);
        tip = tip.trimmed();
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    return {};
}

QVariant ChainSummaryTableModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Parameter: return tr("parameter");
    case Term: return tr("term");
    case Mean: return tr("mean");
    case Sd: return tr("sd");
    case Lower: return tr("2.5%");
    case Upper: return tr("97.5%");
    case Ess: return tr("ESS");
    case RHat: return tr("R-hat");
    case Flag: return tr("flag");
    default: return {};
    }
}

} // namespace grove
