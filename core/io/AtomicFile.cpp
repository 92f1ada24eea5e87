// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/AtomicFile.h"

#include "core/common/Error.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace grove {

namespace {

std::filesystem::path temporaryNameFor(const std::filesystem::path& destination)
{
    static std::atomic<unsigned> counter{0};
    std::filesystem::path temporary = destination;
    temporary += ".partial-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    return temporary;
}

} // namespace

AtomicFile::AtomicFile(std::filesystem::path destination)
    : m_destination(std::move(destination)), m_temporary(temporaryNameFor(m_destination))
{
    m_file = std::fopen(m_temporary.c_str(), "wb");
    if (!m_file)
        throw Error("cannot write '" + m_destination.string() + "': " + std::strerror(errno));
}

AtomicFile::~AtomicFile()
{
    if (m_file)
        std::fclose(m_file);
    if (!m_committed) {
        std::error_code ignored;
        std::filesystem::remove(m_temporary, ignored);
    }
}

void AtomicFile::write(std::string_view bytes)
{
    if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size())
        throw Error("cannot write '" + m_destination.string() + "': " + std::strerror(errno));
}

void AtomicFile::commit()
{
    const bool flushed = std::fflush(m_file) == 0;
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!flushed || !closed)
        throw Error("cannot write '" + m_destination.string() + "': " + std::strerror(errno));
    std::error_code error;
    std::filesystem::rename(m_temporary, m_destination, error);
    if (error)
        throw Error("cannot write '" + m_destination.string() + "': " + error.message());
    m_committed = true;
}

void writeTextFileAtomically(const std::filesystem::path& path, std::string_view text)
{
    AtomicFile file(path);
    file.write(text);
    file.commit();
}

} // namespace grove
