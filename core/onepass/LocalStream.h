// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/random/RandomStream.h"
#include "core/random/Ziggurat.h"

#include <cmath>
#include <cstdint>

namespace grove::onepass {

/// A chain's RandomStream copied into a local for a hot loop, written back when it goes out of
/// scope. Its address never leaves the loop (the rare draws that need a RandomStream& run on the
/// chain's own stream after a copy back and forth), so the compiler can keep the generator's
/// state in registers instead of loading and storing it at every draw. The draws are those of
/// the chain's stream, bit for bit: uniform() and drawNormal() (the ziggurat of Ziggurat.h,
/// with its tables looked up once).
class LocalStream {
public:
    explicit LocalStream(RandomStream& shared)
        : m_shared(shared), m_local(shared), m_tables(detail::zigguratTables())
    {
    }
    ~LocalStream() { m_shared = m_local; }
    LocalStream(const LocalStream&) = delete;
    LocalStream& operator=(const LocalStream&) = delete;

    double uniform() { return m_local.uniform(); }

    /// As grove::drawNormal.
    double normal()
    {
        const std::uint64_t bits = m_local();
        const auto layer = static_cast<std::size_t>(bits & 0xff);
        const double u = (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-52 - 1.0;
        const double x = u * m_tables.x[layer];
        if (std::abs(x) < m_tables.x[layer + 1]) [[likely]]
            return x;
        return withShared(
            [&](RandomStream& rng) { return detail::zigguratSlowPath(rng, m_tables, bits, x); });
    }

    /// Runs draw(RandomStream&) on the chain's stream, in sequence with the local draws.
    template <class Draw> double withShared(Draw&& draw)
    {
        m_shared = m_local;
        const double value = draw(m_shared);
        m_local = m_shared;
        return value;
    }

private:
    RandomStream& m_shared;
    RandomStream m_local;
    const detail::ZigguratTables& m_tables;
};

} // namespace grove::onepass
