// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace grove {

/// A per-chain pseudo-random stream: xoshiro256++ seeded by SplitMix64 from (seed, chain), so
/// every chain's stream depends only on the run seed and the chain index, never on which thread
/// runs it or when. Not thread-safe: one stream per chain. Satisfies UniformRandomBitGenerator.
class RandomStream {
public:
    using result_type = std::uint64_t;

    RandomStream(std::uint64_t seed, std::uint64_t chain)
    {
        std::uint64_t mix = seed ^ (0x9E3779B97F4A7C15ULL * (chain + 1));
        for (std::uint64_t& word : m_state)
            word = splitMix64(mix);
    }

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

    result_type operator()()
    {
        const std::uint64_t result = rotateLeft(m_state[0] + m_state[3], 23) + m_state[0];
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotateLeft(m_state[3], 45);
        return result;
    }

    /// Uniform on the open interval (0, 1): never exactly 0, so log(u) is always finite.
    double uniform() { return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53; }

    /// Standard normal (Marsaglia polar method, keeping both values of each pair).
    double normal()
    {
        if (m_hasSpareNormal) {
            m_hasSpareNormal = false;
            return m_spareNormal;
        }
        double u = 0.0;
        double v = 0.0;
        double s = 0.0;
        do {
            u = 2.0 * uniform() - 1.0;
            v = 2.0 * uniform() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        const double scale = std::sqrt(-2.0 * std::log(s) / s);
        m_spareNormal = v * scale;
        m_hasSpareNormal = true;
        return u * scale;
    }

private:
    static std::uint64_t rotateLeft(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitMix64(std::uint64_t& x)
    {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    std::uint64_t m_state[4] = {};
    double m_spareNormal = 0.0;
    bool m_hasSpareNormal = false;
};

} // namespace grove
