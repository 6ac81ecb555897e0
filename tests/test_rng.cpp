// test_rng.cpp: our generator and distributions (the ground of cross-target determinism).
#include "nn/rng.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace nn;

TEST_CASE("det_log matches the C library's log to within 2 ulp") {
    Rng rng = rng_seeded(7);
    for (int i = 0; i < 20000; i++) {
        // Spread over many binades, including the polar method's range (0, 1).
        const double x = std::ldexp(0.5 + rng_uniform(rng), (int)rng_below(rng, 80) - 60);
        const double want = std::log(x);
        const double got = det_log(x);
        const double ulp = std::nextafter(std::fabs(want), INFINITY) - std::fabs(want);
        REQUIRE_MESSAGE(std::fabs(got - want) <= 2 * ulp, "x=" << x << " got " << got << " want " << want);
    }
    CHECK(det_log(1.0) == 0.0);
    CHECK(std::isinf(det_log(0.0)));
    CHECK(std::isnan(det_log(-1.0)));
}

TEST_CASE("the same seed gives the same stream, different seeds differ") {
    Rng a = rng_seeded(42), b = rng_seeded(42), c = rng_seeded(43);
    bool all_same_as_c = true;
    for (int i = 0; i < 100; i++) {
        const uint64_t va = rng_u64(a);
        CHECK(va == rng_u64(b));
        all_same_as_c = all_same_as_c && va == rng_u64(c);
    }
    CHECK_FALSE(all_same_as_c);
}

TEST_CASE("uniform and normal draws have the right moments") {
    Rng rng = rng_seeded(1);
    const int N = 200000;
    double su = 0, sn = 0, sn2 = 0;
    for (int i = 0; i < N; i++) {
        const double u = rng_uniform(rng);
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        su += u;
        const double z = rng_normal(rng);
        sn += z;
        sn2 += z * z;
    }
    // Standard errors: uniform mean sqrt(1/12/N) = 6.5e-4; normal mean 1/sqrt(N) = 2.2e-3,
    // variance sqrt(2/N) = 3.2e-3. Bounds are 5 standard errors.
    CHECK(std::fabs(su / N - 0.5) < 5 * 6.5e-4);
    CHECK(std::fabs(sn / N) < 5 * 2.2e-3);
    CHECK(std::fabs(sn2 / N - 1.0) < 5 * 3.2e-3);
}

TEST_CASE("rng_below is uniform over [0, n)") {
    Rng rng = rng_seeded(3);
    const uint32_t n = 10;
    const int N = 100000;
    std::vector<int> counts(n, 0);
    for (int i = 0; i < N; i++) {
        const uint32_t v = rng_below(rng, n);
        REQUIRE(v < n);
        counts[v]++;
    }
    // Chi-square with 9 degrees of freedom: 27.9 is its 0.999 quantile.
    double chi2 = 0;
    for (int c : counts) chi2 += (c - N / (double)n) * (c - N / (double)n) / (N / (double)n);
    CHECK(chi2 < 27.9);
}

TEST_CASE("rng_shuffle gives a permutation, and a different one each call") {
    Rng rng = rng_seeded(5);
    std::vector<uint32_t> v(1000);
    for (uint32_t i = 0; i < v.size(); i++) v[i] = i;
    std::vector<uint32_t> first = v;
    rng_shuffle(rng, first);
    std::vector<uint32_t> second = v;
    rng_shuffle(rng, second);
    CHECK(first != v);
    CHECK(first != second);
    std::sort(first.begin(), first.end());
    CHECK(first == v);
}
