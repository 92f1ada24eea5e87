// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

#include <cstddef>

namespace grove {

/// The colour of chain `chain` in every plot (and its checkbox): a qualitative palette with
/// no green, blue-green or pure red near the start, so chains are not confused with the BGR
/// curves' fixed colours. Cycles after 8 chains.
QColor chainColor(std::size_t chain);

} // namespace grove
