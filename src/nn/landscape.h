// landscape.h: a slice of the cost surface around the current weights, for the gradient-descent
// lesson: C(theta + alpha d1 + beta d2) on a grid of (alpha, beta), where d1, d2 are directions in
// the space of all the network's parameters.
//
// Random directions are "filter-normalised" (Li, Xu, Taylor, Studer, Goldstein 2018, Visualizing
// the Loss Landscape of Neural Nets): each neuron's incoming weights in d are scaled to the norm
// of that neuron's weights in theta, so a step of 1 is comparable across layers of any scale.
// Biases get no component (as in the paper). The grid is computed a few cells at a time, so a
// page can show progress and never freeze.
#pragma once
#include "dataset.h"
#include "network.h"
#include "rng.h"

namespace nn {

// A direction in parameter space, in the network's flat layout: dW[l] like W_l, db[l] like b_l.
using Direction = ParameterArray;

Direction random_direction(const Network& net, uint64_t seed);  // filter-normalised, see above
Scalar dot(const Direction& a, const Direction& b);
void scale(Direction& d, Scalar s);  // d *= s

// Downhill: minus the gradient, scaled so that the lowest cost along it lies at
// alpha = reach. Step lengths |theta| 2^-k (k = 20..0) are tried on the first `examples` images
// of data until the cost stops falling, then a golden-section search between half and twice the
// cheapest finds the floor (the gradient alone says which way, not how far: a step of the
// weights' own size along it overshoots the valley many times). Zero if the gradient is.
Direction downhill_direction(const Network& net, const ParameterArray& gradient, const Dataset& data, int examples,
                             Scalar reach);

// out = base + alpha d1 + beta d2 (out must not be base).
void network_offset(const Network& base, const Direction& d1, Scalar alpha, const Direction& d2, Scalar beta,
                    Network& out);

// An orthonormal pair through three networks: d1 along p1 - base, d2 along the part of
// p2 - base orthogonal to d1 (zero if there is none). With unit directions, plane coordinates
// are distances in parameter space (e.g. two optimizers' paths from the same start).
void plane_through(const Network& base, const Network& p1, const Network& p2, Direction& d1, Direction& d2);

// Where a network lies in the plane: the least-squares (alpha, beta) with
// base + alpha d1 + beta d2 closest to `at` (for drawing the optimizer's path on the slice).
void project_onto_plane(const Network& base, const Direction& d1, const Direction& d2, const Network& at, Scalar* alpha,
                        Scalar* beta);

// An n x n grid over alpha, beta in [-extent, extent] (cell (i, j): alpha_j, beta_i; n odd puts
// theta itself in the centre cell). cost[i * n + j] is the mean cost over the first `examples`
// images of the data; NaN until computed.
struct LandscapeGrid {
    int n = 0;
    Scalar extent = 1;
    int examples = 0;
    std::vector<double> cost;
    int done = 0;  // cells computed so far, in row-major order
    Scalar axis(int k) const { return n > 1 ? -extent + 2 * extent * (Scalar)k / (Scalar)(n - 1) : 0; }
};

void landscape_begin(LandscapeGrid& grid, int n, Scalar extent, int examples);
// Computes up to `cells` more cells; true once the grid is complete. scratch: any network.
bool landscape_step(LandscapeGrid& grid, const Network& base, const Direction& d1, const Direction& d2,
                    const Dataset& data, int cells, Network& scratch);

}  // namespace nn
