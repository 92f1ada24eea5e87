// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diag/Fft.h"

#include <cmath>
#include <numbers>
#include <utility>

namespace grove::detail {

void fftInPlace(std::vector<std::complex<double>>& data, bool inverse)
{
    const std::size_t n = data.size();
    if (n < 2) {
        return;
    }
    // Bit-reversal permutation.
    for (std::size_t i = 1, j = 0; i < n; ++i) {
        std::size_t bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) {
            j ^= bit;
        }
        j ^= bit;
        if (i < j) {
            std::swap(data[i], data[j]);
        }
    }
    const double sign = inverse ? 1.0 : -1.0;
    for (std::size_t length = 2; length <= n; length <<= 1) {
        const std::size_t half = length / 2;
        // Twiddles from cos/sin of each index rather than by repeated multiplication, so the
        // rounding error does not grow with the transform length.
        for (std::size_t k = 0; k < half; ++k) {
            const double angle = sign * 2.0 * std::numbers::pi * static_cast<double>(k) /
                                 static_cast<double>(length);
            const std::complex<double> w(std::cos(angle), std::sin(angle));
            for (std::size_t start = 0; start < n; start += length) {
                const std::complex<double> u = data[start + k];
                const std::complex<double> v = data[start + k + half] * w;
                data[start + k] = u + v;
                data[start + k + half] = u - v;
            }
        }
    }
}

} // namespace grove::detail
