// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

/// The whole content of a text file (empty when it cannot be read).
inline std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// The outcome of running grove-run as a process.
struct CliOutcome {
    int status = -1;
    std::string output; ///< stdout and stderr together
};

inline std::string shellQuote(const std::string& argument)
{
    std::string quoted = "'";
    for (char c : argument)
        quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

/// Where grove-run keeps its run history during the tests, never the user's own.
inline std::string testHistoryFile()
{
    return "/tmp/grove-cli-test-history-" + std::to_string(::getpid()) + ".tsv";
}

/// Runs the grove-run built beside these tests with the given arguments.
inline CliOutcome runGroveRun(const std::vector<std::string>& arguments)
{
    std::string command =
        "GROVE_HISTORY_FILE=" + shellQuote(testHistoryFile()) + " " GROVE_RUN_EXECUTABLE;
    for (const std::string& argument : arguments)
        command += " " + shellQuote(argument);
    command += " 2>&1";
    CliOutcome outcome;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return outcome;
    std::array<char, 4096> buffer{};
    std::size_t read = 0;
    while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        outcome.output.append(buffer.data(), read);
    const int status = pclose(pipe);
    outcome.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}
