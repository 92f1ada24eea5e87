// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/onepass/MoiUpdate.h"

#include "core/common/Error.h"

namespace grove::onepass {

void MoiUpdate::updateGlm(RandomStream&, bool)
{
    throw Error("2LevelMissingOnePass: only the Normal model of interest is implemented so far");
}

} // namespace grove::onepass
