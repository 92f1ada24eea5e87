// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/ChainSet.h"
#include "core/data/Dataset.h"

#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace grove {

struct ImputedVsObserved;

/// A table cell: a number, or text (names, terms, notes).
using TableCell = std::variant<std::string, double>;

/// A results table: named columns and rows of cells.
struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<TableCell>> rows;
};

/// One named output of a run, as the results pane lists it (Parker & Goldstein 2019, "What is
/// returned in the results pane?"): a table, a dataset, a set of chains or a text.
struct RunOutput {
    enum class Kind { TableOutput, DatasetOutput, ChainsOutput, TextOutput };
    std::string name;
    Kind kind = Kind::TextOutput;
    Table table;
    std::shared_ptr<const Dataset> dataset;
    std::shared_ptr<const ChainSet> chains;
    std::string text;
    /// `Imputation_Model_ImputedVsObserved`: what its figures draw (one per variable).
    std::shared_ptr<const ImputedVsObserved> imputedVsObserved;

    static RunOutput makeTable(std::string name, Table table);
    static RunOutput makeDataset(std::string name, Dataset dataset);
    static RunOutput makeChains(std::string name, ChainSet chains);
    static RunOutput makeText(std::string name, std::string text);
};

/// Everything a run produced, in the order the results pane shows it.
struct RunResult {
    std::vector<RunOutput> outputs;
    /// Warnings about the whole run, one line each (imputations too close together, Monte
    /// Carlo noise of the fits): the results pane shows them above the outputs, grove-run
    /// prints them to stderr.
    std::vector<std::string> warnings;
    /// The data each set of completed datasets was completed from, missing values missing, with
    /// their rows and columns, by export stem (see stackedExportStem): m = 0 of the stacked
    /// exports.
    std::map<std::string, std::shared_ptr<const Dataset>> originals;
    /// The convergence verdict (ConvergenceSummary::message): how many parameters are flagged
    /// and what to do, or that all passed. The results pane shows it as a banner, grove-run
    /// prints it as its last stderr line; empty for a run without one.
    std::string convergence;
    bool convergenceFlagged = false; ///< the verdict flags something
    const RunOutput* find(const std::string& name) const;
};

/// The chains outputs that get diagnostic plots, in output order: with combined results (a
/// 2LevelImpute run) the model of interest's CombinedResults and the imputation model's
/// Imputation_Model_out, otherwise every set of chains (a one-pass run's). grove-run's SVGs
/// and the GUI's download both follow it, so they produce the same plots.
std::vector<const RunOutput*> plottedChains(const RunResult& result);

/// The file name of an output: `:` becomes `_`, plus the extension of its kind (.csv for tables
/// and chains, .dta for datasets, .txt for texts).
std::string outputFileName(const RunOutput& output);

/// Table as CSV: a header row, numbers with 10 significant digits, text quoted when needed.
std::string tableToCsv(const Table& table);
/// Chains as CSV in long form: chain, iteration, then one column per parameter.
std::string chainsToCsv(const ChainSet& chains);
/// A table as aligned plain text, for grove-run's stdout.
std::string tableToText(const Table& table);

/// Writes every output into `folder` (created if needed), each file atomically, so a failure
/// leaves no half-written file. Throws Error naming the file that could not be written.
void writeRunOutputs(const RunResult& result, const std::string& folder);

} // namespace grove
