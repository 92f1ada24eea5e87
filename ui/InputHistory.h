// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace grove {

/// The input strings of earlier runs, newest first, at most 50, kept across sessions in
/// QSettings so Template > Set Inputs can offer them again.
class InputHistory {
public:
    static constexpr int maximum = 50;

    static QStringList entries();
    /// Puts `inputString` first (moving it up if it was there already) and trims to `maximum`.
    static void add(const QString& inputString);
    static void clear();
};

} // namespace grove
