// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/RunController.h"

#include "core/common/Error.h"

#include <QMetaObject>

namespace grove {

RunController::RunController(QObject* parent) : QObject(parent) {}

RunController::~RunController()
{
    m_cancel = true;
    join();
}

void RunController::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

bool RunController::start(std::string templateName, std::shared_ptr<const Dataset> dataset,
                          NamedDatasets others, Answers validated, RunSettings settings)
{
    if (m_running)
        return false;
    join();
    m_cancel = false;
    m_running = true;
    {
        const std::lock_guard lock(m_throttleMutex);
        m_lastReport.clear();
    }
    m_live = std::make_shared<LiveChains>();
    m_thread = std::thread([this, live = m_live, templateName = std::move(templateName),
                            dataset = std::move(dataset), others = std::move(others),
                            answers = std::move(validated), settings] {
        RunControl control;
        control.cancelFlag = &m_cancel;
        control.live = live.get(); // `live` keeps it alive for the whole run
        control.stage = [this](const std::string& name) {
            QMetaObject::invokeMethod(
                this, [this, stage = QString::fromStdString(name)] { emit stageChanged(stage); },
                Qt::QueuedConnection);
        };
        control.progress = [this](int chain, long done, long total) {
            reportProgress(chain, done, total);
        };
        // Every outcome ends with exactly one queued call that clears m_running on the GUI thread.
        auto finish = [this](auto emitter) {
            QMetaObject::invokeMethod(
                this,
                [this, emitter] {
                    m_running = false;
                    join();
                    emitter();
                },
                Qt::QueuedConnection);
        };
        try {
            auto result = std::make_shared<const RunResult>(
                runTemplate(templateName, *dataset, answers, others, settings, control));
            finish([this, result] { emit finished(result); });
        } catch (const RunCancelled&) {
            finish([this] { emit cancelled(); });
        } catch (const std::exception& error) {
            finish([this, reason = QString::fromStdString(error.what())] { emit failed(reason); });
        }
    });
    return true;
}

void RunController::cancel()
{
    m_cancel = true;
}

void RunController::reportProgress(int chain, long done, long total)
{
    using namespace std::chrono;
    const auto now = steady_clock::now();
    {
        const std::lock_guard lock(m_throttleMutex);
        const auto index = static_cast<std::size_t>(chain);
        if (m_lastReport.size() <= index)
            m_lastReport.resize(index + 1, steady_clock::time_point{});
        // The last iteration always gets through, so every bar ends full.
        if (done < total && now - m_lastReport[index] < milliseconds(100))
            return;
        m_lastReport[index] = now;
    }
    QMetaObject::invokeMethod(
        this, [this, chain, done, total] { emit progressed(chain, done, total); },
        Qt::QueuedConnection);
}

} // namespace grove
