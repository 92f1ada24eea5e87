// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/Error.h"

#include <gtest/gtest.h>

namespace grove {
namespace {

TEST(Error, MessagesStayOneLineWhateverTheyEcho)
{
    // A pasted value with a line break in it (found by tests/fuzz's answers harness).
    EXPECT_STREQ(Error("'y': got 'a\nb\tc\r'").what(), "'y': got 'a\\nb\\tc\\r'");
    EXPECT_STREQ(Error(std::string("bytes \x01\x1f\x7f end")).what(), "bytes \\x01\\x1f\\x7f end");
    EXPECT_STREQ(Error("caf\xc3\xa9 stays").what(), "caf\xc3\xa9 stays");
}

} // namespace
} // namespace grove
