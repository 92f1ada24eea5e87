// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <functional>
#include <string_view>

namespace grove {

/// What a template checks answers against: the current dataset and a way to find other loaded
/// datasets by name (the one-pass template's level-2 dataset, e.g. `tutmiss_lev2`).
/// Without a dataset, checks that need data are skipped (e.g. while editing an input string
/// before a dataset is chosen); without a lookup, checks on other datasets are skipped.
struct TemplateContext {
    const Dataset* dataset = nullptr;
    /// Returns the dataset of that name, or nullptr when none is loaded.
    std::function<const Dataset*(std::string_view)> findDataset;

    /// The current dataset for an empty name, else findDataset(name) (nullptr without a lookup).
    const Dataset* datasetNamed(std::string_view name) const
    {
        if (name.empty())
            return dataset;
        return findDataset ? findDataset(name) : nullptr;
    }
};

} // namespace grove
