// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace grove {

/// Lowers the calling thread's priority to nice 10 (Linux; elsewhere nothing). The live
/// diagnostics compute with it while the samplers' threads fill every core: when the two
/// share a core, the scheduler gives the computation about a tenth of it, so the samplers keep
/// ~95% of their speed and the figure refreshes a little later; on a machine with a free core
/// it runs at full speed. (SCHED_IDLE would starve the figure for the whole run.) Returns
/// whether the priority was changed.
inline bool useBackgroundPriority()
{
#if defined(__linux__)
    return setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10) == 0;
#else
    return false;
#endif
}

} // namespace grove
