// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/InputHistory.h"

#include <QSettings>

namespace grove {

namespace {
const QString historyKey = QStringLiteral("inputs/history");
}

QStringList InputHistory::entries()
{
    return QSettings().value(historyKey).toStringList();
}

void InputHistory::add(const QString& inputString)
{
    QStringList list = entries();
    list.removeAll(inputString);
    list.prepend(inputString);
    while (list.size() > maximum)
        list.removeLast();
    QSettings().setValue(historyKey, list);
}

void InputHistory::clear()
{
    QSettings().remove(historyKey);
}

} // namespace grove
