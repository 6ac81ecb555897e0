// rng.h: our own random numbers, so one 64-bit seed gives bit-identical streams natively and in
// WebAssembly. The C++ standard fixes its engines but not its distributions (libstdc++ and
// Emscripten's libc++ give different normals for the same seed), and libm's log/cos differ in
// the last bit between glibc and musl, so everything here uses only +, -, *, /, sqrt (all
// correctly rounded by IEEE 754) and exact frexp/ldexp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nn {

// xoshiro256** (Blackman & Vigna 2018), state seeded by splitmix64 so that any seed, 0 included,
// gives a good state.
struct Rng {
    uint64_t s[4] = {};
    bool has_spare = false;  // the polar method makes normals in pairs; the second waits here
    double spare = 0.0;
};

Rng rng_seeded(uint64_t seed);
uint64_t rng_u64(Rng& rng);                            // uniform over all 64-bit values
double rng_uniform(Rng& rng);                          // uniform in [0, 1), 53 random bits
uint32_t rng_below(Rng& rng, uint32_t n);              // uniform in [0, n), unbiased (Lemire); n > 0
double rng_normal(Rng& rng);                           // N(0, 1), Marsaglia's polar method
void rng_shuffle(Rng& rng, std::vector<uint32_t>& v);  // Fisher-Yates
void rng_shuffle(Rng& rng, uint32_t* v, size_t n);     // the same, on n values in place

// Natural log from +, *, / only (see the top of this file); accurate to ~1 ulp for x > 0.
double det_log(double x);

}  // namespace nn
