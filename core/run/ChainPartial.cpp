// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/ChainPartial.h"

#include "core/common/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/DatasetReader.h"
#include "core/io/DtaWriter.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace grove {

namespace {

constexpr const char* manifestFile = "grove-partial.txt";
constexpr const char* chainFile = "imputation_chain.txt";

// Doubles as hexadecimal floating point: exact, and strtod reads them back bit for bit.
std::string exact(double value)
{
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%a", value);
    return buffer;
}

double parseExact(const std::string& text, const std::filesystem::path& file)
{
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0')
        throw Error("'" + file.string() + "' is damaged: '" + text + "' is not a number");
    return value;
}

// A name on a line of its own, marked so that an empty one survives reading.
std::string named(const std::string& text)
{
    return "=" + text + "\n";
}

std::string fitFile(std::size_t m)
{
    return "fit_" + std::to_string(m) + ".txt";
}

// Reading back: whitespace-separated tokens, except names, which take a whole line.
class TokenReader {
public:
    explicit TokenReader(const std::filesystem::path& file) : m_file(file)
    {
        std::ifstream in(file);
        if (!in)
            throw Error("cannot read '" + file.string() + "'");
        std::ostringstream text;
        text << in.rdbuf();
        m_in.str(text.str());
    }
    std::string word()
    {
        std::string token;
        if (!(m_in >> token))
            throw Error("'" + m_file.string() + "' ends too soon");
        return token;
    }
    /// A text written by `named`, which may be empty or hold spaces.
    std::string line()
    {
        m_in >> std::ws;
        std::string text;
        std::getline(m_in, text);
        if (text.empty() || text.front() != '=')
            throw Error("'" + m_file.string() + "' is damaged: expected a name, found '" + text +
                        "'");
        return text.substr(1);
    }
    double number() { return parseExact(word(), m_file); }
    long integer() { return static_cast<long>(number()); }

private:
    std::filesystem::path m_file;
    std::istringstream m_in;
};

void writeChains(std::ostream& out, const ChainSet& chains)
{
    out << chains.parameterCount() << "\n";
    for (const ParameterInfo& p : chains.parameters)
        out << named(p.name) << named(p.term);
    out << chains.chainCount() << "\n";
    for (std::size_t c = 0; c < chains.chainCount(); ++c) {
        const std::vector<long> iterations =
            c < chains.iterations.size() ? chains.iterations[c] : std::vector<long>();
        out << iterations.size();
        for (long i : iterations)
            out << " " << i;
        out << "\n";
        for (const std::vector<double>& draws : chains.draws[c]) {
            out << draws.size();
            for (double v : draws)
                out << " " << exact(v);
            out << "\n";
        }
    }
}

ChainSet readChains(TokenReader& in)
{
    ChainSet chains;
    chains.parameters.resize(static_cast<std::size_t>(in.integer()));
    for (ParameterInfo& p : chains.parameters) {
        p.name = in.line();
        p.term = in.line();
    }
    const auto chainCount = static_cast<std::size_t>(in.integer());
    chains.draws.resize(chainCount);
    chains.iterations.resize(chainCount);
    for (std::size_t c = 0; c < chainCount; ++c) {
        chains.iterations[c].resize(static_cast<std::size_t>(in.integer()));
        for (long& i : chains.iterations[c])
            i = in.integer();
        chains.draws[c].resize(chains.parameterCount());
        for (std::vector<double>& draws : chains.draws[c]) {
            draws.resize(static_cast<std::size_t>(in.integer()));
            for (double& v : draws)
                v = in.number();
        }
    }
    return chains;
}

std::string fitText(const MoiFit& fit)
{
    std::ostringstream out;
    writeChains(out, fit.chains);
    out << fit.summary.size() << "\n";
    for (const MoiParameterSummary& s : fit.summary)
        out << named(s.name) << named(s.term) << exact(s.mean) << " " << exact(s.sd) << " "
            << exact(s.drawMean) << " " << exact(s.drawSd) << " " << s.raoBlackwellised << "\n";
    out << fit.fixedEffectCount << " " << fit.raoBlackwellised << " " << fit.rowCount << " "
        << fit.unitCount << "\n";
    out << fit.fixedEffectMean.size();
    for (Eigen::Index i = 0; i < fit.fixedEffectMean.size(); ++i)
        out << " " << exact(fit.fixedEffectMean(i));
    out << "\n" << fit.fixedEffectCovariance.rows() << " " << fit.fixedEffectCovariance.cols();
    for (Eigen::Index j = 0; j < fit.fixedEffectCovariance.cols(); ++j)
        for (Eigen::Index i = 0; i < fit.fixedEffectCovariance.rows(); ++i)
            out << " " << exact(fit.fixedEffectCovariance(i, j));
    out << "\n" << fit.acceptanceRates.size() << "\n";
    for (const auto& [name, rate] : fit.acceptanceRates)
        out << named(name) << exact(rate) << "\n";
    return out.str();
}

MoiFit readFit(const std::filesystem::path& file)
{
    TokenReader in(file);
    MoiFit fit;
    fit.chains = readChains(in);
    fit.summary.resize(static_cast<std::size_t>(in.integer()));
    for (MoiParameterSummary& s : fit.summary) {
        s.name = in.line();
        s.term = in.line();
        s.mean = in.number();
        s.sd = in.number();
        s.drawMean = in.number();
        s.drawSd = in.number();
        s.raoBlackwellised = in.integer() != 0;
    }
    fit.fixedEffectCount = static_cast<std::size_t>(in.integer());
    fit.raoBlackwellised = in.integer() != 0;
    fit.rowCount = static_cast<std::size_t>(in.integer());
    fit.unitCount = static_cast<std::size_t>(in.integer());
    fit.fixedEffectMean.resize(in.integer());
    for (Eigen::Index i = 0; i < fit.fixedEffectMean.size(); ++i)
        fit.fixedEffectMean(i) = in.number();
    const long rows = in.integer();
    const long cols = in.integer();
    fit.fixedEffectCovariance.resize(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j)
        for (Eigen::Index i = 0; i < rows; ++i)
            fit.fixedEffectCovariance(i, j) = in.number();
    fit.acceptanceRates.resize(static_cast<std::size_t>(in.integer()));
    for (auto& [name, rate] : fit.acceptanceRates) {
        name = in.line();
        rate = in.number();
    }
    return fit;
}

std::map<std::string, std::string> readKeyValues(const std::filesystem::path& folder)
{
    const std::filesystem::path file = folder / manifestFile;
    std::ifstream in(file);
    if (!in)
        throw Error("'" + folder.string() + "' is not a partial output folder of grove-run " +
                    "--chain-index (no " + manifestFile + ")");
    std::map<std::string, std::string> values;
    std::string line;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        if (tab != std::string::npos)
            values[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return values;
}

} // namespace

std::string datasetFingerprint(const Dataset& dataset)
{
    std::uint64_t hash = 1469598103934665603ULL;
    const auto mix = [&hash](const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            hash ^= bytes[i];
            hash *= 1099511628211ULL;
        }
    };
    for (const Column& column : dataset.columns()) {
        mix(column.name.data(), column.name.size() + 1);
        for (std::size_t row = 0; row < column.size(); ++row) {
            const double value = column.isMissing(row) ? 0.0 : column.values[row];
            mix(&value, sizeof value);
            mix(&column.missing[row], 1);
        }
    }
    char buffer[20];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

void writeChainPartial(const ChainPartialManifest& manifest, const ImputationRunParts& parts,
                       const std::filesystem::path& folder)
{
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error)
        throw Error("cannot create output folder '" + folder.string() + "': " + error.message());
    const ImputationResult& imputed = parts.imputed;
    std::ostringstream list;
    for (std::size_t m = 0; m < imputed.completedDatasets.size(); ++m) {
        const Dataset& completed = imputed.completedDatasets[m];
        if (completed.columnCount() == 0)
            continue;
        writeDta(completed, folder / (completed.name() + ".dta"));
        list << "imputation\t" << m << "\t" << completed.name();
        for (const std::vector<Dataset>& units : imputed.classificationDatasets)
            if (m < units.size()) {
                writeDta(units[m], folder / (units[m].name() + ".dta"));
                list << "\t" << units[m].name();
            }
        list << "\n";
        writeTextFileAtomically(folder / fitFile(m), fitText(parts.fits[m]));
    }
    std::ostringstream chain;
    ChainSet own;
    own.parameters = imputed.chains.parameters;
    own.draws.push_back(imputed.chains.draws.at(static_cast<std::size_t>(manifest.chainIndex)));
    own.iterations.push_back(
        imputed.chains.iterations.at(static_cast<std::size_t>(manifest.chainIndex)));
    writeChains(chain, own);
    chain << imputed.descriptions.size() << "\n";
    for (const std::string& description : imputed.descriptions)
        chain << named(description);
    writeTextFileAtomically(folder / chainFile, chain.str());
    // The manifest last: a folder without it is not a finished partial.
    std::ostringstream text;
    text << "format\tgrove-partial 1\n"
         << "template\t" << manifest.templateName << "\n"
         << "dataset\t" << manifest.datasetName << "\n"
         << "fingerprint\t" << manifest.datasetFingerprint << "\n"
         << "inputs\t" << manifest.inputs << "\n"
         << "seed\t" << manifest.seed << "\n"
         << "chains\t" << manifest.chains << "\n"
         << "chain-index\t" << manifest.chainIndex << "\n"
         << list.str();
    writeTextFileAtomically(folder / manifestFile, text.str());
}

