// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/LiveDiagnosticsPanel.h"

#include "ui/plots/DiagnosticsFigure.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMetaObject>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace grove {

LiveDiagnosticsPanel::LiveDiagnosticsPanel(QWidget* parent) : QWidget(parent)
{
    m_status = new QLabel(tr("Live diagnostics appear here while a run samples."), this);
    m_status->setObjectName(QStringLiteral("liveStatus"));
    m_figure = new DiagnosticsFigure(this);
    m_figure->setObjectName(QStringLiteral("liveDiagnosticsFigure"));
    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &LiveDiagnosticsPanel::poll);
    m_popout = new QPushButton(tr("Popout"), this);
    m_popout->setObjectName(QStringLiteral("livePopoutButton"));
    m_popout->setToolTip(
        tr("Follow the run's chains in a window of its own, as large as you like"));
    connect(m_popout, &QPushButton::clicked, this, &LiveDiagnosticsPanel::popoutRequested);
    auto* header = new QHBoxLayout;
    header->addWidget(m_status, 1);
    header->addWidget(m_popout);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(header);
    // The figure needs 640 x 480 to be legible; below that it scrolls rather than forcing the
    // main window taller than a laptop screen.
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_figure);
    layout->addWidget(scroll, 1);
}

LiveDiagnosticsPanel::~LiveDiagnosticsPanel()
{
    if (m_worker.joinable())
        m_worker.join();
}

void LiveDiagnosticsPanel::setSource(std::shared_ptr<LiveChains> live)
{
    m_live = std::move(live);
    m_version = 0;
    m_updates = 0;
    m_finishing = false;
    m_status->setText(m_live ? tr("Waiting for the first stored draws…")
                             : tr("Live diagnostics appear here while a run samples."));
    if (m_live)
        m_timer->start();
    else
        m_timer->stop();
}

void LiveDiagnosticsPanel::finish()
{
    m_timer->stop();
    m_finishing = true;
    poll();
}

void LiveDiagnosticsPanel::setInterval(int milliseconds)
{
    m_timer->setInterval(milliseconds);
}

bool LiveDiagnosticsPanel::isPolling() const
{
    return m_timer->isActive();
}

ChainSet LiveDiagnosticsPanel::withoutEmptyChains(ChainSet chains)
{
    ChainSet kept;
    kept.parameters = std::move(chains.parameters);
    for (std::size_t c = 0; c < chains.draws.size(); ++c) {
        const auto& draws = chains.draws[c];
        if (draws.empty() || draws.front().empty())
            continue;
        kept.draws.push_back(std::move(chains.draws[c]));
        kept.iterations.push_back(c < chains.iterations.size() ? std::move(chains.iterations[c])
                                                               : std::vector<long>{});
    }
    return kept;
}

void LiveDiagnosticsPanel::poll()
{
    // While the figure still computes the last snapshot, wait for the next tick rather than
    // queue another: on a long run the panels take longer than a second, and back-to-back
    // computations would take a core from the samplers.
    if (!m_live || m_busy || (m_figure->isUpdating() && !m_finishing))
        return;
    const std::uint64_t version = m_live->version();
    if (version == m_version) {
        if (m_finishing && m_updates > 0)
            m_status->setText(
                tr("Finished: %1 chain(s), up to iteration %2; %3 live update(s) while "
                   "sampling.")
                    .arg(m_shownChains)
                    .arg(m_shownIteration)
                    .arg(m_updates));
        else if (m_finishing)
            m_status->setText(tr("Finished: no draws were published while sampling."));
        return;
    }
    if (m_worker.joinable())
        m_worker.join(); // it has posted its snapshot and is returning
    m_busy = true;
    m_worker = std::thread([this, live = m_live] {
        // Read the version first: draws appended during the copy make the next poll copy again.
        const std::uint64_t taken = live->version();
        auto chains = std::make_shared<const ChainSet>(withoutEmptyChains(live->snapshot()));
        QMetaObject::invokeMethod(
            this, [this, chains, taken] { snapshotTaken(chains, taken); }, Qt::QueuedConnection);
    });
}

void LiveDiagnosticsPanel::snapshotTaken(std::shared_ptr<const ChainSet> chains,
                                         std::uint64_t version)
{
    m_busy = false;
    m_version = version;
    // Finishing while this snapshot was taken: one more, with the run's last draws.
    const bool last = m_finishing && m_live && m_live->version() == version;
    if (m_finishing && !last)
        QTimer::singleShot(0, this, &LiveDiagnosticsPanel::poll);
    if (chains->parameterCount() == 0 || chains->chainCount() == 0)
        return; // nothing stored yet (burn-in, or a sampler that does not publish)
    std::size_t longest = 0;
    for (const auto& iterations : chains->iterations)
        if (!iterations.empty())
            longest = std::max(longest, static_cast<std::size_t>(iterations.back()));
    m_shownChains = chains->chainCount();
    m_shownIteration = longest;
    m_figure->setLiveChains(std::move(chains));
    ++m_updates;
    if (last)
        m_status->setText(tr("Finished: %1 chain(s), up to iteration %2; %3 live update(s) while "
                             "sampling.")
                              .arg(m_shownChains)
                              .arg(m_shownIteration)
                              .arg(m_updates));
    else
        m_status->setText(tr("Sampling: %1 chain(s), up to iteration %2; refreshed about once a "
                             "second.")
                              .arg(m_shownChains)
                              .arg(m_shownIteration));
    emit updated();
}

} // namespace grove
