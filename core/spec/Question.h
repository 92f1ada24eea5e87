// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace grove {

/// What kind of answer a question takes, so the GUI can pick a widget.
enum class QuestionKind {
    YesNo,        ///< exactly "Yes" or "No"
    Choice,       ///< exactly one of `options`
    Variable,     ///< one variable name
    VariableList, ///< comma-separated variable names, `:cat` where allowCategorical
    Integer,      ///< a whole number of at least `minimum`
    Text,         ///< free text, checked by `textFormat`
    DatasetName,  ///< the name of another loaded dataset (e.g. the level-2 dataset)
};

/// How a Text answer is checked.
enum class TextFormat {
    AnyText,       ///< anything but empty
    OutputName,    ///< a name of letters, digits and underscores, not starting with a digit
    IterationList, ///< "0" (none) or comma-separated iteration numbers
};

/// One question of a template's flow. Besides what the user sees (prompt, help, options,
/// default), it carries the checks Template::validateAnswer applies, so every caller (GUI,
/// input-string loader, grove-run) checks answers the same way.
struct Question {
    std::string key;    ///< the input key, as in the Stat-JR manual's input strings
    std::string prompt; ///< the Stat-JR manual's wording
    QuestionKind kind = QuestionKind::Text;
    std::vector<std::string> options; ///< Choice and YesNo: the accepted values, in display order
    std::string help;                 ///< hover help: what to answer and why
    std::string defaultValue;         ///< a suggestion for the GUI; never filled in silently
    bool allowCategorical = false;    ///< VariableList: entries may carry `:cat`

    // --- checks -------------------------------------------------------------------------
    long long minimum = 0;        ///< Integer: the smallest accepted value
    std::size_t minimumCount = 1; ///< VariableList: the fewest entries (0: may be empty)
    std::string datasetName;      ///< variables come from this dataset (empty: the current one)
    std::vector<std::string>
        extraTerms; ///< VariableList entries accepted without being variables (a*b, a^2)
    std::vector<std::string> allowedOnly; ///< when not empty, entries must be among these
    std::string allowedOnlyReason;
    std::vector<std::string> excluded; ///< variables that may not be chosen here
    std::string excludedReason;
    bool requireObserved = false; ///< chosen variables must have no missing value
    /// VariableList of explanatory variables: listed with cons, none may be constant (it would
    /// be collinear with the intercept and the fixed effects not identified).
    bool explanatory = false;
    /// Variable: the ID of a classification's units; it must group rows (a value per row would
    /// make every unit a single row, leaving the unit variance unidentified).
    bool unitId = false;
    std::string observedReason;
    std::string constantWithin; ///< chosen variables must be constant within units of this ID
    std::string constantReason;
    std::string responseVariable; ///< a response-type Choice: the variable whose values must fit
    std::string categoryCountOf;  ///< Integer: must equal the number of categories of this variable
    TextFormat textFormat = TextFormat::AnyText;

    /// The prompt's last sentence without the trailing ':' or '?', for messages:
    /// "Number of iterations for MOI".
    std::string label() const;

    static Question yesNo(std::string key, std::string prompt, std::string help);
    static Question choice(std::string key, std::string prompt, std::vector<std::string> options,
                           std::string help);
    static Question variable(std::string key, std::string prompt, std::string help);
    static Question variableList(std::string key, std::string prompt, std::string help,
                                 bool allowCategorical);
    static Question integer(std::string key, std::string prompt, long long minimum,
                            std::string defaultValue, std::string help);
    static Question text(std::string key, std::string prompt, TextFormat format,
                         std::string defaultValue, std::string help);
    static Question dataset(std::string key, std::string prompt, std::string help);
};

const char* questionKindName(QuestionKind kind);

} // namespace grove
