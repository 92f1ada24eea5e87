// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/RunnerOptions.h"

#include "core/common/Error.h"

#include <charconv>
#include <set>

namespace grove {

namespace {

template <typename Integer>
Integer parseInteger(const std::string& option, const std::string& text, Integer minimum,
                     Integer maximum)
{
    Integer value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < minimum || value > maximum)
        throw Error(option + " needs a whole number from " + std::to_string(minimum) + " to " +
                    std::to_string(maximum) + ", not '" + text + "'");
    return value;
}

} // namespace

std::string runnerUsage()
{
    return R"usage(grove-run: runs a Grove template without the GUI.

Usage:
  grove-run --dataset NAME|PATH --template NAME --inputs "{...}" [--estoptions "{...}"]
            [--seed N] [--threads N] [--chains N] --out DIR
  grove-run --command "RunStatJR(template='...', dataset='...', invars = {...}, estoptions = {...})"
            [--seed N] [--threads N] --out DIR
  grove-run ... --dry-run        validate everything and print the input string and command
  grove-run --dataset NAME|PATH --describe
                                 print the dataset summary (N, missing, min, max per variable)
  grove-run --list-datasets | --list-templates | --help | --version

--chains sets the number of imputation chains (default: one per core, at most one per
imputation, as in Stat-JR); --threads how many run at once. The same seed and chains give the
same results whatever the threads.
Bundled dataset names (tutorial, tutmiss, tutmiss_lev2) resolve to Grove's datasets folder
($GROVE_DATASETS_DIR first, if set). Progress goes to stderr, results tables to stdout, every
output into DIR. Any bad input stops with a one-line reason and a non-zero exit status.
)usage";
}

RunnerOptions parseRunnerArguments(const std::vector<std::string>& arguments)
{
    static const std::set<std::string> valued{"--dataset",    "--template", "--inputs",
                                              "--estoptions", "--command",  "--seed",
                                              "--threads",    "--chains",   "--out"};
    static const std::set<std::string> flags{
        "--dry-run", "--describe",      "--help",          "-h",
        "--version", "--list-datasets", "--list-templates"};
    RunnerOptions options;
    std::set<std::string> seen;
    std::set<RunnerOptions::Mode> modes;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        std::string name = arguments[i];
        std::optional<std::string> value;
        if (const auto equals = name.find('=');
            name.rfind("--", 0) == 0 && equals != std::string::npos) {
            value = name.substr(equals + 1);
            name = name.substr(0, equals);
        }
        if (flags.count(name)) {
            if (value)
                throw Error("option " + name + " takes no value");
            if (name == "--dry-run")
                modes.insert(RunnerOptions::Mode::DryRun);
            else if (name == "--describe")
                modes.insert(RunnerOptions::Mode::Describe);
            else if (name == "--help" || name == "-h")
                modes.insert(RunnerOptions::Mode::Help);
            else if (name == "--version")
                modes.insert(RunnerOptions::Mode::Version);
            else if (name == "--list-datasets")
                modes.insert(RunnerOptions::Mode::ListDatasets);
            else
                modes.insert(RunnerOptions::Mode::ListTemplates);
            continue;
        }
        if (!valued.count(name)) {
            if (name.rfind("-", 0) == 0)
                throw Error("unknown option '" + name + "' (see grove-run --help)");
            throw Error("unexpected argument '" + name +
                        "' (options start with --; see grove-run --help)");
        }
        if (!value) {
            if (i + 1 >= arguments.size())
                throw Error("option " + name + " needs a value");
            value = arguments[++i];
        }
        if (!seen.insert(name).second)
            throw Error("option " + name + " is given twice");
        if (name == "--dataset")
            options.dataset = *value;
        else if (name == "--template")
            options.templateName = *value;
        else if (name == "--inputs")
            options.inputs = *value;
        else if (name == "--estoptions")
            options.estoptions = *value;
        else if (name == "--command")
            options.command = *value;
        else if (name == "--seed")
            options.seed = parseInteger<unsigned long long>("--seed", *value, 0, 4294967295ULL);
        else if (name == "--threads")
            options.threads = parseInteger<int>("--threads", *value, 1, 256);
        else if (name == "--chains")
            options.chains = parseInteger<int>("--chains", *value, 1, 256);
        else
            options.outDir = *value;
        if (value->empty() && name != "--inputs" && name != "--estoptions")
            throw Error("option " + name + " needs a non-empty value");
    }

    if (modes.size() > 1)
        throw Error("choose one of --dry-run, --describe, --list-datasets, --list-templates, "
                    "--help and --version");
    if (!modes.empty())
        options.mode = *modes.begin();
    using Mode = RunnerOptions::Mode;
    if (options.mode == Mode::Help || options.mode == Mode::Version ||
        options.mode == Mode::ListDatasets || options.mode == Mode::ListTemplates)
        return options;
    if (options.mode == Mode::Describe) {
        if (options.dataset.empty())
            throw Error("--describe needs --dataset NAME|PATH");
        return options;
    }
    if (!options.command.empty()) {
        if (!options.templateName.empty() || !options.inputs.empty() || !options.estoptions.empty())
            throw Error("--command already holds the template, inputs and estoptions; do not "
                        "also give --template, --inputs or --estoptions");
    } else {
        if (options.dataset.empty())
            throw Error("no dataset: give --dataset NAME|PATH (or a whole --command)");
        if (options.templateName.empty())
            throw Error("no template: give --template NAME (see grove-run --list-templates)");
        if (options.inputs.empty())
            throw Error("no inputs: give --inputs \"{...}\" (the template's input string)");
    }
    if (options.mode == Mode::Run && options.outDir.empty())
        throw Error("no output folder: give --out DIR (or --dry-run to only validate)");
    return options;
}

} // namespace grove
