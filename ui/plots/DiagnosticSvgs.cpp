// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/DiagnosticSvgs.h"

#include "core/common/Error.h"
#include "ui/plots/DiagnosticsFigure.h"
#include "ui/plots/ImputedVsObservedFigure.h"

#include <QString>

#include <memory>

namespace grove {

std::string diagnosticSvgFileName(const std::string& outputName, const std::string& parameter)
{
    std::string name = outputName + "_" + parameter;
    for (char& ch : name) {
        const bool unsafe = ch == ':' || ch == '/' || ch == '\\' || ch == '*' || ch == '?' ||
                            ch == '"' || ch == '<' || ch == '>' || ch == '|' || ch == ' ' ||
                            static_cast<unsigned char>(ch) < 0x20;
        if (unsafe)
            ch = '_';
    }
    return name + ".svg";
}

void writeDiagnosticSvgs(const ChainSet& chains, const std::string& outputName,
                         const std::filesystem::path& folder)
{
    // The figure only reads the chains while this function runs, so a non-owning pointer
    // (aliasing an empty owner) avoids copying every draw.
    const std::shared_ptr<const ChainSet> view(std::shared_ptr<const ChainSet>(), &chains);
    DiagnosticsFigure figure;
    figure.resize(1200, 900);
    for (std::size_t p = 0; p < chains.parameterCount(); ++p) {
        if (p == 0)
            figure.setChains(view, 0);
        else
            figure.setParameter(p);
        const std::filesystem::path path =
            folder / diagnosticSvgFileName(outputName, chains.parameters[p].name);
        if (!figure.saveSvg(QString::fromStdString(path.string()), 1200, 900))
            throw Error("cannot write the diagnostics plot " + path.string());
    }
}

void writeRunFigures(const RunResult& result, const std::filesystem::path& folder)
{
    for (const RunOutput* output : plottedChains(result))
        writeDiagnosticSvgs(*output->chains, output->name, folder);
    for (const RunOutput& output : result.outputs)
        if (output.imputedVsObserved)
            for (std::size_t v = 0; v < output.imputedVsObserved->variables.size(); ++v)
                writeImputedVsObservedSvg(output.imputedVsObserved, output.name, v,
                                          folder.string());
}

} // namespace grove
