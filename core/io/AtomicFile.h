// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdio>
#include <filesystem>
#include <string_view>

namespace grove {

/// A file written under a temporary name beside its destination and renamed over it only by
/// commit(), so a failed or cancelled write never leaves a half-written file: without commit()
/// the destructor removes the temporary.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path destination);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::FILE* handle() const { return m_file; }
    void write(std::string_view bytes);
    /// Flushes, closes and renames into place. Throws Error on any failure.
    void commit();

private:
    std::filesystem::path m_destination;
    std::filesystem::path m_temporary;
    std::FILE* m_file = nullptr;
    bool m_committed = false;
};

/// Writes text to a file atomically (see AtomicFile).
void writeTextFileAtomically(const std::filesystem::path& path, std::string_view text);

} // namespace grove
