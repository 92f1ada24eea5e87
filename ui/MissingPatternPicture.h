// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/MissingSummary.h"

#include <QString>
#include <QWidget>

namespace grove {

/// The missing-data patterns as a picture, as mice's md.pattern and ggmice's plot_pattern draw
/// them (van Buuren 2018, 4.1): one row per pattern (most frequent first), one column per
/// variable with a missing value, a cell blue where the pattern observes the variable and red
/// where it is missing; the rows of each pattern on the left, the variables it misses on the
/// right, each variable's missing count below. The caption gives the share of complete cases
/// and, with a unit variable, of complete units.
class MissingPatternPicture : public QWidget {
    Q_OBJECT

public:
    explicit MissingPatternPicture(QWidget* parent = nullptr);

    void setSummary(MissingSummary summary, std::size_t rows);
    /// "Complete cases: 3,000 of 4,059 rows (73.9%); complete units: 20 of 65 school (30.8%)".
    QString caption() const { return m_caption; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    MissingSummary m_summary;
    std::size_t m_rows = 0;
    QString m_caption;
};

} // namespace grove
