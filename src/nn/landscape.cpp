// landscape.cpp: directions, offsets, projection and the grid of costs (see landscape.h).
#include "landscape.h"
#include "evaluate.h"
#include <cmath>
#include <limits>

namespace nn {

Direction random_direction(const Network& net, uint64_t seed) {
    Rng rng = rng_seeded(seed);
    Direction d;
    for (const Layer& L : net.layers) {
        Mat D(L.W.rows(), L.W.cols());
        for (Eigen::Index c = 0; c < D.cols(); c++)
            for (Eigen::Index r = 0; r < D.rows(); r++) D(r, c) = (Scalar)rng_normal(rng);
        // Filter normalisation: row r (neuron r's incoming weights) gets the norm of W's row r.
        for (Eigen::Index r = 0; r < D.rows(); r++) {
            Scalar dn = D.row(r).norm(), wn = L.W.row(r).norm();
            D.row(r) *= dn > 0 ? wn / dn : Scalar(0);
        }
        d.dW.push_back(std::move(D));
        d.db.push_back(Vec::Zero(L.b.size()));
    }
    return d;
}

Direction scaled_like_weights(const Network& net, const std::vector<Mat>& dW, const std::vector<Vec>& db) {
    Direction d{dW, db};
    double wn = 0, dn = 0;
    for (size_t l = 0; l < net.layers.size(); l++) {
        wn += (double)net.layers[l].W.squaredNorm();
        dn += (double)dW[l].squaredNorm() + (double)db[l].squaredNorm();
    }
    Scalar s = dn > 0 ? (Scalar)std::sqrt(wn / dn) : Scalar(0);
    for (auto& m : d.dW) m *= s;
    for (auto& v : d.db) v *= s;
    return d;
}

Scalar dot(const Direction& a, const Direction& b) {
    double s = 0;
    for (size_t l = 0; l < a.dW.size(); l++) s += (double)a.dW[l].cwiseProduct(b.dW[l]).sum() + (double)a.db[l].dot(b.db[l]);
    return (Scalar)s;
}

void network_offset(const Network& base, const Direction& d1, Scalar alpha, const Direction& d2, Scalar beta, Network& out) {
    out = base;
    for (size_t l = 0; l < base.layers.size(); l++) {
        out.layers[l].W += alpha * d1.dW[l] + beta * d2.dW[l];
        out.layers[l].b += alpha * d1.db[l] + beta * d2.db[l];
    }
}

void project_onto_plane(const Network& base, const Direction& d1, const Direction& d2, const Network& at,
                        Scalar* alpha, Scalar* beta) {
    // Solve the 2x2 normal equations [d1.d1 d1.d2; d2.d1 d2.d2] [alpha beta]' = [d1.v d2.v]'.
    Direction v;
    for (size_t l = 0; l < base.layers.size(); l++) {
        v.dW.push_back(at.layers[l].W - base.layers[l].W);
        v.db.push_back(at.layers[l].b - base.layers[l].b);
    }
    double a11 = dot(d1, d1), a12 = dot(d1, d2), a22 = dot(d2, d2), b1 = dot(d1, v), b2 = dot(d2, v);
    double det = a11 * a22 - a12 * a12;
    if (std::fabs(det) < 1e-30) { *alpha = *beta = 0; return; }
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

} // namespace nn
