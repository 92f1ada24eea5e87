// SPDX-License-Identifier: GPL-3.0-or-later
// grove: the desktop application. Only wiring lives here; everything else is ui/ and core/.
#include "core/io/DatasetCatalog.h"
#include "core/run/DatasetLibrary.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

namespace {

std::vector<std::filesystem::path> datasetFolders()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    return {QDir(appDir).filePath(QStringLiteral("../share/grove/datasets")).toStdString(),
            GROVE_INSTALL_DATASETS_DIR, GROVE_SOURCE_DATASETS_DIR};
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    Q_INIT_RESOURCE(grove); // the resources live in the grove_ui static library
    QApplication::setApplicationName(QStringLiteral("Grove"));
    QApplication::setOrganizationName(QStringLiteral("Grove"));
    QApplication::setApplicationVersion(QStringLiteral(GROVE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.grove.Grove"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Multilevel multiple imputation"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption datasetOption(QStringLiteral("dataset"),
                                     QStringLiteral("Dataset to open (bundled name or file)."),
                                     QStringLiteral("name"), QStringLiteral("tutmiss"));
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                        QStringLiteral("Save a PNG of the window and quit."),
                                        QStringLiteral("file"));
    parser.addOption(datasetOption);
    parser.addOption(screenshotOption);
    // The desktop launcher passes a file opened from a file manager (Exec=grove %f).
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("A dataset file to open (as --dataset)."),
                                 QStringLiteral("[file]"));
    parser.process(app);

    grove::MainWindow window{grove::DatasetLibrary(grove::DatasetCatalog(datasetFolders()))};
    const QStringList files = parser.positionalArguments();
    const QString dataset = files.isEmpty() ? parser.value(datasetOption) : files.front();
    if (QFileInfo::exists(dataset))
        window.uploadDataset(dataset);
    else
        window.useDataset(dataset);
    window.show();

    if (parser.isSet(screenshotOption)) {
        window.setInteractive(false);
        const QString file = parser.value(screenshotOption);
        // Give the window a moment to lay out and paint before grabbing it.
        QTimer::singleShot(500, &window, [&window, file] {
            const bool saved = window.grab().save(file);
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
