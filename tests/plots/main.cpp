// SPDX-License-Identifier: GPL-3.0-or-later
// Plot tests run without a display: the offscreen platform is forced before QApplication exists.
#include <QApplication>

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
