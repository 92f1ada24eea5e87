// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/DatasetCatalog.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace grove {

DatasetCatalog::DatasetCatalog(std::vector<std::filesystem::path> extraFolders)
{
    if (const char* fromEnvironment = std::getenv("GROVE_DATASETS_DIR");
        fromEnvironment && *fromEnvironment)
        m_folders.emplace_back(fromEnvironment);
    for (auto& folder : extraFolders)
        m_folders.push_back(std::move(folder));
}

std::vector<std::string> DatasetCatalog::names() const
{
    std::set<std::string> found;
    for (const auto& folder : m_folders) {
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
            if (entry.is_regular_file(error) && entry.path().extension() == ".dta")
                found.insert(entry.path().stem().string());
        }
    }
    return {found.begin(), found.end()};
}

std::optional<std::filesystem::path> DatasetCatalog::find(std::string_view name) const
{
    for (const auto& folder : m_folders) {
        std::filesystem::path candidate = folder / (std::string(name) + ".dta");
        std::error_code error;
        if (std::filesystem::is_regular_file(candidate, error))
            return candidate;
    }
    return std::nullopt;
}

std::filesystem::path DatasetCatalog::resolve(std::string_view nameOrPath) const
{
    const std::filesystem::path asPath(nameOrPath);
    std::error_code error;
    if (std::filesystem::exists(asPath, error) || asPath.has_extension() ||
        asPath.has_parent_path())
        return asPath;
    if (auto bundled = find(nameOrPath))
        return *bundled;
    std::string known;
    for (const std::string& name : names())
        known += (known.empty() ? "" : ", ") + name;
    throw Error("unknown dataset '" + std::string(nameOrPath) +
                "' (bundled datasets: " + (known.empty() ? std::string("none found") : known) +
                "; or give the path of a .dta, .csv, .txt or .sav file)");
}

} // namespace grove
