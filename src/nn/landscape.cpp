// landscape.cpp: directions, offsets, projection and the grid of costs (see landscape.h).
#include "landscape.h"
#include "evaluate.h"
#include <cmath>
#include <limits>

namespace nn {

Direction random_direction(const Network& net, uint64_t seed) {
    Rng rng = rng_seeded(seed);
    Direction d;
    parameter_array_fit(net, d);  // zeros: the biases get no component
    for (size_t l = 0; l < net.layers.size(); l++) {
        MatMap& D = d.dW[l];
        const MatMap& W = net.layers[l].W;
        for (Eigen::Index c = 0; c < D.cols(); c++)
            for (Eigen::Index r = 0; r < D.rows(); r++) D(r, c) = (Scalar)rng_normal(rng);
        // Filter normalisation: row r (neuron r's incoming weights) gets the norm of W's row r.
        for (Eigen::Index r = 0; r < D.rows(); r++) {
            Scalar dn = D.row(r).norm(), wn = W.row(r).norm();
            D.row(r) *= dn > 0 ? wn / dn : Scalar(0);
        }
    }
    return d;
}

Scalar dot(const Direction& a, const Direction& b) {
    return (Scalar)a.flat.cast<double>().dot(b.flat.cast<double>());  // in double: 13,002 terms
}

void network_offset(const Network& base, const Direction& d1, Scalar alpha, const Direction& d2, Scalar beta,
                    Network& out) {
    out = base;
    out.params += alpha * d1.flat + beta * d2.flat;
}

// to - from, as a direction.
static Direction difference(const Network& to, const Network& from) {
    Direction v;
    parameter_array_fit(from, v);
    v.flat = to.params - from.params;
    return v;
}

// d += s * e
static void add_scaled(Direction& d, Scalar s, const Direction& e) { d.flat += s * e.flat; }

void scale(Direction& d, Scalar s) { d.flat *= s; }

static void set_zero(Direction& d) { d.flat.setZero(); }

// d / |d|, or zero if d is zero or not finite.
static void normalise(Direction& d) {
    double n = std::sqrt((double)dot(d, d));
    if (n > 0 && std::isfinite(n)) scale(d, Scalar(1 / n));
    else set_zero(d);
}

void plane_through(const Network& base, const Network& p1, const Network& p2, Direction& d1, Direction& d2) {
    d1 = difference(p1, base);
    normalise(d1);
    d2 = difference(p2, base);
    double before = (double)dot(d2, d2);
    add_scaled(d2, -dot(d1, d2), d1);                        // Gram-Schmidt
    if ((double)dot(d2, d2) <= 1e-8 * before) set_zero(d2);  // only rounding left: p2 is on d1's line
    normalise(d2);
}

Direction downhill_direction(const Network& net, const ParameterArray& gradient, const Dataset& data, int examples,
                             Scalar reach) {
    Direction d = gradient;
    const double g = std::sqrt((double)dot(d, d)), w = net.params.cast<double>().norm();
    if (!(g > 0) || !std::isfinite(g) || !(w > 0) || !std::isfinite(w)) {
        set_zero(d);
        return d;
    }
    scale(d, Scalar(-1 / g));  // -gradient, unit length
    Network probe;
    auto cost_at = [&](double t) {
        network_offset(net, d, (Scalar)t, d, 0, probe);  // (the second direction, times 0: none)
        return evaluate(probe, data, examples).cost;
    };
    // From the shortest step up, doubling, until the cost stops falling: the floor is then
    // bracketed within [best_t / 2, 2 best_t].
    double best_cost = evaluate(net, data, examples).cost, best_t = w * std::ldexp(1.0, -20);
    bool fell = false;
    for (int k = 20; k >= 0; k--) {
        double t = w * std::ldexp(1.0, -k), c = cost_at(t);
        if (c < best_cost) {
            best_cost = c;
            best_t = t;
            fell = true;
        } else if (fell) break;
    }
    // Golden-section search inside the bracket, so that the floor the slice shows at alpha = reach
    // is the floor along the line, not a power of two near it.
    if (fell) {
        const double r = 0.6180339887498949;
        double a = best_t / 2, b = best_t * 2, x1 = b - r * (b - a), x2 = a + r * (b - a);
        double c1 = cost_at(x1), c2 = cost_at(x2);
        for (int i = 0; i < 30 && b - a > 1e-4 * best_t; i++) {
            if (c1 < c2) {
                b = x2;
                x2 = x1;
                c2 = c1;
                x1 = b - r * (b - a);
                c1 = cost_at(x1);
            } else {
                a = x1;
                x1 = x2;
                c1 = c2;
                x2 = a + r * (b - a);
                c2 = cost_at(x2);
            }
            if (c1 < best_cost) {
                best_cost = c1;
                best_t = x1;
            }
            if (c2 < best_cost) {
                best_cost = c2;
                best_t = x2;
            }
        }
    }
    scale(d, (Scalar)(best_t / reach));
    return d;
}

void project_onto_plane(const Network& base, const Direction& d1, const Direction& d2, const Network& at, Scalar* alpha,
                        Scalar* beta) {
    // Solve the 2x2 normal equations [d1.d1 d1.d2; d2.d1 d2.d2] [alpha beta]' = [d1.v d2.v]'.
    Direction v = difference(at, base);
    double a11 = dot(d1, d1), a12 = dot(d1, d2), a22 = dot(d2, d2), b1 = dot(d1, v), b2 = dot(d2, v);
    double det = a11 * a22 - a12 * a12;
    if (a22 == 0 && a11 > 0) {
        *alpha = (Scalar)(b1 / a11);
        *beta = 0;
        return;
    }  // a line, not a plane
    if (std::fabs(det) < 1e-30) {
        *alpha = *beta = 0;
        return;
    }
    *alpha = (Scalar)((b1 * a22 - b2 * a12) / det);
    *beta = (Scalar)((a11 * b2 - a12 * b1) / det);
}

void landscape_begin(LandscapeGrid& grid, int n, Scalar extent, int examples) {
    grid.n = n;
    grid.extent = extent;
    grid.examples = examples;
    grid.cost.assign((size_t)n * n, std::numeric_limits<double>::quiet_NaN());
    grid.done = 0;
}

bool landscape_step(LandscapeGrid& grid, const Network& base, const Direction& d1, const Direction& d2,
                    const Dataset& data, int cells, Network& scratch) {
    const int total = grid.n * grid.n;
    for (int k = 0; k < cells && grid.done < total; k++, grid.done++) {
        int i = grid.done / grid.n, j = grid.done % grid.n;
        network_offset(base, d1, grid.axis(j), d2, grid.axis(i), scratch);
        grid.cost[(size_t)grid.done] = evaluate(scratch, data, grid.examples).cost;
    }
    return grid.done >= total;
}

}  // namespace nn
