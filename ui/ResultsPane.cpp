// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ResultsPane.h"

#include "ui/plots/DiagnosticSvgs.h"
#include "ui/plots/DiagnosticsFigure.h"
#include "ui/plots/ImputedVsObservedFigure.h"

#include "core/common/Error.h"
#include "core/diag/ChainSummary.h"
#include "core/run/StackedOutputs.h"
#include "ui/CopyableTableView.h"
#include "ui/DatasetView.h"
#include "ui/RunTableModel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace grove {

namespace {

CopyableTableView* makeTableView(QWidget* parent, const QString& name)
{
    auto* view = new CopyableTableView(parent);
    view->setObjectName(name);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectItems);
    view->setSortingEnabled(true);
    view->setAlternatingRowColors(true);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->setDefaultSectionSize(22);
    return view;
}

/// A sortable view of `table` on `page` (the proxy sorts by the cells' numbers).
CopyableTableView* makeSortedTable(QWidget* page, const Table& table, const QString& name,
                                   QSortFilterProxyModel** proxyOut)
{
    auto* model = new RunTableModel(page);
    model->setTable(table);
    auto* proxy = new QSortFilterProxyModel(page);
    proxy->setSourceModel(model);
    proxy->setSortRole(Qt::EditRole);
    CopyableTableView* view = makeTableView(page, name);
    view->setModel(proxy);
    view->resizeColumnsToContents();
    *proxyOut = proxy;
    return view;
}

/// `table` above `figure` in a splitter filling `page`.
QWidget* tableAboveFigure(QWidget* page, QWidget* table, QWidget* figure)
{
    auto* splitter = new QSplitter(Qt::Vertical, page);
    // Below the figure's minimum size it scrolls, rather than making the window taller.
    auto* scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(figure);
    splitter->addWidget(table);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter, 1);
    return page;
}

/// A summary table of chains above the six-panel figure, the figure following the selected row.
QWidget* makeChainsViewer(std::shared_ptr<const ChainSet> chains, QWidget* parent)
{
    auto* page = new QWidget(parent);
    QSortFilterProxyModel* proxy = nullptr;
    CopyableTableView* view =
        makeSortedTable(page, chains ? ResultsPane::chainsSummary(*chains) : Table{},
                        QStringLiteral("chainsSummaryTable"), &proxy);
    auto* figure = new DiagnosticsFigure(page);
    figure->setObjectName(QStringLiteral("diagnosticsFigure"));
    figure->setChains(std::move(chains), 0);
    QObject::connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, figure,
                     [figure, proxy](const QModelIndex& current) {
                         if (current.isValid())
                             figure->setParameter(
                                 static_cast<std::size_t>(proxy->mapToSource(current).row()));
                     });
    return tableAboveFigure(page, view, figure);
}

/// The imputed-versus-observed table above the figure of the variable chosen in it.
QWidget* makeComparisonViewer(const RunOutput& output, QWidget* parent)
{
    auto* page = new QWidget(parent);
    page->setObjectName(QStringLiteral("comparisonPage"));
    QSortFilterProxyModel* proxy = nullptr;
    CopyableTableView* view =
        makeSortedTable(page, output.table, QStringLiteral("resultsTable"), &proxy);
    auto* figure = new ImputedVsObservedFigure(page);
    figure->setObjectName(QStringLiteral("imputedVsObservedFigure"));
    figure->setComparison(output.imputedVsObserved, 0);
    // Selecting a row shows that row's variable.
    const auto comparison = output.imputedVsObserved;
    QObject::connect(
        view->selectionModel(), &QItemSelectionModel::currentRowChanged, figure,
        [figure, proxy, comparison](const QModelIndex& current) {
            if (!current.isValid())
                return;
            const QString name = proxy->index(current.row(), 0).data(Qt::DisplayRole).toString();
            for (std::size_t v = 0; v < comparison->variables.size(); ++v)
                if (QString::fromStdString(comparison->variables[v].variable.name) == name)
                    figure->setVariable(v);
        });
    return tableAboveFigure(page, view, figure);
}

} // namespace

