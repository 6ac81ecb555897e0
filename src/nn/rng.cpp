// rng.cpp: xoshiro256**, Lemire's bounded integers, the polar method, and a portable log.
#include "rng.h"

#include <cmath>

namespace nn {

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

Rng rng_seeded(uint64_t seed) {
    Rng rng;
    for (uint64_t& word : rng.s) word = splitmix64(seed);
    return rng;
}

uint64_t rng_u64(Rng& rng) {
    uint64_t* s = rng.s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double rng_uniform(Rng& rng) { return (double)(rng_u64(rng) >> 11) * 0x1.0p-53; }

// Lemire (2019), "Fast random integer generation in an interval": multiply a 32-bit draw by n
// and keep the high half, rejecting the few low halves that would bias the result.
uint32_t rng_below(Rng& rng, uint32_t n) {
    uint64_t m = (uint64_t)(uint32_t)(rng_u64(rng) >> 32) * n;
    uint32_t low = (uint32_t)m;
    if (low < n) {
        const uint32_t threshold = (uint32_t)(-n) % n;
        while (low < threshold) {
            m = (uint64_t)(uint32_t)(rng_u64(rng) >> 32) * n;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

// Marsaglia's polar method: (u, v) uniform in the unit disc, s = u^2 + v^2, then
// u * sqrt(-2 ln s / s) and v * sqrt(-2 ln s / s) are two independent N(0, 1) draws.
// Unlike Box-Muller it needs no cos/sin, and we supply the log ourselves.
double rng_normal(Rng& rng) {
    if (rng.has_spare) {
        rng.has_spare = false;
        return rng.spare;
    }
    double u, v, s;
    do {
        u = 2.0 * rng_uniform(rng) - 1.0;
        v = 2.0 * rng_uniform(rng) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * det_log(s) / s);
    rng.spare = v * factor;
    rng.has_spare = true;
    return u * factor;
}

void rng_shuffle(Rng& rng, std::vector<uint32_t>& v) { rng_shuffle(rng, v.data(), v.size()); }

void rng_shuffle(Rng& rng, uint32_t* v, size_t n) {
    for (size_t i = n; i > 1; i--) {
        const uint32_t j = rng_below(rng, (uint32_t)i);
        const uint32_t tmp = v[i - 1];
        v[i - 1] = v[j];
        v[j] = tmp;
    }
}

// ln x = e ln 2 + ln m with x = m 2^e and m in [sqrt(1/2), sqrt(2)); then
// ln m = 2 atanh(f) = 2 (f + f^3/3 + f^5/5 + ...) with f = (m - 1)/(m + 1), |f| <= 0.172,
// so f^2 <= 0.0295 and 12 terms reach double precision.
double det_log(double x) {
    if (!(x > 0.0)) return x == 0.0 ? -HUGE_VAL : NAN;
    if (x == HUGE_VAL) return x;
    int e = 0;
    double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1)
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        e -= 1;
    }
    const double f = (m - 1.0) / (m + 1.0);
    const double f2 = f * f;
    double series = 0.0;
    for (int k = 23; k >= 3; k -= 2) series = (series + 1.0 / k) * f2;  // Horner, from the tail
    const double ln_m = 2.0 * f * (1.0 + series);
    const double LN2 = 0.693147180559945309417232121458176568;
    return e * LN2 + ln_m;
}

}  // namespace nn
