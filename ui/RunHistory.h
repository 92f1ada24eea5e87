// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/InputHistory.h"

#include <QString>

#include <vector>

namespace grove {

/// Template > Set Inputs > History for the window: the per-user run history of core's
/// InputHistory, which grove-run writes too, so runs from either show up in both.
class RunHistory {
public:
    /// Earlier runs, newest first.
    static std::vector<HistoryEntry> entries();
    /// Records a run, dated now (an identical earlier one moves up). Failure to write is not
    /// fatal: the run itself went ahead, so it is only logged by the caller's message.
    static bool add(const QString& templateName, const QString& datasetName,
                    const QString& inputString);
    static void clear();
};

} // namespace grove