ChainPartialManifest readChainPartialManifest(const std::filesystem::path& folder)
{
    const std::map<std::string, std::string> values = readKeyValues(folder);
    const auto get = [&](const std::string& key) {
        const auto found = values.find(key);
        if (found == values.end())
            throw Error("'" + (folder / manifestFile).string() + "' has no '" + key + "'");
        return found->second;
    };
    ChainPartialManifest manifest;
    manifest.templateName = get("template");
    manifest.datasetName = get("dataset");
    manifest.datasetFingerprint = get("fingerprint");
    manifest.inputs = get("inputs");
    manifest.seed = std::stoull(get("seed"));
    manifest.chains = std::stoi(get("chains"));
    manifest.chainIndex = std::stoi(get("chain-index"));
    return manifest;
}

std::vector<std::filesystem::path>
orderChainPartials(const std::vector<std::filesystem::path>& folders)
{
    if (folders.empty())
        throw Error("--merge needs the partial folders of every chain");
    const ChainPartialManifest first = readChainPartialManifest(folders.front());
    std::vector<std::filesystem::path> ordered(static_cast<std::size_t>(first.chains));
    for (const std::filesystem::path& folder : folders) {
        const ChainPartialManifest m = readChainPartialManifest(folder);
        const auto differs = [&](const std::string& what) {
            throw Error("cannot merge '" + folder.string() + "' with '" + folders.front().string() +
                        "': different " + what);
        };
        if (m.templateName != first.templateName)
            differs("template (" + m.templateName + ", " + first.templateName + ")");
        if (m.datasetFingerprint != first.datasetFingerprint)
            differs("dataset (" + m.datasetName + ", " + first.datasetName + ")");
        if (m.inputs != first.inputs)
            differs("inputs");
        if (m.seed != first.seed)
            differs("seed (" + std::to_string(m.seed) + ", " + std::to_string(first.seed) + ")");
        if (m.chains != first.chains)
            differs("number of chains (" + std::to_string(m.chains) + ", " +
                    std::to_string(first.chains) + ")");
        if (m.chainIndex < 0 || m.chainIndex >= first.chains)
            throw Error("'" + folder.string() + "' has chain index " +
                        std::to_string(m.chainIndex) + ", not below --chains " +
                        std::to_string(first.chains));
        std::filesystem::path& slot = ordered[static_cast<std::size_t>(m.chainIndex)];
        if (!slot.empty())
            throw Error("chain " + std::to_string(m.chainIndex) + " is given twice ('" +
                        slot.string() + "' and '" + folder.string() + "')");
        slot = folder;
    }
    for (std::size_t k = 0; k < ordered.size(); ++k)
        if (ordered[k].empty())
            throw Error("chain " + std::to_string(k) + " of " + std::to_string(first.chains) +
                        " is missing: run grove-run ... --chains " + std::to_string(first.chains) +
                        " --chain-index " + std::to_string(k) + " and give its folder too");
    return ordered;
}

