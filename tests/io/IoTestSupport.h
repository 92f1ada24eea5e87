// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers the io tests share: a temporary folder, bit-for-bit dataset comparison, errors.
#pragma once

#include "core/common/Error.h"
#include "core/data/Dataset.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace grove {

class TempDir {
public:
    TempDir()
    {
        m_path =
            std::filesystem::temp_directory_path() /
            ("grove-io-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    const std::filesystem::path& path() const { return m_path; }

private:
    static int& counter()
    {
        static int value = 0;
        return value;
    }
    std::filesystem::path m_path;
};

// Every value and missing flag equal, bit for bit.
inline void expectSameData(const Dataset& a, const Dataset& b)
{
    ASSERT_EQ(a.columnNames(), b.columnNames());
    ASSERT_EQ(a.rowCount(), b.rowCount());
    for (std::size_t c = 0; c < a.columnCount(); ++c) {
        const Column& x = a.column(c);
        const Column& y = b.column(c);
        for (std::size_t row = 0; row < a.rowCount(); ++row) {
            ASSERT_EQ(x.isMissing(row), y.isMissing(row)) << x.name << " row " << row;
            if (!x.isMissing(row)) {
                ASSERT_EQ(x.values[row], y.values[row]) << x.name << " row " << row;
            }
        }
    }
}

std::string errorOf(const auto& action)
{
    try {
        action();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace grove
