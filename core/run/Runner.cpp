// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/Runner.h"

#include "core/common/Error.h"
#include "core/io/DatasetReader.h"
#include "core/run/DatasetDescription.h"

namespace grove {

namespace {

Dataset loadDataset(const std::string& nameOrPath, const DatasetCatalog& catalog, std::ostream& err)
{
    std::vector<std::string> notes;
    Dataset dataset = readDataset(catalog.resolve(nameOrPath), &notes);
    for (const std::string& note : notes)
        err << "grove-run: note: " << note << "\n";
    return dataset;
}

} // namespace

int executeRunner(const RunnerOptions& options, const DatasetCatalog& catalog, std::ostream& out,
                  std::ostream& err)
{
    using Mode = RunnerOptions::Mode;
    switch (options.mode) {
    case Mode::Help:
        out << runnerUsage();
        return 0;
    case Mode::ListDatasets:
        for (const std::string& name : catalog.names())
            out << name << "\n";
        return 0;
    case Mode::Describe:
        out << describeDataset(loadDataset(options.dataset, catalog, err));
        return 0;
    default:
        break;
    }
    throw Error("templates are not available in this build yet");
}

} // namespace grove