QWidget* ResultsPane::createViewer(const RunOutput& output, std::shared_ptr<const Dataset> original,
                                   QWidget* parent)
{
    switch (output.kind) {
    case RunOutput::Kind::TableOutput: {
        if (output.imputedVsObserved)
            return makeComparisonViewer(output, parent);
        CopyableTableView* view = makeTableView(parent, QStringLiteral("resultsTable"));
        auto* model = new RunTableModel(view);
        model->setTable(output.table);
        auto* proxy = new QSortFilterProxyModel(view);
        proxy->setSourceModel(model);
        proxy->setSortRole(Qt::EditRole);
        view->setModel(proxy);
        view->sortByColumn(-1, Qt::AscendingOrder);
        view->resizeColumnsToContents();
        return view;
    }
    case RunOutput::Kind::DatasetOutput: {
        auto* view = new DatasetView(parent);
        view->setObjectName(QStringLiteral("resultsDataset"));
        view->setDataset(output.dataset, std::move(original));
        return view;
    }
    case RunOutput::Kind::ChainsOutput: return makeChainsViewer(output.chains, parent);
    case RunOutput::Kind::TextOutput: break;
    }
    auto* text = new QPlainTextEdit(parent);
    text->setObjectName(QStringLiteral("resultsText"));
    text->setReadOnly(true);
    text->setPlainText(QString::fromStdString(output.text));
    return text;
}

Table ResultsPane::chainsSummary(const ChainSet& chains)
{
    Table table;
    table.columns = {"parameter", "term", "mean", "sd", "draws"};
    for (std::size_t p = 0; p < chains.parameterCount(); ++p) {
        const auto perChain = chains.chainsOf(p);
        const ChainSummary summary = summarizeChains(perChain);
        table.rows.push_back({chains.parameters[p].name, chains.parameters[p].term, summary.mean,
                              summary.sd, static_cast<double>(summary.draws)});
    }
    return table;
}

ResultsPane::ResultsPane(QWidget* parent) : QWidget(parent)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("outputList"));
    m_list->setMinimumWidth(220);
    connect(m_list, &QListWidget::currentRowChanged, this, &ResultsPane::showIndex);

    m_download = new QPushButton(tr("Download…"), this);
    m_download->setObjectName(QStringLiteral("downloadButton"));
    m_download->setToolTip(tr("Write every output into a folder: tables and chains as CSV, "
                              "datasets as Stata .dta, texts as .txt"));
    m_download->setEnabled(false);
    connect(m_download, &QPushButton::clicked, this, &ResultsPane::download);
    m_popout = new QPushButton(tr("Popout"), this);
    m_popout->setObjectName(QStringLiteral("popoutButton"));
    m_popout->setToolTip(tr("Open the selected output in a window of its own"));
    m_popout->setEnabled(false);
    connect(m_popout, &QPushButton::clicked, this, [this] { popout(); });

    m_empty = new QLabel(tr("No results yet: answer the questions and press Run."), this);
    m_empty->setAlignment(Qt::AlignCenter);

    m_tableModel = new RunTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_tableModel);
    m_proxy->setSortRole(Qt::EditRole);
    m_tableView = makeTableView(this, QStringLiteral("resultsTable"));
    m_tableView->setModel(m_proxy);

    m_datasetView = new DatasetView(this);
    m_datasetView->setObjectName(QStringLiteral("resultsDataset"));

    // Chains: a summary table above the six-panel diagnostics figure of the selected parameter.
    m_chainsPage = new QWidget(this);
    m_chainsModel = new RunTableModel(this);
    auto* chainsProxy = new QSortFilterProxyModel(this);
    chainsProxy->setSourceModel(m_chainsModel);
    chainsProxy->setSortRole(Qt::EditRole);
    m_chainsView = makeTableView(m_chainsPage, QStringLiteral("chainsSummaryTable"));
    m_chainsView->setModel(chainsProxy);
    m_figure = new DiagnosticsFigure(m_chainsPage);
    m_figure->setObjectName(QStringLiteral("diagnosticsFigure"));
    connect(m_chainsView->selectionModel(), &QItemSelectionModel::currentRowChanged, m_figure,
            [this, chainsProxy](const QModelIndex& current) {
                if (current.isValid())
                    m_figure->setParameter(
                        static_cast<std::size_t>(chainsProxy->mapToSource(current).row()));
            });
    auto* chainsSplitter = new QSplitter(Qt::Vertical, m_chainsPage);
    auto* figureScroll = new QScrollArea(m_chainsPage);
    figureScroll->setWidgetResizable(true);
    figureScroll->setFrameShape(QFrame::NoFrame);
    figureScroll->setWidget(m_figure);
    chainsSplitter->addWidget(m_chainsView);
    chainsSplitter->addWidget(figureScroll);
    chainsSplitter->setStretchFactor(0, 1);
    chainsSplitter->setStretchFactor(1, 3);
    auto* chainsLayout = new QVBoxLayout(m_chainsPage);
    chainsLayout->setContentsMargins(0, 0, 0, 0);
    chainsLayout->addWidget(chainsSplitter, 1);

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("resultsText"));
    m_text->setReadOnly(true);

    m_comparisonPage = new QWidget(this);
    m_comparisonPage->setObjectName(QStringLiteral("comparisonHolder"));
    auto* comparisonLayout = new QVBoxLayout(m_comparisonPage);
    comparisonLayout->setContentsMargins(0, 0, 0, 0);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("resultsStack"));
    for (QWidget* page : {static_cast<QWidget*>(m_empty), static_cast<QWidget*>(m_tableView),
                          static_cast<QWidget*>(m_datasetView), m_chainsPage,
                          static_cast<QWidget*>(m_text), m_comparisonPage})
        m_stack->addWidget(page);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("<b>Outputs</b>"), left));
    leftLayout->addWidget(m_list, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_popout);
    buttons->addWidget(m_download);
    leftLayout->addLayout(buttons);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({330, 900});
    // The run's warnings (imputations too close together, Monte Carlo noise), one per line,
    // above everything, so nobody reads the tables without seeing them.
    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("resultsWarnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings->setStyleSheet(QStringLiteral("QLabel { color: #8a4b00; background: #fff4e0; "
                                             "padding: 4px; }"));
    m_warnings->hide();
    m_convergence = new QLabel(this);
    m_convergence->setObjectName(QStringLiteral("convergenceBanner"));
    m_convergence->setWordWrap(true);
    m_convergence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_convergence->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_convergence);
    layout->addWidget(m_warnings);
    layout->addWidget(splitter, 1);
}

