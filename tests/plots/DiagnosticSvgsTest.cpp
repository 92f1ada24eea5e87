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

TEST(DiagnosticSvgs, RunFiguresAreTheSameWhateverTheThreads)
{
    RunResult result;
    result.outputs.push_back(RunOutput::makeChains("Model1_out", *test::ar1ChainSet(2, 300)));
    result.outputs.push_back(RunOutput::makeChains("Model2_out", *test::ar1ChainSet(3, 200)));
    QTemporaryDir one;
    QTemporaryDir three;
    writeRunFigures(result, one.path().toStdString(), 1);
    writeRunFigures(result, three.path().toStdString(), 3);
    const QStringList files = QDir(one.path()).entryList(QDir::Files, QDir::Name);
    EXPECT_EQ(files.size(), 6);
    EXPECT_EQ(files, QDir(three.path()).entryList(QDir::Files, QDir::Name));
    for (const QString& name : files) {
        QFile a(QDir(one.path()).filePath(name));
        QFile b(QDir(three.path()).filePath(name));
        ASSERT_TRUE(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        EXPECT_EQ(a.readAll(), b.readAll()) << name.toStdString();
    }
    // A folder that cannot be written: one error, the workers stopped and joined.
    EXPECT_THROW(writeRunFigures(result, std::filesystem::path(one.path().toStdString()) / "no", 2),
                 Error);
}

} // namespace
} // namespace grove
