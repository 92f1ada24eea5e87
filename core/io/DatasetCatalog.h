// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grove {

/// Where bundled datasets live: the folders searched, in order, for `<name>.dta` when a user
/// names a dataset rather than a file (`--dataset tutmiss`).
class DatasetCatalog {
public:
    /// The folders: $GROVE_DATASETS_DIR if set, then `extraFolders` (the app passes the
    /// installed share/grove/datasets and the source tree's datasets/).
    explicit DatasetCatalog(std::vector<std::filesystem::path> extraFolders);

    const std::vector<std::filesystem::path>& folders() const { return m_folders; }
    /// Names (file stems) of every .dta in the folders, sorted, without duplicates.
    std::vector<std::string> names() const;
    /// The file of a bundled dataset, if any folder holds `<name>.dta`.
    std::optional<std::filesystem::path> find(std::string_view name) const;
    /// `nameOrPath` as a path when it names an existing file or has an extension, else the
    /// bundled dataset of that name. Throws Error listing the bundled names when neither.
    std::filesystem::path resolve(std::string_view nameOrPath) const;

private:
    std::vector<std::filesystem::path> m_folders;
};

} // namespace grove
