// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MissingPatternPicture.h"

#include <QPainter>

#include <algorithm>

namespace grove {

namespace {

const QColor observedColor(120, 160, 210);
const QColor missingColor(215, 80, 80);
constexpr int captionHeight = 40;
constexpr int headerHeight = 90; // rotated variable names
constexpr int leftWidth = 70;    // rows per pattern
constexpr int rightWidth = 40;   // variables missing per pattern
constexpr int footerHeight = 24; // missing per variable

QString percent(std::size_t part, std::size_t whole)
{
    return whole == 0
               ? QStringLiteral("–")
               : QString::number(100.0 * static_cast<double>(part) / static_cast<double>(whole),
                                 'f', 1) +
                     QLatin1Char('%');
}

} // namespace

MissingPatternPicture::MissingPatternPicture(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("missingPatternPicture"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void MissingPatternPicture::setSummary(MissingSummary summary, std::size_t rows)
{
    m_summary = std::move(summary);
    m_rows = rows;
    const std::size_t complete = m_summary.completeRowCount();
    m_caption = tr("Complete cases: %1 of %2 rows (%3)")
                    .arg(complete)
                    .arg(rows)
                    .arg(percent(complete, rows));
    if (!m_summary.unitVariable.empty()) {
        const std::size_t units = m_summary.units.size();
        const std::size_t completeUnits = m_summary.completeUnitCount();
        m_caption += tr("; complete units: %1 of %2 %3 (%4)")
                         .arg(completeUnits)
                         .arg(units)
                         .arg(QString::fromStdString(m_summary.unitVariable))
                         .arg(percent(completeUnits, units));
    }
    updateGeometry();
    update();
}

QSize MissingPatternPicture::sizeHint() const
{
    const int columns = std::max<int>(1, static_cast<int>(m_summary.incomplete.size()));
    const int patterns = std::max<int>(1, static_cast<int>(m_summary.patterns.size()));
    return {leftWidth + rightWidth + 60 * columns + 20,
            captionHeight + headerHeight + footerHeight + std::min(patterns, 30) * 22 + 10};
}

QSize MissingPatternPicture::minimumSizeHint() const
{
    return {260, 200};
}

void MissingPatternPicture::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    QFont font = painter.font();
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QRect(8, 4, width() - 16, captionHeight - 8),
                     Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, m_caption);
    const auto columns = static_cast<int>(m_summary.incomplete.size());
    const auto patterns = static_cast<int>(m_summary.patterns.size());
    if (columns == 0 || patterns == 0) {
        painter.drawText(rect().adjusted(0, captionHeight, 0, 0), Qt::AlignCenter,
                         tr("No missing values"));
        return;
    }
    const int gridLeft = leftWidth;
    const int gridTop = captionHeight + headerHeight;
    const int cellWidth = std::max(14, (width() - leftWidth - rightWidth - 10) / columns);
    const int cellHeight = std::clamp((height() - gridTop - footerHeight - 6) / patterns, 4, 28);
    const bool labelRows = cellHeight >= 12;
    QFont small = font;
    small.setPointSizeF(std::max(6.5, font.pointSizeF() - 1.0));
    painter.setFont(small);

    // Variable names, rotated, above their columns.
    for (int k = 0; k < columns; ++k) {
        painter.save();
        painter.translate(gridLeft + k * cellWidth + cellWidth / 2 + 4, gridTop - 4);
        painter.rotate(-60);
        painter.drawText(0, 0,
                         QString::fromStdString(m_summary.incomplete[static_cast<std::size_t>(k)]));
        painter.restore();
    }
    painter.drawText(QRect(0, gridTop - 20, leftWidth - 6, 18), Qt::AlignRight | Qt::AlignVCenter,
                     tr("rows"));
    for (int p = 0; p < patterns; ++p) {
        const MissingPattern& pattern = m_summary.patterns[static_cast<std::size_t>(p)];
        const int top = gridTop + p * cellHeight;
        int missing = 0;
        for (int k = 0; k < columns; ++k) {
            const bool isMissing = pattern.missing[static_cast<std::size_t>(k)];
            missing += isMissing ? 1 : 0;
            painter.fillRect(QRect(gridLeft + k * cellWidth, top, cellWidth, cellHeight),
                             isMissing ? missingColor : observedColor);
        }
        if (labelRows) {
            painter.drawText(QRect(0, top, leftWidth - 6, cellHeight),
                             Qt::AlignRight | Qt::AlignVCenter, QString::number(pattern.rows));
            painter.drawText(QRect(gridLeft + columns * cellWidth + 6, top, rightWidth, cellHeight),
                             Qt::AlignLeft | Qt::AlignVCenter, QString::number(missing));
        }
    }
    // Cell borders in the background colour, so patterns stay apart.
    painter.setPen(QPen(palette().color(QPalette::Base), 1));
    for (int p = 0; p <= patterns; ++p)
        painter.drawLine(gridLeft, gridTop + p * cellHeight, gridLeft + columns * cellWidth,
                         gridTop + p * cellHeight);
    for (int k = 0; k <= columns; ++k)
        painter.drawLine(gridLeft + k * cellWidth, gridTop, gridLeft + k * cellWidth,
                         gridTop + patterns * cellHeight);
    // Missing cells per variable below the grid.
    painter.setPen(palette().color(QPalette::Text));
    const int footerTop = gridTop + patterns * cellHeight + 2;
    for (int k = 0; k < columns; ++k) {
        std::size_t missing = 0;
        for (const VariableMissing& v : m_summary.variables)
            if (v.name == m_summary.incomplete[static_cast<std::size_t>(k)])
                missing = v.missing;
        painter.drawText(QRect(gridLeft + k * cellWidth, footerTop, cellWidth, footerHeight - 4),
                         Qt::AlignCenter, QString::number(missing));
    }
    painter.drawText(QRect(0, footerTop, leftWidth - 6, footerHeight - 4),
                     Qt::AlignRight | Qt::AlignVCenter, tr("missing"));
}

} // namespace grove
