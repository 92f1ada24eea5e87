// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/Question.h"

#include "core/spec/Text.h"

#include <utility>

namespace grove {

std::string Question::label() const
{
    std::string text = trimmed(prompt);
    while (!text.empty() && (text.back() == ':' || text.back() == '?' || text.back() == ' '))
        text.pop_back();
    // Long prompts start with an introduction ("The next few questions ... MODEL. What ...");
    // messages only need the question itself.
    const std::size_t sentence = text.rfind(". ");
    if (sentence != std::string::npos)
        text = trimmed(text.substr(sentence + 2));
    return text;
}

Question Question::yesNo(std::string key, std::string prompt, std::string help)
{
    Question q;
    q.key = std::move(key);
    q.prompt = std::move(prompt);
    q.kind = QuestionKind::YesNo;
    q.options = {"Yes", "No"};
    q.help = std::move(help);
    return q;
}

Question Question::choice(std::string key, std::string prompt, std::vector<std::string> options,
                          std::string help)
{
    Question q;
    q.key = std::move(key);
    q.prompt = std::move(prompt);
    q.kind = QuestionKind::Choice;
    q.options = std::move(options);
    q.help = std::move(help);
    return q;
}

Question Question::variable(std::string key, std::string prompt, std::string help)
{
    Question q;
    q.key = std::move(key);
    q.prompt = std::move(prompt);
    q.kind = QuestionKind::Variable;
    q.help = std::move(help);
    return q;
}

Question Question::variableList(std::string key, std::string prompt, std::string help,
                                bool allowCategorical)
{
    Question q;
    q.key = std::move(key);
    q.prompt = std::move(prompt);
    q.kind = QuestionKind::VariableList;
    q.help = std::move(help);
    q.allowCategorical = allowCategorical;
    return q;
}

Question Question::integer(std::string key, std::string prompt, long long minimum,
                           std::string defaultValue, std::string help)
{
    Question q;
    q.key = std::move(key);
    q.prompt = std::move(prompt);
    q.kind = QuestionKind::Integer;
    q.minimum = minimum;
    q.defaultValue = std::move(defaultValue);
    q.help = std::move(help);
    return q;
}

Question Question::text(std::string key, std::string prompt, TextFormat format,
                        std::string defaultValue, std::string help)
{
    Question q;
    q.key = std::move(key);
    q.prompt = std::move(prompt);
    q.kind = QuestionKind::Text;
    q.textFormat = format;
    q.defaultValue = std::move(defaultValue);
    q.help = std::move(help);
    return q;
}

Question Question::dataset(std::string key, std::string prompt, std::string help)
{
    Question q;
    q.key = std::move(key);
    q.prompt = std::move(prompt);
    q.kind = QuestionKind::DatasetName;
    q.help = std::move(help);
    return q;
}

const char* questionKindName(QuestionKind kind)
{
    switch (kind) {
    case QuestionKind::YesNo: return "yes/no";
    case QuestionKind::Choice: return "choice";
    case QuestionKind::Variable: return "variable";
    case QuestionKind::VariableList: return "variable list";
    case QuestionKind::Integer: return "integer";
    case QuestionKind::Text: return "text";
    case QuestionKind::DatasetName: return "dataset name";
    }
    return "unknown";
}

} // namespace grove
