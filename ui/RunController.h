// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/LiveChains.h"
#include "core/run/RunOutput.h"
#include "core/run/TemplateRun.h"
#include "core/spec/Answers.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace grove {

/// Runs a template on a worker thread and reports back on the GUI thread. The core calls
/// its progress callbacks from the chains' threads, many times a second; they are throttled
/// here to about ten signals per second per chain and forwarded with queued invocations, so
/// the GUI thread only ever sees signals.
class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr);
    /// Cancels a run still working and waits for its thread.
    ~RunController() override;

    /// Starts a run; false when one is already working.
    bool start(std::string templateName, std::shared_ptr<const Dataset> dataset,
               NamedDatasets others, Answers validated, RunSettings settings);
    void cancel();
    bool isRunning() const { return m_running; }
    /// The draws the samplers publish while the current (or last) run samples, for live
    /// diagnostics; a new one per run, null before the first. Samplers append from their
    /// threads; readers take LiveChains::snapshot (preferably off the GUI thread).
    std::shared_ptr<LiveChains> liveChains() const { return m_live; }

signals:
    void stageChanged(const QString& stage);
    void progressed(int chain, qlonglong done, qlonglong total);
    void finished(std::shared_ptr<const grove::RunResult> result);
    void failed(const QString& reason);
    void cancelled();

private:
    void reportProgress(int chain, long done, long total);
    void join();

    std::thread m_thread;
    std::shared_ptr<LiveChains> m_live;
    std::atomic<bool> m_cancel{false};
    bool m_running = false;
    std::mutex m_throttleMutex;
    std::vector<std::chrono::steady_clock::time_point> m_lastReport;
};

} // namespace grove
