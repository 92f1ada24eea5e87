// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/DatasetView.h"

#include "core/run/DatasetDescription.h"
#include "ui/DatasetTableModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace grove {

DatasetView::DatasetView(QWidget* parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("datasetTitle"));
    m_title->setTextFormat(Qt::RichText);

    m_model = new DatasetTableModel(this);
    m_values = new QTableView(this);
    m_values->setObjectName(QStringLiteral("datasetValues"));
    m_values->setModel(m_model);
    m_values->setAlternatingRowColors(true);
    m_values->verticalHeader()->setDefaultSectionSize(22);
    m_values->horizontalHeader()->setDefaultSectionSize(96);

    m_summary = new QTableWidget(this);
    m_summary->setObjectName(QStringLiteral("datasetSummary"));
    m_summary->setColumnCount(7);
    m_summary->setHorizontalHeaderLabels(
        {tr("Variable"), tr("Count"), tr("Missing"), tr("Min"), tr("Max"), tr("Mean"), tr("Kind")});
    m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary->verticalHeader()->setVisible(false);
    m_summary->horizontalHeader()->setStretchLastSection(true);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_values);
    splitter->addWidget(m_summary);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(splitter, 1);
}

const Dataset* DatasetView::dataset() const
{
    return m_model->dataset();
}

void DatasetView::setDataset(std::shared_ptr<const Dataset> dataset)
{
    m_summary->setRowCount(0);
    if (!dataset) {
        m_title->setText(tr("No dataset"));
        m_model->setDataset(nullptr);
        return;
    }
    m_title->setText(tr("<b>%1</b> &nbsp; %2 rows, %3 variables, %4 missing values")
                         .arg(QString::fromStdString(dataset->name()))
                         .arg(dataset->rowCount())
                         .arg(dataset->columnCount())
                         .arg(dataset->missingCount()));
    m_summary->setRowCount(static_cast<int>(dataset->columnCount()));
    for (std::size_t i = 0; i < dataset->columnCount(); ++i) {
        const ColumnSummary s = dataset->summary(i);
        const QStringList cells{QString::fromStdString(s.name),
                                QString::number(s.count),
                                QString::number(s.missing),
                                QString::fromStdString(formatNumber(s.min)),
                                QString::fromStdString(formatNumber(s.max)),
                                QString::fromStdString(formatNumber(s.mean)),
                                QString::fromUtf8(variableKindName(s.kind))};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c == 2 && s.missing > 0)
                item->setBackground(DatasetTableModel::missingBackground());
            m_summary->setItem(static_cast<int>(i), c, item);
        }
    }
    m_summary->resizeColumnsToContents();
    m_model->setDataset(std::move(dataset));
}

} // namespace grove
