// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/DatasetLibrary.h"

#include "core/common/Error.h"
#include "core/io/DatasetReader.h"

#include <algorithm>

namespace grove {

std::vector<std::string> DatasetLibrary::names() const
{
    std::vector<std::string> result = m_catalog.names();
    for (const std::string& name : m_addedOrder) {
        if (std::find(result.begin(), result.end(), name) == result.end())
            result.push_back(name);
    }
    return result;
}

std::shared_ptr<const Dataset> DatasetLibrary::get(const std::string& name)
{
    if (const auto added = m_added.find(name); added != m_added.end())
        return added->second;
    if (const auto loaded = m_bundled.find(name); loaded != m_bundled.end())
        return loaded->second;
    const auto path = m_catalog.find(name);
    if (!path)
        throw Error("unknown dataset '" + name + "'");
    auto dataset = std::make_shared<const Dataset>(readDataset(*path));
    m_bundled[name] = dataset;
    return dataset;
}

std::shared_ptr<const Dataset> DatasetLibrary::find(const std::string& name)
{
    try {
        return get(name);
    } catch (const Error&) {
        return nullptr;
    }
}

void DatasetLibrary::add(Dataset dataset)
{
    const std::string name = dataset.name();
    if (name.empty())
        throw Error("a dataset must have a name");
    if (!m_added.count(name))
        m_addedOrder.push_back(name);
    m_added[name] = std::make_shared<const Dataset>(std::move(dataset));
}

bool DatasetLibrary::isBundled(const std::string& name) const
{
    return !m_added.count(name) && m_catalog.find(name).has_value();
}

void DatasetLibrary::reloadBundled()
{
    m_bundled.clear();
}

} // namespace grove
