// SPDX-License-Identifier: GPL-3.0-or-later
#include "Ar1Chains.h"

#include "core/common/Error.h"
#include "ui/plots/DiagnosticSvgs.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace grove {
namespace {

TEST(DiagnosticSvgs, FileNamesReplaceUnsafeCharacters)
{
    EXPECT_EQ(diagnosticSvgFileName("Imputation:Model", "beta_0"), "Imputation_Model_beta_0.svg");
    EXPECT_EQ(diagnosticSvgFileName("Model1", "omega u/1"), "Model1_omega_u_1.svg");
}

TEST(DiagnosticSvgs, WritesOneSvgPerParameterAndNoTemporaries)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const auto chains = test::ar1ChainSet(3, 400);
    writeDiagnosticSvgs(*chains, "Model1", dir.path().toStdString());

    const QStringList files = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    EXPECT_EQ(files,
              (QStringList{QStringLiteral("Model1_beta_0.svg"), QStringLiteral("Model1_beta_1.svg"),
                           QStringLiteral("Model1_sigma2.svg")}));
    for (const QString& name : files) {
        QFile file(dir.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        const QByteArray svg = file.readAll();
        EXPECT_TRUE(svg.contains("<svg")) << name.toStdString();
        EXPECT_TRUE(svg.trimmed().endsWith("</svg>")) << name.toStdString();
    }
}

TEST(DiagnosticSvgs, AnUnwritableFolderThrowsAndLeavesNothing)
{
    QTemporaryDir dir;
    const auto chains = test::ar1ChainSet(2, 100);
    const std::filesystem::path missing = std::filesystem::path(dir.path().toStdString()) / "no";
    EXPECT_THROW(writeDiagnosticSvgs(*chains, "Model1", missing), Error);
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

} // namespace
} // namespace grove
