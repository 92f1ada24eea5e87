// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/SeedStrings.h"
#include "core/io/DatasetCatalog.h"
#include "core/run/DatasetLibrary.h"
#include "core/spec/Answers.h"
#include "core/spec/InputString.h"

#include <QApplication>
#include <QElapsedTimer>

#include <functional>

namespace grove::test {

/// The worked example's input string, exactly as Parker & Goldstein 2019 print it.
inline constexpr const char* workedExample = seed2LevelImpute;

inline DatasetLibrary bundledLibrary()
{
    return DatasetLibrary(DatasetCatalog({GROVE_DATASETS_DIR}));
}

/// The worked example with chains short enough for a test run.
inline Answers shortRunAnswers()
{
    Answers answers = parseInputString(workedExample);
    answers.set("numimpute", "2");
    answers.set("imputefirst", "50");
    answers.set("imputeevery", "10");
    answers.set("burnin", "20");
    answers.set("iterations", "50");
    return answers;
}

/// Processes events until `done` holds or `timeoutMs` passes; returns whether it held.
inline bool waitUntil(const std::function<bool()>& done, int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

} // namespace grove::test
