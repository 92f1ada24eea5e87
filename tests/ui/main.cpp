// SPDX-License-Identifier: GPL-3.0-or-later
// UI tests run without a display: the offscreen platform is forced before QApplication exists.
#include <QApplication>
#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // The run history is a per-user file: the tests keep their own.
    qputenv("GROVE_HISTORY_FILE", QByteArray("/tmp/grove-ui-test-history-") +
                                      QByteArray::number(QCoreApplication::applicationPid()) +
                                      ".tsv");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("GroveTests"));
    QApplication::setApplicationName(QStringLiteral("GroveTests"));
    Q_INIT_RESOURCE(grove);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
