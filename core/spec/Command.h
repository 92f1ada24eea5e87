// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/spec/Answers.h"

#include <string>
#include <string_view>

namespace grove {

/// A run request as the seeds print it:
/// `RunStatJR(template='2LevelImpute', dataset='tutmiss', invars = {...}, estoptions = {...})`.
/// `invars` holds the template's answers, `estoptions` the estimation answers
/// (Template::estimationKeys()).
struct Command {
    std::string templateName;
    std::string datasetName;
    Answers invars;
    Answers estoptions;

    bool operator==(const Command& other) const = default;
    /// invars followed by estoptions, as one set of answers for Template::validate.
    /// Throws Error when a key is in both.
    Answers allAnswers() const;
};

/// Parses a command. The arguments may come in any order and with any spacing; quotes around
/// the template and dataset names are optional (the seeds show `template=2LevelImpute`);
/// `estoptions` may be left out. Throws Error "command: <problem> at character N".
Command parseCommand(std::string_view text);

/// Prints exactly
/// `RunStatJR(template='2LevelImpute', dataset='tutmiss', invars = {...}, estoptions = {...})`.
std::string printCommand(const Command& command);

} // namespace grove
