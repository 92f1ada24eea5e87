// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ChainColors.h"

#include <array>

namespace grove {

QColor chainColor(std::size_t chain)
{
    static const std::array<QColor, 8> palette = {
        QColor(31, 119, 180),  // blue
        QColor(255, 127, 14),  // orange
        QColor(148, 103, 189), // purple
        QColor(140, 86, 75),   // brown
        QColor(227, 119, 194), // pink
        QColor(127, 127, 127), // grey
        QColor(188, 189, 34),  // olive
        QColor(23, 190, 207),  // cyan
    };
    return palette[chain % palette.size()];
}

} // namespace grove
