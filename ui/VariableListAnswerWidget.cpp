// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/VariableListAnswerWidget.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace grove {

namespace {
const QString catSuffix = QStringLiteral(":cat");
}

VariableListAnswerWidget::VariableListAnswerWidget(const QStringList& variables,
                                                   bool allowCategorical, QWidget* parent)
    : AnswerWidget(parent), m_allowCategorical(allowCategorical)
{
    m_available = new QListWidget(this);
    m_available->setObjectName(QStringLiteral("availableVariables"));
    m_available->addItems(variables);
    m_available->setToolTip(tr("Click a variable to add it"));
    m_chosen = new QTableWidget(0, allowCategorical ? 2 : 1, this);
    m_chosen->setObjectName(QStringLiteral("chosenVariables"));
    m_chosen->setHorizontalHeaderLabels({tr("variable"), tr(":cat")});
    m_chosen->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    if (allowCategorical)
        m_chosen->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_chosen->verticalHeader()->hide();
    m_chosen->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_chosen->setSelectionMode(QAbstractItemView::NoSelection);
    for (QAbstractItemView* view : {static_cast<QAbstractItemView*>(m_available),
                                    static_cast<QAbstractItemView*>(m_chosen)}) {
        view->setMinimumHeight(110);
        view->setMaximumHeight(150);
        view->setFixedWidth(220);
    }

    connect(m_available, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { addVariable(item->text()); });
    connect(m_chosen, &QTableWidget::itemClicked, this, [this](QTableWidgetItem* item) {
        if (item->column() == 0)
            removeVariable(item->text());
    });

    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Variables"), this));
    left->addWidget(m_available);
    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Chosen (click to remove)"), this));
    right->addWidget(m_chosen);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(left);
    layout->addLayout(right);
    setFocusProxy(m_available);
}

int VariableListAnswerWidget::rowOf(const QString& name) const
{
    for (int row = 0; row < m_chosen->rowCount(); ++row)
        if (m_chosen->item(row, 0)->text() == name)
            return row;
    return -1;
}

void VariableListAnswerWidget::addVariable(const QString& name)
{
    if (name.isEmpty() || rowOf(name) >= 0)
        return;
    const int row = m_chosen->rowCount();
    m_chosen->insertRow(row);
    auto* nameItem = new QTableWidgetItem(name);
    nameItem->setFlags(Qt::ItemIsEnabled);
    m_chosen->setItem(row, 0, nameItem);
    if (m_allowCategorical) {
        auto* cat = new QTableWidgetItem();
        cat->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        cat->setCheckState(Qt::Unchecked);
        cat->setToolTip(tr("Categorical: dummies for every category but the last"));
        m_chosen->setItem(row, 1, cat);
    }
}

void VariableListAnswerWidget::removeVariable(const QString& name)
{
    const int row = rowOf(name);
    if (row >= 0)
        m_chosen->removeRow(row);
}

void VariableListAnswerWidget::setCategorical(const QString& name, bool categorical)
{
    const int row = rowOf(name);
    if (row >= 0 && m_allowCategorical)
        m_chosen->item(row, 1)->setCheckState(categorical ? Qt::Checked : Qt::Unchecked);
}

QStringList VariableListAnswerWidget::chosen() const
{
    QStringList names;
    for (int row = 0; row < m_chosen->rowCount(); ++row) {
        QString entry = m_chosen->item(row, 0)->text();
        if (m_allowCategorical && m_chosen->item(row, 1)->checkState() == Qt::Checked)
            entry += catSuffix;
        names << entry;
    }
    return names;
}

QString VariableListAnswerWidget::value() const
{
    return chosen().join(QLatin1Char(','));
}

void VariableListAnswerWidget::setValue(const QString& value)
{
    m_chosen->setRowCount(0);
    for (QString entry : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        entry = entry.trimmed();
        const bool categorical = entry.endsWith(catSuffix);
        if (categorical)
            entry.chop(catSuffix.size());
        addVariable(entry);
        // Without the checkbox the suffix would be lost silently; keep it out of sight instead
        // so validation can say ":cat is not allowed here".
        if (categorical && !m_allowCategorical)
            m_chosen->item(m_chosen->rowCount() - 1, 0)->setText(entry + catSuffix);
        setCategorical(entry, categorical);
    }
}

} // namespace grove
