// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/StackedOutputs.h"

#include "core/common/Error.h"
#include "core/data/Level2View.h"

#include <algorithm>
#include <regex>

namespace grove {

std::string stackedExportStem(const std::string& outputName)
{
    static const std::regex pattern(
        "^(.*?)_?impute_(datafile|L[0-9]+Data)_chain[0-9]+_iter[0-9]+$");
    std::smatch match;
    if (!std::regex_match(outputName, match, pattern))
        return "";
    const std::string prefix = match[1].str().empty() ? "impute" : match[1].str();
    return match[2] == "datafile" ? prefix : prefix + "_" + match[2].str();
}

std::vector<ImputedDatasets> imputedDatasetSets(const RunResult& result)
{
    std::vector<ImputedDatasets> sets;
    for (const RunOutput& output : result.outputs) {
        if (output.kind != RunOutput::Kind::DatasetOutput || !output.dataset)
            continue;
        const std::string stem = stackedExportStem(output.name);
        if (stem.empty())
            continue;
        auto set = std::find_if(sets.begin(), sets.end(),
                                [&stem](const ImputedDatasets& s) { return s.stem == stem; });
        if (set == sets.end()) {
            const auto original = result.originals.find(stem);
            if (original == result.originals.end() || !original->second)
                throw Error("the run kept no original data for '" + stem + "'");
            sets.push_back({stem, original->second.get(), {}});
            set = sets.end() - 1;
        }
        set->completed.push_back(output.dataset.get());
    }
    return sets;
}

Dataset unitsBeforeImputation(const Dataset& source, const Dataset& completedUnits,
                              const std::string& idVariable)
{
    const Level2View units(source, idVariable);
    const std::vector<std::string> names = completedUnits.columnNames();
    const Dataset all = level2Dataset(source, units, names);
    std::vector<std::size_t> rows;
    const Column& ids = completedUnits.column(idVariable);
    for (std::size_t row = 0; row < completedUnits.rowCount(); ++row) {
        const auto& unitIds = units.unitIds();
        const auto found = std::lower_bound(unitIds.begin(), unitIds.end(), ids.values[row]);
        if (found == unitIds.end() || *found != ids.values[row])
            throw Error("'" + idVariable + "' unit " + std::to_string(ids.values[row]) +
                        " of the completed data is not in dataset '" + source.name() + "'");
        rows.push_back(static_cast<std::size_t>(found - unitIds.begin()));
    }
    Dataset result = all.selectRows(rows).selectColumns(names);
    result.setName(source.name());
    return result;
}

std::size_t writeStackedOutputs(const RunResult& result, const std::vector<ExportFormat>& formats,
                                const std::filesystem::path& folder)
{
    const std::vector<ImputedDatasets> sets = imputedDatasetSets(result);
    if (!sets.empty())
        writeStackedExports(sets, formats, folder);
    return sets.size();
}

} // namespace grove
