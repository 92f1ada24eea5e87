// SPDX-License-Identifier: GPL-3.0-or-later
// The results pane's warning line and the Settings dialog's pooling choices.
#include "ui/ResultsPane.h"
#include "ui/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>

#include <gtest/gtest.h>

namespace grove {
namespace {

TEST(PoolingSettings, ResultsPaneShowsTheRunsWarnings)
{
    ResultsPane pane;
    auto result = std::make_shared<RunResult>();
    result->outputs.push_back(RunOutput::makeText("Inputs", "{}"));
    result->warnings.push_back("Imputations from one chain are too close together: ...");
    pane.setResult(result);
    EXPECT_FALSE(pane.warningsLabel()->isHidden());
    EXPECT_TRUE(pane.warningsLabel()->text().contains(QStringLiteral("too close together")));

    auto quiet = std::make_shared<RunResult>();
    quiet->outputs.push_back(RunOutput::makeText("Inputs", "{}"));
    pane.setResult(quiet);
    EXPECT_TRUE(pane.warningsLabel()->isHidden());
}

TEST(PoolingSettings, CompleteDataDfAndChainPerImputationAreKept)
{
    QSettings().remove(QStringLiteral("pool/completeDataDf"));
    QSettings().remove(QStringLiteral("run/chainPerImputation"));
    EXPECT_EQ(SettingsDialog::completeDataDf().rule, CompleteDataDf::Rule::BetweenWithin);
    EXPECT_FALSE(SettingsDialog::chainPerImputation());
    {
        SettingsDialog dialog;
        dialog.findChild<QComboBox*>(QStringLiteral("completeDataDfRule"))->setCurrentIndex(2);
        auto* value = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("completeDataDfValue"));
        EXPECT_TRUE(value->isEnabled());
        value->setValue(25.0);
        dialog.findChild<QCheckBox*>(QStringLiteral("chainPerImputation"))->setChecked(true);
        dialog.accept(); // the OK button saves; accept() alone must not
    }
    EXPECT_EQ(SettingsDialog::completeDataDf().rule, CompleteDataDf::Rule::BetweenWithin);
    {
        SettingsDialog dialog;
        dialog.findChild<QComboBox*>(QStringLiteral("completeDataDfRule"))->setCurrentIndex(2);
        dialog.findChild<QDoubleSpinBox*>(QStringLiteral("completeDataDfValue"))->setValue(25.0);
        dialog.findChild<QCheckBox*>(QStringLiteral("chainPerImputation"))->setChecked(true);
        auto* buttons = dialog.findChild<QDialogButtonBox*>();
        buttons->button(QDialogButtonBox::Ok)->click();
    }
    const CompleteDataDf df = SettingsDialog::completeDataDf();
    EXPECT_EQ(df.rule, CompleteDataDf::Rule::Fixed);
    EXPECT_DOUBLE_EQ(df.value, 25.0);
    EXPECT_TRUE(SettingsDialog::chainPerImputation());
    QSettings().remove(QStringLiteral("pool/completeDataDf"));
    QSettings().remove(QStringLiteral("run/chainPerImputation"));
}

} // namespace
} // namespace grove
