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

namespace {

// What every question has; each factory below adds only what its kind needs.
Question plainQuestion(std::string key, std::string prompt, QuestionKind kind, std::string help)
{
    Question q;
    q.key = std::move(key);
    q.prompt = std::move(prompt);
    q.kind = kind;
    q.help = std::move(help);
    return q;
}

} // namespace

Question Question::yesNo(std::string key, std::string prompt, std::string help)
{
    Question q =
        plainQuestion(std::move(key), std::move(prompt), QuestionKind::YesNo, std::move(help));
    q.options = {"Yes", "No"};
    return q;
}

Question Question::choice(std::string key, std::string prompt, std::vector<std::string> options,
                          std::string help)
{
    Question q =
        plainQuestion(std::move(key), std::move(prompt), QuestionKind::Choice, std::move(help));
    q.options = std::move(options);
    return q;
}

Question Question::variable(std::string key, std::string prompt, std::string help)
{
    return plainQuestion(std::move(key), std::move(prompt), QuestionKind::Variable,
                         std::move(help));
}

Question Question::variableList(std::string key, std::string prompt, std::string help,
                                bool allowCategorical)
{
    Question q = plainQuestion(std::move(key), std::move(prompt), QuestionKind::VariableList,
                               std::move(help));
    q.allowCategorical = allowCategorical;
    return q;
}

Question Question::integer(std::string key, std::string prompt, long long minimum,
                           std::string defaultValue, std::string help)
{
    Question q =
        plainQuestion(std::move(key), std::move(prompt), QuestionKind::Integer, std::move(help));
    q.minimum = minimum;
    q.defaultValue = std::move(defaultValue);
    return q;
}

Question Question::text(std::string key, std::string prompt, TextFormat format,
                        std::string defaultValue, std::string help)
{
    Question q =
        plainQuestion(std::move(key), std::move(prompt), QuestionKind::Text, std::move(help));
    q.textFormat = format;
    q.defaultValue = std::move(defaultValue);
    return q;
}

Question Question::dataset(std::string key, std::string prompt, std::string help)
{
    return plainQuestion(std::move(key), std::move(prompt), QuestionKind::DatasetName,
                         std::move(help));
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