ImputationRunParts mergeChainPartials(const std::vector<std::filesystem::path>& folders,
                                      int imputations, long firstImputation)
{
    ImputationRunParts parts;
    ImputationResult& imputed = parts.imputed;
    imputed.completedDatasets.resize(static_cast<std::size_t>(imputations));
    parts.fits.resize(static_cast<std::size_t>(imputations));
    std::vector<bool> seen(static_cast<std::size_t>(imputations), false);
    for (const std::filesystem::path& folder : folders) {
        TokenReader chain(folder / chainFile);
        ChainSet own = readChains(chain);
        if (imputed.chains.parameters.empty()) {
            imputed.chains.parameters = own.parameters;
            imputed.descriptions.resize(static_cast<std::size_t>(chain.integer()));
            for (std::string& description : imputed.descriptions)
                description = chain.line();
        }
        imputed.chains.draws.push_back(std::move(own.draws.at(0)));
        imputed.chains.iterations.push_back(std::move(own.iterations.at(0)));

        std::ifstream manifest(folder / manifestFile);
        std::string line;
        while (std::getline(manifest, line)) {
            if (line.rfind("imputation\t", 0) != 0)
                continue;
            std::vector<std::string> fields;
            std::istringstream parts_(line);
            for (std::string field; std::getline(parts_, field, '\t');)
                fields.push_back(field);
            const auto m = static_cast<std::size_t>(std::stoul(fields.at(1)));
            if (m >= seen.size() || seen[m])
                throw Error("'" + folder.string() + "': imputation " + fields.at(1) +
                            " is not expected or given twice");
            seen[m] = true;
            Dataset completed = readDataset(folder / (fields.at(2) + ".dta"));
            completed.setName(fields.at(2));
            imputed.completedDatasets[m] = std::move(completed);
            for (std::size_t c = 3; c < fields.size(); ++c) {
                if (imputed.classificationDatasets.size() < c - 2)
                    imputed.classificationDatasets.resize(c - 2);
                std::vector<Dataset>& units = imputed.classificationDatasets[c - 3];
                units.resize(static_cast<std::size_t>(imputations));
                Dataset unit = readDataset(folder / (fields[c] + ".dta"));
                unit.setName(fields[c]);
                units[m] = std::move(unit);
            }
            parts.fits[m] = readFit(folder / fitFile(m));
        }
    }
    for (std::size_t m = 0; m < seen.size(); ++m)
        if (!seen[m])
            throw Error("imputation " + std::to_string(m) + " is in none of the partial folders");
    imputed.summary =
        summarizeImputationChains(imputed.chains, imputed.descriptions, firstImputation);
    return parts;
}

} // namespace grove
