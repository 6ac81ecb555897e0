// types.h: the scalar type, the Eigen aliases, and the shape convention, written once.
//
// Shapes (column-major, examples are columns, as in Nielsen's network.py):
//   n_in, n_out  = a layer's input and output widths
//   B            = number of examples in a batch (1 for a single example)
//   W            = (n_out, n_in)   weights; W(j, k) connects input neuron k to output neuron j
//   b            = (n_out)         biases
//   X, A         = (n, B)          inputs / activations, one example per column
//   Z            = (n_out, B)      weighted inputs z = W a + b
//   Delta        = (n_out, B)      error dC/dz per example ("the nudges")
#pragma once

#include <Eigen/Core>

#include <cstddef>
#include <new>

namespace nn {

// Float32 everywhere (matches GL and wasm). A test build compiles the same sources with
// KNOBS_SCALAR_DOUBLE to check gradients in double precision.
#ifdef KNOBS_SCALAR_DOUBLE
using Scalar = double;
#else
using Scalar = float;
#endif

using Mat = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;  // column-major
using Vec = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using MatRef = Eigen::Ref<const Mat>;  // read-only view of a Mat, a Vec or a block of columns
using VecRef = Eigen::Ref<const Vec>;  // read-only view of a Vec or of a segment of one
using MatOut = Eigen::Ref<Mat>;        // a writable matrix of a fixed shape (a Mat or a view)
using MatMap = Eigen::Map<Mat>;        // a matrix living in someone else's buffer (network.h)
using VecMap = Eigen::Map<Vec>;

// Moves a view onto data, keeping its shape (placement new is how Eigen documents re-seating a
// Map: its operator= copies values instead). Returns the first scalar after the view.
template <typename MapType>
inline Scalar* seat_view(MapType& view, Scalar* data) {
    const Eigen::Index rows = view.rows(), cols = view.cols();
    new (&view) MapType(data, rows, cols);
    return data + rows * cols;
}

// True if none of the n values is NaN or Inf (kernels.cpp: vectorised on every target).
bool all_finite(const Scalar* values, size_t n);

template <typename Contiguous>  // a Mat, a Vec or a Map of either
inline bool all_finite(const Contiguous& m) {
    return all_finite(m.data(), (size_t)m.size());
}

}  // namespace nn
