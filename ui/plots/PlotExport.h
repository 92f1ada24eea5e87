// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCustomPlot;

namespace grove {

/// Writes `plot` as an SVG of width x height pixels, atomically (temporary name, then rename),
/// with a title and description in the file. False (and no file) when it cannot be written.
bool savePlotSvg(QCustomPlot& plot, const QString& path, int width, int height,
                 const QString& title, const QString& description);

/// Writes `plot` as a PNG of width x height pixels, atomically. False (and no file) when it
/// cannot be written.
bool savePlotPng(QCustomPlot& plot, const QString& path, int width, int height);

} // namespace grove
