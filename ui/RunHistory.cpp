// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/RunHistory.h"

#include "core/common/Error.h"

namespace grove {

std::vector<HistoryEntry> RunHistory::entries()
{
    return InputHistory().entries();
}

bool RunHistory::add(const QString& templateName, const QString& datasetName,
                     const QString& inputString)
{
    try {
        InputHistory().add(
            {templateName.toStdString(), datasetName.toStdString(), inputString.toStdString()});
        return true;
    } catch (const Error&) {
        return false;
    }
}

void RunHistory::clear()
{
    try {
        InputHistory().clear();
    } catch (const Error&) {
    }
}

} // namespace grove
