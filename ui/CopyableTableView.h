// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTableView>

namespace grove {

/// A table view whose selection Ctrl+C copies as tab-separated text (with the column headers
/// when whole rows are selected), so results paste straight into a spreadsheet.
class CopyableTableView : public QTableView {
    Q_OBJECT
public:
    using QTableView::QTableView;

    /// The selected cells as tab-separated lines.
    QString selectionText() const;
    void copySelection() const;

protected:
    void keyPressEvent(QKeyEvent* event) override;
};

} // namespace grove
