// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/Command.h"

#include "core/common/Error.h"
#include "core/spec/InputString.h"
#include "core/spec/LiteralReader.h"

#include <set>

namespace grove {

Answers Command::allAnswers() const
{
    Answers all = invars;
    for (const auto& [key, value] : estoptions) {
        if (all.contains(key))
            throw Error("command: '" + key + "' is given both in invars and in estoptions");
        all.set(key, value);
    }
    return all;
}

Command parseCommand(std::string_view text)
{
    LiteralReader reader(text, "command");
    reader.skipSpace();
    if (reader.atEnd())
        reader.fail("the text is empty; expected 'RunStatJR('");
    const std::string head = reader.readIdentifier("'RunStatJR('");
    if (head != "RunStatJR")
        reader.fail("expected 'RunStatJR(' but found '" + head + "'");
    reader.expect("(", "after RunStatJR");

    Command command;
    std::set<std::string> seen;
    if (!reader.accept(")")) {
        while (true) {
            reader.skipSpace();
            const std::size_t nameAt = reader.characterPosition();
            const std::string name =
                reader.readIdentifier("an argument name (template, dataset, invars or estoptions)");
            if (!seen.insert(name).second)
                throw Error("command: argument '" + name + "' is given twice at character " +
                            std::to_string(nameAt));
            reader.expect("=", "after '" + name + "'");
            if (name == "template")
                command.templateName = reader.readValue("for template");
            else if (name == "dataset")
                command.datasetName = reader.readValue("for dataset");
            else if (name == "invars")
                command.invars = reader.readDict();
            else if (name == "estoptions")
                command.estoptions = reader.readDict();
            else
                throw Error("command: unknown argument '" + name + "' at character " +
                            std::to_string(nameAt) +
                            "; expected template, dataset, invars or estoptions");
            if (reader.accept(")"))
                break;
            reader.expect(",", "or ')' between arguments");
            if (reader.accept(")")) // a trailing comma
                break;
        }
    }
    reader.expectEnd();
    if (command.templateName.empty())
        throw Error("command: no template given (template='...')");
    if (command.datasetName.empty())
        throw Error("command: no dataset given (dataset='...')");
    return command;
}

std::string printCommand(const Command& command)
{
    return "RunStatJR(template=" + pythonQuote(command.templateName) +
           ", dataset=" + pythonQuote(command.datasetName) +
           ", invars = " + printInputString(command.invars) +
           ", estoptions = " + printInputString(command.estoptions) + ")";
}

} // namespace grove
