// SPDX-License-Identifier: GPL-3.0-or-later
// grove-convert IN OUT.dta: converts any dataset Grove reads into a Stata .dta file. It makes
// the bundled datasets from datasets/csv/ (see datasets/regenerate).
#include "core/common/Error.h"
#include "core/io/DatasetReader.h"
#include "core/io/DtaWriter.h"

#include <iostream>

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: grove-convert INPUT OUTPUT.dta\n";
        return 2;
    }
    try {
        std::vector<std::string> notes;
        const grove::Dataset dataset = grove::readDataset(argv[1], &notes);
        for (const std::string& note : notes)
            std::cerr << "grove-convert: " << note << "\n";
        grove::writeDta(dataset, argv[2]);
        std::cerr << "grove-convert: wrote " << argv[2] << " (" << dataset.rowCount() << " rows, "
                  << dataset.columnCount() << " variables)\n";
    } catch (const grove::Error& error) {
        std::cerr << "grove-convert: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
