// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// QCustomPlot's header trips the project's warning flags (old-style casts, implicit
// conversions); silence them for the header only so our own code stays checked.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Woverloaded-virtual"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wcast-align"
#include <qcustomplot.h>
#pragma GCC diagnostic pop
