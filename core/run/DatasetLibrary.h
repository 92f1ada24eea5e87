// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/io/DatasetCatalog.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace grove {

/// The datasets a session can use by name: the bundled ones (read on first use), uploaded ones
/// and those a run produced (imputed datasets), as the Stat-JR manual's Dataset > Choose lists
/// them. Not thread-safe: owned by the GUI thread or the runner.
class DatasetLibrary {
public:
    explicit DatasetLibrary(DatasetCatalog catalog) : m_catalog(std::move(catalog)) {}

    /// Bundled names first, then added ones, each once.
    std::vector<std::string> names() const;
    /// The dataset of that name, reading a bundled file on first use. Throws Error if unknown.
    std::shared_ptr<const Dataset> get(const std::string& name);
    /// nullptr instead of an error when there is no such dataset or it cannot be read.
    std::shared_ptr<const Dataset> find(const std::string& name);
    /// Adds (or replaces) a dataset under its own name.
    void add(Dataset dataset);
    bool isBundled(const std::string& name) const;
    /// Forgets the bundled datasets read so far, so the next get() reads the files again
    /// (Debug > Reload datasets). Added datasets stay.
    void reloadBundled();
    const DatasetCatalog& catalog() const { return m_catalog; }

private:
    DatasetCatalog m_catalog;
    std::map<std::string, std::shared_ptr<const Dataset>> m_bundled;
    std::map<std::string, std::shared_ptr<const Dataset>> m_added;
    std::vector<std::string> m_addedOrder;
};

} // namespace grove
