// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/DatasetView.h"

#include "core/data/MissingSummary.h"
#include "core/run/DatasetDescription.h"
#include "ui/DatasetTableModel.h"
#include "ui/MissingPatternPicture.h"

#include <QComboBox>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace grove {

namespace {

QTableWidget* makeTable(QWidget* parent, const QString& name)
{
    auto* table = new QTableWidget(parent);
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(22);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

/// A number cell that sorts as a number.
QTableWidgetItem* numberItem(double value, const QString& text = {})
{
    auto* item = new QTableWidgetItem;
    item->setData(Qt::EditRole, value);
    if (!text.isEmpty())
        item->setData(Qt::DisplayRole, text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString percent(std::size_t part, std::size_t whole)
{
    return whole == 0
               ? QStringLiteral("–")
               : QStringLiteral("%1%").arg(
                     100.0 * static_cast<double>(part) / static_cast<double>(whole), 0, 'f', 1);
}

} // namespace

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

    m_summary = makeTable(this, QStringLiteral("datasetSummary"));
    m_summary->setColumnCount(7);
    m_summary->setHorizontalHeaderLabels(
        {tr("Variable"), tr("Count"), tr("Missing"), tr("Min"), tr("Max"), tr("Mean"), tr("Kind")});

    m_patterns = makeTable(this, QStringLiteral("missingPatterns"));
    m_patterns->setToolTip(
        tr("Each row is a pattern of missing values over the variables that have "
           "any: ✗ missing, ✓ observed; with the number of rows that show it"));

    auto* unitsPage = new QWidget(this);
    m_unitBox = new QComboBox(unitsPage);
    m_unitBox->setObjectName(QStringLiteral("unitVariableBox"));
    m_unitBox->setToolTip(tr("The variable that identifies the level-2 units (e.g. school)"));
    connect(m_unitBox, &QComboBox::currentIndexChanged, this, [this] { fillMissing(); });
    m_units = makeTable(unitsPage, QStringLiteral("missingByUnit"));
    auto* unitRow = new QHBoxLayout;
    unitRow->addWidget(new QLabel(tr("Level-2 units:"), unitsPage));
    unitRow->addWidget(m_unitBox, 1);
    auto* unitsLayout = new QVBoxLayout(unitsPage);
    unitsLayout->setContentsMargins(0, 4, 0, 0);
    unitsLayout->addLayout(unitRow);
    unitsLayout->addWidget(m_units, 1);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("datasetTabs"));
    m_tabs->addTab(m_summary, tr("Variables"));
    // The patterns as a picture (md.pattern) above the same patterns as a table.
    m_patternPicture = new MissingPatternPicture(this);
    auto* patternsSplitter = new QSplitter(Qt::Vertical, this);
    patternsSplitter->setObjectName(QStringLiteral("missingPatternsPage"));
    patternsSplitter->addWidget(m_patternPicture);
    patternsSplitter->addWidget(m_patterns);
    patternsSplitter->setStretchFactor(0, 3);
    patternsSplitter->setStretchFactor(1, 2);
    m_tabs->addTab(patternsSplitter, tr("Missing patterns"));
    m_tabs->addTab(unitsPage, tr("Missing by unit"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_values);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_splitter, 1);
}

void DatasetView::showMissingByUnit()
{
    m_tabs->setCurrentIndex(2);
    const int width = m_splitter->width();
    m_splitter->setSizes({width / 2, width - width / 2});
}

const Dataset* DatasetView::dataset() const
{
    return m_model->dataset();
}

QString DatasetView::unitVariable() const
{
    return m_unitBox->currentIndex() > 0 ? m_unitBox->currentText() : QString();
}

void DatasetView::setUnitVariable(const QString& name)
{
    const int index = m_unitBox->findText(name);
    m_unitBox->setCurrentIndex(index > 0 ? index : 0);
}

void DatasetView::setDataset(std::shared_ptr<const Dataset> dataset,
                             std::shared_ptr<const Dataset> original)
{
    const QString unit = unitVariable();
    m_dataset = dataset;
    m_original = original;
    m_model->setDataset(std::move(dataset), std::move(original));
    fillSummary();
    {
        // Refill the unit choices without a summary per item; keep the unit when it still exists.
        const QSignalBlocker blocker(m_unitBox);
        m_unitBox->clear();
        m_unitBox->addItem(tr("(none)"));
        if (m_dataset)
            for (const std::string& name : m_dataset->columnNames())
                m_unitBox->addItem(QString::fromStdString(name));
        const QString wanted =
            !unit.isEmpty() && m_unitBox->findText(unit) > 0
                ? unit
                : (m_dataset ? QString::fromStdString(guessUnitVariable(*m_dataset)) : QString());
        const int index = wanted.isEmpty() ? 0 : m_unitBox->findText(wanted);
        m_unitBox->setCurrentIndex(std::max(0, index));
    }
    fillMissing();
}

void DatasetView::fillSummary()
{
    m_summary->setRowCount(0);
    if (!m_dataset) {
        m_title->setText(tr("No dataset"));
        return;
    }
    const Dataset& dataset = *m_dataset;
    QString title = tr("<b>%1</b> &nbsp; %2 rows, %3 variables, %4 missing values")
                        .arg(QString::fromStdString(dataset.name()))
                        .arg(dataset.rowCount())
                        .arg(dataset.columnCount())
                        .arg(dataset.missingCount());
    if (m_model->imputedCount() > 0)
        title += tr(" &nbsp; <span style=\"background:%1\">&nbsp;%2 imputed values&nbsp;</span> "
                    "(missing in %3)")
                     .arg(DatasetTableModel::imputedBackground().name())
                     .arg(m_model->imputedCount())
                     .arg(QString::fromStdString(m_original->name()).toHtmlEscaped());
    m_title->setText(title);
    m_summary->setRowCount(static_cast<int>(dataset.columnCount()));
    for (std::size_t i = 0; i < dataset.columnCount(); ++i) {
        const ColumnSummary s = dataset.summary(i);
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
}

void DatasetView::fillMissing()
{
    m_patterns->clear();
    m_patterns->setRowCount(0);
    m_patterns->setColumnCount(0);
    m_units->clear();
    m_units->setRowCount(0);
    m_units->setColumnCount(0);
    m_patternPicture->setSummary({}, 0);
    if (!m_dataset)
        return;
    const MissingSummary summary = summarizeMissing(*m_dataset, unitVariable().toStdString());
    const auto incomplete = static_cast<int>(summary.incomplete.size());
    m_patternPicture->setSummary(summary, m_dataset->rowCount());

    // Patterns: one row per pattern, a column per incomplete variable, then the row count.
    QStringList headers;
    for (const std::string& name : summary.incomplete)
        headers << QString::fromStdString(name);
    headers << tr("Rows") << tr("Share");
    m_patterns->setColumnCount(incomplete + 2);
    m_patterns->setHorizontalHeaderLabels(headers);
    m_patterns->setRowCount(static_cast<int>(summary.patterns.size()));
    const std::size_t rows = m_dataset->rowCount();
    for (std::size_t p = 0; p < summary.patterns.size(); ++p) {
        const MissingPattern& pattern = summary.patterns[p];
        const auto row = static_cast<int>(p);
        for (int k = 0; k < incomplete; ++k) {
            const bool missing = pattern.missing[static_cast<std::size_t>(k)];
            auto* item = new QTableWidgetItem(missing ? QStringLiteral("✗") : QStringLiteral("✓"));
            item->setTextAlignment(Qt::AlignCenter);
            if (missing)
                item->setBackground(DatasetTableModel::missingBackground());
            m_patterns->setItem(row, k, item);
        }
        m_patterns->setItem(row, incomplete, numberItem(static_cast<double>(pattern.rows)));
        m_patterns->setItem(row, incomplete + 1, new QTableWidgetItem(percent(pattern.rows, rows)));
    }
    m_patterns->resizeColumnsToContents();

    // Per unit: rows, complete rows, and the missing cells of each incomplete variable; a
    // first row sums up each variable over the units (units with some / all cells missing).
    if (summary.unitVariable.empty())
        return;
    QStringList unitHeaders{QString::fromStdString(summary.unitVariable), tr("Rows"),
                            tr("Complete rows")};
    unitHeaders << headers.mid(0, incomplete);
    m_units->setColumnCount(static_cast<int>(unitHeaders.size()));
    m_units->setHorizontalHeaderLabels(unitHeaders);
    m_units->setRowCount(static_cast<int>(summary.units.size()) + 1);
    const QString totalTip = tr("All %1 units: how many units have a missing value of each "
                                "variable, and how many have it missing in every row (a "
                                "level-2 variable missing for the whole unit)")
                                 .arg(summary.units.size());
    auto* total = new QTableWidgetItem(tr("%1 units").arg(summary.units.size()));
    m_units->setItem(0, 0, total);
    std::size_t allRows = 0;
    std::size_t completeRows = 0;
    for (const UnitMissing& unit : summary.units) {
        allRows += unit.rows;
        completeRows += unit.completeRows;
    }
    m_units->setItem(0, 1, numberItem(static_cast<double>(allRows)));
    m_units->setItem(0, 2, numberItem(static_cast<double>(completeRows)));
    for (int k = 0; k < incomplete; ++k) {
        const std::string& name = summary.incomplete[static_cast<std::size_t>(k)];
        for (const VariableMissing& variable : summary.variables)
            if (variable.name == name)
                m_units->setItem(0, 3 + k,
                                 new QTableWidgetItem(tr("%1 units, %2 all")
                                                          .arg(variable.unitsWithMissing)
                                                          .arg(variable.unitsAllMissing)));
    }
    for (int c = 0; c < m_units->columnCount(); ++c)
        if (QTableWidgetItem* item = m_units->item(0, c)) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
            item->setToolTip(totalTip);
        }
    for (std::size_t u = 0; u < summary.units.size(); ++u) {
        const UnitMissing& unit = summary.units[u];
        const auto row = static_cast<int>(u) + 1;
        m_units->setItem(row, 0,
                         numberItem(unit.unit, QString::fromStdString(formatNumber(unit.unit))));
        m_units->setItem(row, 1, numberItem(static_cast<double>(unit.rows)));
        m_units->setItem(row, 2, numberItem(static_cast<double>(unit.completeRows)));
        for (int k = 0; k < incomplete; ++k) {
            const std::size_t missing = unit.missing[static_cast<std::size_t>(k)];
            QTableWidgetItem* item = numberItem(static_cast<double>(missing));
            if (missing == unit.rows)
                item->setBackground(DatasetTableModel::missingBackground().darker(115));
            else if (missing > 0)
                item->setBackground(DatasetTableModel::missingBackground());
            m_units->setItem(row, 3 + k, item);
        }
    }
    m_units->resizeColumnsToContents();
}

} // namespace grove