void ResultsPane::setResult(std::shared_ptr<const RunResult> result,
                            std::shared_ptr<const Dataset> original)
{
    m_result = std::move(result);
    m_original = std::move(original);
    m_list->clear();
    if (m_result)
        for (const RunOutput& output : m_result->outputs)
            m_list->addItem(QString::fromStdString(output.name));
    QStringList warnings;
    if (m_result)
        for (const std::string& warning : m_result->warnings)
            warnings << tr("Warning: %1").arg(QString::fromStdString(warning));
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());
    const bool converged = m_result && !m_result->convergenceFlagged;
    m_convergence->setText(m_result ? QString::fromStdString(m_result->convergence) : QString());
    m_convergence->setStyleSheet(
        converged ? QStringLiteral("QLabel { color: #1d5e20; background: "
                                   "#e8f5e9; padding: 4px; }")
                  : QStringLiteral("QLabel { color: #8a1c00; background: "
                                   "#fde7e1; padding: 4px; font-weight: bold; }"));
    m_convergence->setVisible(m_result && !m_result->convergence.empty());
    m_download->setEnabled(m_result && !m_result->outputs.empty());
    m_popout->setEnabled(m_result && !m_result->outputs.empty());
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        m_stack->setCurrentWidget(m_empty);
}

QStringList ResultsPane::outputNames() const
{
    QStringList names;
    for (int row = 0; row < m_list->count(); ++row)
        names << m_list->item(row)->text();
    return names;
}

bool ResultsPane::showOutput(const QString& name)
{
    const int row = static_cast<int>(outputNames().indexOf(name));
    if (row < 0)
        return false;
    m_list->setCurrentRow(row);
    return true;
}

void ResultsPane::showIndex(int index)
{
    if (!m_result || index < 0 || static_cast<std::size_t>(index) >= m_result->outputs.size()) {
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    const RunOutput& output = m_result->outputs[static_cast<std::size_t>(index)];
    switch (output.kind) {
    case RunOutput::Kind::TableOutput:
        if (output.imputedVsObserved) {
            // A fresh viewer each time: its figure follows its own table.
            for (QWidget* old :
                 m_comparisonPage->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly))
                old->deleteLater();
            m_comparisonPage->layout()->addWidget(makeComparisonViewer(output, m_comparisonPage));
            m_stack->setCurrentWidget(m_comparisonPage);
            break;
        }
        m_tableView->sortByColumn(-1, Qt::AscendingOrder);
        m_tableModel->setTable(output.table);
        m_tableView->resizeColumnsToContents();
        m_stack->setCurrentWidget(m_tableView);
        break;
    case RunOutput::Kind::DatasetOutput:
        m_datasetView->setDataset(output.dataset, m_original);
        m_stack->setCurrentWidget(m_datasetView);
        break;
    case RunOutput::Kind::ChainsOutput:
        m_chainsModel->setTable(output.chains ? chainsSummary(*output.chains) : Table{});
        m_figure->setChains(output.chains, 0);
        m_chainsView->resizeColumnsToContents();
        m_stack->setCurrentWidget(m_chainsPage);
        break;
    case RunOutput::Kind::TextOutput:
        m_text->setPlainText(QString::fromStdString(output.text));
        m_stack->setCurrentWidget(m_text);
        break;
    }
}

