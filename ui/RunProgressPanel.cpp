// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/RunProgressPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace grove {

RunProgressPanel::RunProgressPanel(QWidget* parent) : QWidget(parent)
{
    m_stage = new QLabel(this);
    m_stage->setObjectName(QStringLiteral("stageLabel"));
    m_live = new QPushButton(tr("Live diagnostics"), this);
    m_live->setObjectName(QStringLiteral("liveButton"));
    m_live->setToolTip(tr("Show the six-panel diagnostics of the imputation model's parameters as "
                          "the chains sample"));
    connect(m_live, &QPushButton::clicked, this, &RunProgressPanel::liveRequested);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_cancel, &QPushButton::clicked, this, &RunProgressPanel::cancelRequested);
    auto* header = new QHBoxLayout;
    header->addWidget(m_stage, 1);
    header->addWidget(m_live);
    header->addWidget(m_cancel);
    m_barsLayout = new QVBoxLayout;
    m_barsLayout->setSpacing(2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 6);
    layout->addLayout(header);
    layout->addLayout(m_barsLayout);
    m_clock.start();
}

void RunProgressPanel::reset()
{
    for (QProgressBar* bar : m_bars)
        delete bar;
    m_bars.clear();
    m_clocks.clear();
    m_clock.restart();
    m_stage->setText(tr("Starting…"));
    m_cancel->setEnabled(true);
}

void RunProgressPanel::setStage(const QString& stage)
{
    m_stage->setText(tr("Stage: %1").arg(stage));
}

QProgressBar* RunProgressPanel::bar(int chain) const
{
    return chain >= 0 && static_cast<std::size_t>(chain) < m_bars.size()
               ? m_bars[static_cast<std::size_t>(chain)]
               : nullptr;
}

std::optional<double> RunProgressPanel::secondsLeft(qlonglong firstDone, double firstSeconds,
                                                    qlonglong done, double seconds, qlonglong total)
{
    if (done >= total)
        return 0.0;
    const double elapsed = seconds - firstSeconds;
    const qlonglong progressed = done - firstDone;
    if (firstDone < 0 || elapsed < 0.5 || progressed < 2)
        return std::nullopt;
    const double rate = static_cast<double>(progressed) / elapsed;
    return static_cast<double>(total - done) / rate;
}

QString RunProgressPanel::timeLeftText(double seconds)
{
    const auto whole = static_cast<long long>(std::ceil(std::max(0.0, seconds)));
    if (whole < 60)
        return tr("about %1 s left").arg(std::max(1LL, whole));
    const long long minutes = (whole + 30) / 60;
    if (minutes < 60)
        return tr("about %1 min left").arg(minutes);
    return tr("about %1 h %2 min left").arg(minutes / 60).arg(minutes % 60);
}

void RunProgressPanel::setProgress(int chain, qlonglong done, qlonglong total)
{
    setProgressAt(chain, done, total, static_cast<double>(m_clock.elapsed()) / 1000.0);
}

void RunProgressPanel::setProgressAt(int chain, qlonglong done, qlonglong total, double seconds)
{
    if (chain < 0)
        return;
    while (m_bars.size() <= static_cast<std::size_t>(chain)) {
        auto* bar = new QProgressBar(this);
        bar->setObjectName(QStringLiteral("chainProgress%1").arg(m_bars.size()));
        bar->setMaximumHeight(18);
        m_barsLayout->addWidget(bar);
        m_bars.push_back(bar);
        m_clocks.emplace_back();
    }
    const auto index = static_cast<std::size_t>(chain);
    QProgressBar* bar = m_bars[index];
    // The rate is measured from the chain's first report, so a chain that waited for a free
    // thread (more chains than threads) is not counted as slow.
    ChainClock& clock = m_clocks[index];
    if (clock.firstDone < 0 || done < clock.firstDone) {
        clock.firstDone = done;
        clock.firstSeconds = seconds;
    }
    // Iteration counts may exceed int; the bar shows a per-mille fraction and the text the counts.
    bar->setRange(0, 1000);
    bar->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 0);
    QString text = tr("Chain %1: %2 / %3 iterations").arg(chain).arg(done).arg(total);
    if (done >= total)
        text += tr(", done");
    else if (const auto left =
                 secondsLeft(clock.firstDone, clock.firstSeconds, done, seconds, total))
        text += QStringLiteral(", ") + timeLeftText(*left);
    bar->setFormat(text);
}

} // namespace grove
