// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/RunProgressPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace grove {

RunProgressPanel::RunProgressPanel(QWidget* parent) : QWidget(parent)
{
    m_stage = new QLabel(this);
    m_stage->setObjectName(QStringLiteral("stageLabel"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_cancel, &QPushButton::clicked, this, &RunProgressPanel::cancelRequested);
    auto* header = new QHBoxLayout;
    header->addWidget(m_stage, 1);
    header->addWidget(m_cancel);
    m_barsLayout = new QVBoxLayout;
    m_barsLayout->setSpacing(2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 6);
    layout->addLayout(header);
    layout->addLayout(m_barsLayout);
}

void RunProgressPanel::reset()
{
    for (QProgressBar* bar : m_bars)
        delete bar;
    m_bars.clear();
    m_stage->setText(tr("Starting…"));
    m_cancel->setEnabled(true);
}

void RunProgressPanel::setStage(const QString& stage)
{
    m_stage->setText(tr("Stage: %1").arg(stage));
}

void RunProgressPanel::setProgress(int chain, qlonglong done, qlonglong total)
{
    if (chain < 0)
        return;
    while (m_bars.size() <= static_cast<std::size_t>(chain)) {
        auto* bar = new QProgressBar(this);
        bar->setObjectName(QStringLiteral("chainProgress%1").arg(m_bars.size()));
        bar->setMaximumHeight(18);
        m_barsLayout->addWidget(bar);
        m_bars.push_back(bar);
    }
    QProgressBar* bar = m_bars[static_cast<std::size_t>(chain)];
    // Iteration counts may exceed int; the bar shows a per-mille fraction and the text the counts.
    bar->setRange(0, 1000);
    bar->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 0);
    bar->setFormat(tr("Chain %1: %2 / %3 iterations").arg(chain).arg(done).arg(total));
}

} // namespace grove