QWidget* ResultsPane::popout(const QString& name)
{
    if (!m_result)
        return nullptr;
    const int row =
        name.isEmpty() ? m_list->currentRow() : static_cast<int>(outputNames().indexOf(name));
    if (row < 0 || static_cast<std::size_t>(row) >= m_result->outputs.size())
        return nullptr;
    const RunOutput& output = m_result->outputs[static_cast<std::size_t>(row)];
    // A top-level window owned by the pane: closed windows delete themselves, the rest go
    // with the pane.
    auto* window = new QWidget(this, Qt::Window);
    window->setObjectName(QStringLiteral("popout"));
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setWindowTitle(tr("Grove — %1").arg(QString::fromStdString(output.name)));
    auto* layout = new QVBoxLayout(window);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(createViewer(output, m_original, window));
    window->resize(output.kind == RunOutput::Kind::ChainsOutput ? QSize(1000, 900)
                                                                : QSize(900, 600));
    window->show();
    emit message(tr("Opened %1 in its own window").arg(QString::fromStdString(output.name)));
    return window;
}

QList<QWidget*> ResultsPane::popouts() const
{
    QList<QWidget*> windows;
    for (QWidget* child :
         findChildren<QWidget*>(QStringLiteral("popout"), Qt::FindDirectChildrenOnly))
        windows << child;
    return windows;
}

std::vector<ResultsPane::DownloadStep> ResultsPane::downloadSteps() const
{
    std::vector<DownloadStep> steps;
    if (!m_result)
        return steps;
    for (const RunOutput* output : plottedChains(*m_result))
        for (std::size_t p = 0; p < output->chains->parameterCount(); ++p)
            steps.push_back({output, p});
    for (const RunOutput& output : m_result->outputs)
        if (output.imputedVsObserved)
            for (std::size_t v = 0; v < output.imputedVsObserved->variables.size(); ++v)
                steps.push_back({&output, v});
    return steps;
}

QString ResultsPane::downloadTo(const QString& folder,
                                const std::function<bool(int done, int total)>& progress) const
{
    if (!m_result)
        return tr("There are no results to download.");
    const std::vector<DownloadStep> steps = downloadSteps();
    const int total = static_cast<int>(steps.size()) + 1;
    QStringList notExported;
    try {
        writeRunOutputs(*m_result, folder.toStdString());
        // Each package's stack on its own, so names one package cannot take leave the others.
        if (!imputedDatasetSets(*m_result).empty())
            for (const ExportFormat format :
                 {ExportFormat::Stata, ExportFormat::Spss, ExportFormat::R})
                if (const QString problem = exportTo(folder, {format}); !problem.isEmpty())
                    notExported << problem;
        // One SVG per parameter, each its own step so the progress bar moves and Cancel is
        // heard between files.
        for (std::size_t i = 0; i < steps.size(); ++i) {
            if (progress && !progress(static_cast<int>(i) + 1, total))
                return tr("Download cancelled; the files written so far are complete.");
            if (steps[i].output->imputedVsObserved) {
                writeImputedVsObservedSvg(steps[i].output->imputedVsObserved, steps[i].output->name,
                                          steps[i].parameter, folder.toStdString());
                continue;
            }
            const ChainSet& chains = *steps[i].output->chains;
            const std::size_t p = steps[i].parameter;
            ChainSet one;
            one.parameters = {chains.parameters[p]};
            one.iterations = chains.iterations;
            for (const auto& chain : chains.draws)
                one.draws.push_back({chain.at(p)});
            writeDiagnosticSvgs(one, steps[i].output->name, folder.toStdString());
        }
    } catch (const Error& error) {
        return QString::fromStdString(error.what());
    }
    if (progress)
        progress(total, total);
    return notExported.join(QStringLiteral("; "));
}

QString ResultsPane::exportTo(const QString& folder, const std::vector<ExportFormat>& formats) const
{
    if (!m_result)
        return tr("There are no results to export.");
    try {
        if (writeStackedOutputs(*m_result, formats, folder.toStdString()) == 0)
            return tr("This run has no completed datasets to export.");
    } catch (const Error& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

void ResultsPane::download()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Download all outputs into a folder"));
    if (folder.isEmpty())
        return;
    QProgressDialog dialog(tr("Writing the outputs into %1…").arg(folder), tr("Cancel"), 0, 1,
                           this);
    dialog.setWindowTitle(tr("Download"));
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(0);
    const QString problem = downloadTo(folder, [&dialog](int done, int total) {
        dialog.setMaximum(total);
        dialog.setValue(done); // a modal progress dialog processes events here
        return !dialog.wasCanceled();
    });
    emit message(problem.isEmpty() ? tr("Outputs written to %1").arg(folder)
                                   : tr("Download failed: %1").arg(problem));
}

} // namespace grove
