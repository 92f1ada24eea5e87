// SPDX-License-Identifier: GPL-3.0-or-later
// grove-run: the headless runner. Only argument handling lives here; the work is core::run.
#include "core/common/Error.h"
#include "core/io/DatasetCatalog.h"
#include "core/run/Runner.h"
#include "core/run/RunnerOptions.h"

#ifdef GROVE_WITH_PLOTS
#include "ui/plots/DiagnosticSvgs.h"

#include <QApplication>
#endif

#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace {

// The installed share/grove/datasets beside bin/, then the build-time locations.
std::vector<std::filesystem::path> datasetFolders(const char* argv0)
{
    std::vector<std::filesystem::path> folders;
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    const std::filesystem::path executable = error ? std::filesystem::path(argv0) : self;
    folders.push_back(executable.parent_path().parent_path() / "share" / "grove" / "datasets");
    folders.emplace_back(GROVE_INSTALL_DATASETS_DIR);
    folders.emplace_back(GROVE_SOURCE_DATASETS_DIR);
    return folders;
}

#ifdef GROVE_WITH_PLOTS
// The run's figures (grove::writeRunFigures, what the GUI's download writes too), drawn
// offscreen.
void writeDiagnosticPlots(const grove::RunResult& result, const std::string& folder)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "grove-run";
    char* argv[] = {name, nullptr};
    QApplication application(argc, argv);
    grove::writeRunFigures(result, folder);
}
#endif

} // namespace

int main(int argc, char** argv)
{
    try {
        const grove::RunnerOptions options =
            grove::parseRunnerArguments(std::vector<std::string>(argv + 1, argv + argc));
        if (options.mode == grove::RunnerOptions::Mode::Version) {
            std::cout << "grove-run " << GROVE_VERSION << "\n";
            return 0;
        }
        const grove::DatasetCatalog catalog(datasetFolders(argv[0]));
        grove::RunnerHooks hooks;
#ifdef GROVE_WITH_PLOTS
        hooks.writePlots = writeDiagnosticPlots;
#endif
        return grove::executeRunner(options, catalog, std::cout, std::cerr, hooks);
    } catch (const grove::Error& error) {
        std::cerr << "grove-run: " << error.what() << "\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "grove-run: internal error: " << error.what() << "\n";
        return 3;
    }
}
