// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ModelEquation.h"

#include "core/data/Categorical.h"

#include <cmath>
#include <sstream>
#include <vector>

namespace grove {

namespace {

std::vector<std::string> splitList(const std::string& list)
{
    std::vector<std::string> items;
    std::string item;
    std::istringstream stream(list);
    while (std::getline(stream, item, ',')) {
        const auto first = item.find_first_not_of(' ');
        const auto last = item.find_last_not_of(' ');
        if (first != std::string::npos)
            items.push_back(item.substr(first, last - first + 1));
    }
    return items;
}

std::string escaped(const std::string& name)
{
    std::string out;
    for (char c : name) {
        if (c == '_' || c == '&' || c == '%' || c == '#' || c == '$')
            out += '\\';
        out += c;
    }
    return out;
}

/// A variable (or a product `a*b`, or a power `a^2`) with the observation subscript.
std::string term(const std::string& name, const std::string& index)
{
    if (name.find('*') != std::string::npos) {
        std::string out;
        std::istringstream stream(name);
        std::string factor;
        while (std::getline(stream, factor, '*'))
            out += (out.empty() ? "" : " ") + term(factor, index);
        return out;
    }
    if (const auto caret = name.find('^'); caret != std::string::npos)
        return term(name.substr(0, caret), index) + "^{" + name.substr(caret + 1) + "}";
    return "\\mathrm{" + escaped(name) + "}_{" + index + "}";
}

/// The explanatory terms of a list, with `:cat` variables expanded to their dummies.
std::vector<std::string> expandTerms(const std::string& list, const Dataset* dataset)
{
    std::vector<std::string> terms;
    for (const std::string& item : splitList(list)) {
        const auto colon = item.find(":cat");
        if (colon == std::string::npos) {
            terms.push_back(item);
            continue;
        }
        const std::string name = item.substr(0, colon);
        bool expanded = false;
        if (dataset && dataset->hasColumn(name)) {
            try {
                const Categories categories = categoriesOf(dataset->column(name), false);
                for (std::size_t k = 0; k + 1 < categories.count(); ++k)
                    terms.push_back(name + "_" +
                                    std::to_string(std::llround(categories.values[k])));
                expanded = true;
            } catch (const std::exception&) {
                expanded = false;
            }
        }
        if (!expanded)
            terms.push_back(name + "_k");
    }
    return terms;
}

std::string linearPredictor(const std::vector<std::string>& terms, const std::string& index,
                            const std::string& betaPrefix, std::size_t& nextBeta)
{
    std::string out;
    for (const std::string& name : terms) {
        if (!out.empty())
            out += " + ";
        out += "\\beta_{" + betaPrefix + std::to_string(nextBeta++) + "}" + term(name, index);
    }
    return out.empty() ? "0" : out;
}

/// u_{j} for an intercept only, or u_{0j} + u_{1j} x_{1ij} + ... with random coefficients.
std::string randomPart(const std::vector<std::string>& slopes, bool intercept,
                       const std::string& index)
{
    std::string out;
    std::size_t k = 0;
    if (intercept)
        out = slopes.empty() ? "u_{j}" : "u_{0j}";
    for (const std::string& slope : slopes) {
        ++k;
        out += (out.empty() ? "" : " + ") + std::string("u_{") +
               std::to_string(intercept ? k : k - 1) + "j}" + term(slope, index);
    }
    return out;
}

std::string randomDistribution(std::size_t effects, bool interceptOnly)
{
    if (effects <= 1)
        return std::string(interceptOnly ? "u_{j}" : "u_{0j}") +
               " &\\sim \\mathrm{N}(0, \\sigma^2_{u})";
    std::string vector;
    for (std::size_t k = 0; k < effects; ++k)
        vector += (k ? ", " : "") + std::string("u_{") + std::to_string(k) + "j}";
    return "(" + vector + ")^{\\top} &\\sim \\mathrm{N}_{" + std::to_string(effects) +
           "}(\\mathbf{0}, \\Omega_{u})";
}

std::string link(const std::string& distribution, const std::string& y, const std::string& index,
                 std::string& lines)
{
    const std::string response = term(y, index);
    if (distribution == "Binomial") {
        lines += response + " &\\sim \\mathrm{Binomial}(1, \\pi_{" + index + "})\\\\\n";
        return "\\mathrm{logit}(\\pi_{" + index + "})";
    }
    if (distribution == "Poisson") {
        lines += response + " &\\sim \\mathrm{Poisson}(\\pi_{" + index + "})\\\\\n";
        return "\\log(\\pi_{" + index + "})";
    }
    if (distribution == "Negative binomial") {
        lines += response + " &\\sim \\mathrm{NB}(\\pi_{" + index + "}, \\nu)\\\\\n";
        return "\\log(\\pi_{" + index + "})";
    }
    lines += response + " &\\sim \\mathrm{N}(\\mu_{" + index + "}, \\sigma^2_{e})\\\\\n";
    return "\\mu_{" + index + "}";
}

std::string twoLevelImpute(const Answers& answers, const Dataset* dataset)
{
    const auto y = answers.get("y");
    const auto x = answers.get("x");
    if (!y || !x)
        return {};
    const bool twoLevels = answers.valueOr("MOIlevel", "1 level") == "2 levels";
    const std::string distribution = answers.valueOr("MOIdist", "Normal");
    const std::string index = twoLevels ? "ij" : "i";
    const std::vector<std::string> terms = expandTerms(*x, dataset);
    const std::vector<std::string> slopes =
        answers.valueOr("MOIslope", "No") == "Yes"
            ? expandTerms(answers.valueOr("xslope", ""), dataset)
            : std::vector<std::string>{};
    std::string lines;
    std::size_t beta = 0;
    if (distribution == "Multivariate Normal") {
        const std::vector<std::string> responses = splitList(*y);
        std::string errors;
        std::string effects;
        for (std::size_t r = 0; r < responses.size(); ++r) {
            const std::string rIndex = std::to_string(r + 1);
            std::string predictor = linearPredictor(terms, index, "", beta);
            if (twoLevels)
                predictor += " + u_{" + rIndex + "j}";
            lines += term(responses[r], index) + " &= " + predictor + " + e_{" + rIndex + index +
                     "}\\\\\n";
            errors += (r ? ", " : "") + std::string("e_{") + rIndex + index + "}";
            effects += (r ? ", " : "") + std::string("u_{") + rIndex + "j}";
        }
        const std::string n = std::to_string(responses.size());
        lines +=
            "(" + errors + ")^{\\top} &\\sim \\mathrm{N}_{" + n + "}(\\mathbf{0}, \\Omega_{e})";
        if (twoLevels)
            lines += "\\\\\n(" + effects + ")^{\\top} &\\sim \\mathrm{N}_{" + n +
                     "}(\\mathbf{0}, \\Omega_{u})";
        return "\\begin{aligned}\n" + lines + "\n\\end{aligned}";
    }
    const std::string left = link(distribution, *y, index, lines);
    std::string predictor = linearPredictor(terms, index, "", beta);
    if (twoLevels)
        predictor += " + " + randomPart(slopes, true, index);
    lines += left + " &= " + predictor;
    if (twoLevels)
        lines += "\\\\\n" + randomDistribution(1 + slopes.size(), slopes.empty());
    return "\\begin{aligned}\n" + lines + "\n\\end{aligned}";
}

std::string onePass(const Answers& answers)
{
    const auto y = answers.get("y");
    const auto x = answers.get("xvars");
    if (!y || !x)
        return {};
    const bool twoLevels = answers.valueOr("L2int", "No") == "Yes";
    const std::string index = twoLevels ? "ij" : "i";
    const std::vector<std::string> terms = splitList(*x);
    std::vector<std::string> slopes =
        twoLevels ? splitList(answers.valueOr("x2vars", "")) : std::vector<std::string>{};
    // x2vars names the terms that vary at level 2, the intercept (cons) among them.
    bool intercept = false;
    std::vector<std::string> others;
    for (const std::string& slope : slopes) {
        if (slope == "cons")
            intercept = true;
        else
            others.push_back(slope);
    }
    std::string lines;
    std::size_t beta = 0;
    const std::string left = link(answers.valueOr("D", "Normal"), *y, index, lines);
    std::string predictor = linearPredictor(terms, index, "", beta);
    const std::size_t effects = others.size() + (intercept ? 1 : 0);
    if (twoLevels && effects > 0)
        predictor += " + " + randomPart(others, intercept, index);
    lines += left + " &= " + predictor;
    if (twoLevels && effects > 0)
        lines += "\\\\\n" + randomDistribution(effects, others.empty());
    return "\\begin{aligned}\n" + lines + "\n\\end{aligned}";
}

/// NLevelImpute in the notation of cross-classified models (Browne, Goldstein & Rasbash
/// 2001): rows i, the unit of row i in classification c written id_c(i), one random term
/// u^{(c+1)} per classification in the MOI (MOIclass_c), the random slopes at the first of them.
std::string nLevelImpute(const Answers& answers, const Dataset* dataset)
{
    const auto y = answers.get("y");
    const auto x = answers.get("x");
    if (!y || !x)
        return {};
    std::vector<std::string> ids;
    std::vector<std::string> levels;
    for (int c = 1; answers.contains("classid_" + std::to_string(c)); ++c)
        if (answers.valueOr("MOIclass_" + std::to_string(c), "No") == "Yes") {
            ids.push_back(answers.valueOr("classid_" + std::to_string(c), ""));
            levels.push_back(std::to_string(c + 1));
        }
    const std::string distribution = answers.valueOr("MOIdist", "Normal");
    const std::string index = "i";
    const std::vector<std::string> terms = expandTerms(*x, dataset);
    const std::vector<std::string> slopes =
        answers.valueOr("MOIslope", "No") == "Yes" && !ids.empty()
            ? expandTerms(answers.valueOr("xslope", ""), dataset)
            : std::vector<std::string>{};
    // u^{(L)}_{k, id(i)}: effect k (omitted when there is one) of row i's unit of
    // classification L - 1.
    auto effect = [&](std::size_t c, const std::string& k) {
        const std::string unit = "\\mathrm{" + escaped(ids[c]) + "}(i)";
        return "u^{(" + levels[c] + ")}_{" + (k.empty() ? "" : k + ",") + unit + "}";
    };
    std::string lines;
    std::size_t beta = 0;
    if (distribution == "Multivariate Normal") {
        const std::vector<std::string> responses = splitList(*y);
        std::string errors;
        for (std::size_t r = 0; r < responses.size(); ++r) {
            const std::string rIndex = std::to_string(r + 1);
            std::string predictor = linearPredictor(terms, index, "", beta);
            for (std::size_t c = 0; c < ids.size(); ++c)
                predictor += " + " + effect(c, rIndex);
            lines += term(responses[r], index) + " &= " + predictor + " + e_{" + rIndex + index +
                     "}\\\\\n";
            errors += (r ? ", " : "") + std::string("e_{") + rIndex + index + "}";
        }
        const std::string n = std::to_string(responses.size());
        lines +=
            "(" + errors + ")^{\\top} &\\sim \\mathrm{N}_{" + n + "}(\\mathbf{0}, \\Omega_{e})";
        for (std::size_t c = 0; c < ids.size(); ++c) {
            std::string vector;
            for (std::size_t r = 0; r < responses.size(); ++r)
                vector += (r ? ", " : "") + effect(c, std::to_string(r + 1));
            lines += "\\\\\n(" + vector + ")^{\\top} &\\sim \\mathrm{N}_{" + n +
                     "}(\\mathbf{0}, \\Omega_{\\mathrm{" + escaped(ids[c]) + "}})";
        }
        return "\\begin{aligned}\n" + lines + "\n\\end{aligned}";
    }
    const std::string left = link(distribution, *y, index, lines);
    std::string predictor = linearPredictor(terms, index, "", beta);
    std::string distributions;
    for (std::size_t c = 0; c < ids.size(); ++c) {
        const std::string variance = "\\mathrm{" + escaped(ids[c]) + "}";
        if (c > 0 || slopes.empty()) {
            predictor += " + " + effect(c, "");
            distributions +=
                "\\\\\n" + effect(c, "") + " &\\sim \\mathrm{N}(0, \\sigma^2_{" + variance + "})";
            continue;
        }
        std::string vector = effect(c, "0");
        predictor += " + " + effect(c, "0");
        for (std::size_t k = 0; k < slopes.size(); ++k) {
            predictor += " + " + effect(c, std::to_string(k + 1)) + term(slopes[k], index);
            vector += ", " + effect(c, std::to_string(k + 1));
        }
        distributions += "\\\\\n(" + vector + ")^{\\top} &\\sim \\mathrm{N}_{" +
                         std::to_string(slopes.size() + 1) + "}(\\mathbf{0}, \\Omega_{" + variance +
                         "})";
    }
    lines += left + " &= " + predictor + distributions;
    return "\\begin{aligned}\n" + lines + "\n\\end{aligned}";
}

} // namespace

std::string modelEquationLatex(const std::string& templateName, const Answers& answers,
                               const Dataset* dataset)
{
    if (templateName == "2LevelMissingOnePass")
        return onePass(answers);
    if (templateName == "2LevelImpute")
        return twoLevelImpute(answers, dataset);
    if (templateName == "NLevelImpute")
        return nLevelImpute(answers, dataset);
    return {};
}

} // namespace grove
