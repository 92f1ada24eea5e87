// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/moi/ModelOfInterest.h"
#include "core/random/RandomStream.h"

#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace grove::moitest {

/// A minimal CSV reader for the bundled tutorial data (the .dta reader lives elsewhere):
/// a quoted header, numeric cells, empty cells missing.
inline std::optional<Dataset> loadCsv(const std::string& path, const std::string& name)
{
    std::ifstream in(path);
    if (!in)
        return std::nullopt;
    std::string line;
    std::getline(in, line);
    std::vector<std::string> names;
    {
        std::stringstream header(line);
        std::string cell;
        while (std::getline(header, cell, ',')) {
            std::string clean;
            for (char c : cell)
                if (c != '"' && c != '\r')
                    clean += c;
            names.push_back(clean);
        }
    }
    std::vector<std::vector<double>> values(names.size());
    while (std::getline(in, line)) {
        if (line.empty() || line == "\r")
            continue;
        std::stringstream row(line);
        std::string cell;
        for (std::size_t k = 0; k < names.size(); ++k) {
            if (!std::getline(row, cell, ','))
                cell.clear();
            values[k].push_back(cell.empty() || cell == "\r" || cell == "NA" ? std::nan("")
                                                                             : std::stod(cell));
        }
    }
    Dataset data(name);
    for (std::size_t k = 0; k < names.size(); ++k)
        data.addColumn(Column(names[k], values[k]));
    return data;
}

inline std::optional<Dataset> tutorial()
{
    return loadCsv(std::string(GROVE_DATASETS_DIR) + "/csv/tutorial.csv", "tutorial");
}

inline const MoiParameterSummary& parameter(const MoiFit& fit, const std::string& name)
{
    for (const MoiParameterSummary& summary : fit.summary)
        if (summary.name == name)
            return summary;
    throw std::runtime_error("no parameter " + name);
}

/// Simulated 2-level data: `units` clusters of `size` rows, columns id, cons, x1 (level 1,
/// N(0,1)), w (level 2, N(0,1)); responses are added by the tests.
inline Dataset simulatedFrame(RandomStream& rng, int units, int size)
{
    std::vector<double> id, cons, x1, w;
    for (int j = 0; j < units; ++j) {
        const double level2 = rng.normal();
        for (int i = 0; i < size; ++i) {
            id.push_back(j + 1);
            cons.push_back(1.0);
            x1.push_back(rng.normal());
            w.push_back(level2);
        }
    }
    Dataset data("simulated");
    data.addColumn(Column("id", id));
    data.addColumn(Column("cons", cons));
    data.addColumn(Column("x1", x1));
    data.addColumn(Column("w", w));
    return data;
}

} // namespace grove::moitest
