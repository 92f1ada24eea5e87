// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/spec/TemplateRegistry.h"

#include "core/common/Error.h"
#include "core/spec/NLevelImputeTemplate.h"
#include "core/spec/OnePassTemplate.h"
#include "core/spec/Text.h"
#include "core/spec/TwoLevelImputeTemplate.h"

#include <memory>

namespace grove {
namespace {

const std::vector<std::unique_ptr<Template>>& allTemplates()
{
    // Built once, on first use (thread-safe static initialisation); never destroyed early.
    static const std::vector<std::unique_ptr<Template>> templates = [] {
        std::vector<std::unique_ptr<Template>> list;
        list.push_back(std::make_unique<TwoLevelImputeTemplate>());
        list.push_back(std::make_unique<NLevelImputeTemplate>());
        list.push_back(std::make_unique<OnePassTemplate>());
        return list;
    }();
    return templates;
}

} // namespace

const Template& findTemplate(std::string_view name)
{
    for (const auto& t : allTemplates()) {
        if (t->name() == name)
            return *t;
    }
    throw Error("unknown template '" + std::string(name) +
                "'; known templates: " + joined(templateNames(), ", "));
}

std::vector<std::string> templateNames()
{
    std::vector<std::string> names;
    for (const auto& t : allTemplates())
        names.push_back(t->name());
    return names;
}

} // namespace grove
