// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/PlotExport.h"

#include "ui/plots/QCustomPlotInclude.h"

#include <QSaveFile>
#include <QSvgGenerator>

namespace grove {

bool savePlotSvg(QCustomPlot& plot, const QString& path, int width, int height,
                 const QString& title, const QString& description)
{
    if (width <= 0 || height <= 0)
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setSize(QSize(width, height));
    generator.setViewBox(QRect(0, 0, width, height));
    generator.setResolution(96); // screen pixels, so the SVG opens at the size it was drawn
    generator.setTitle(title);
    generator.setDescription(description);
    QCPPainter painter;
    if (!painter.begin(&generator)) {
        file.cancelWriting();
        return false;
    }
    painter.setMode(QCPPainter::pmVectorized);
    plot.toPainter(&painter, width, height);
    painter.end();
    return file.commit();
}

bool savePlotPng(QCustomPlot& plot, const QString& path, int width, int height)
{
    if (width <= 0 || height <= 0)
        return false;
    const QPixmap pixmap = plot.toPixmap(width, height);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    if (!pixmap.save(&file, "PNG")) {
        file.cancelWriting();
        return false;
    }
    return file.commit();
}

} // namespace grove
