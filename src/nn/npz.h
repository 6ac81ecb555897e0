// npz.h: NumPy's .npz files, as np.savez writes them and np.load reads them, so that a network
// can go to Python and come back (model_npz.h).
//
// An .npz is a ZIP archive with one member "<name>.npy" per array. Each .npy is
//   "\x93NUMPY" major minor   header length (uint16 LE for 1.0, uint32 LE for 2.0 and 3.0)
//   header: a Python dict literal, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (16, 784), }
//   the values, C order (row-major) unless fortran_order is True
// np.savez stores its members uncompressed ("stored", method 0) with a ZIP64 extra field in each
// local header; np.savez_compressed deflates them.
//
// Why our own reader and writer and not a library: the core builds for wasm from Debian's packages
// alone, where zlib exists only as an Emscripten port fetched from the network. Stored members need
// no zlib (a CRC-32 only), and they are what np.savez writes; a deflated member is refused with a
// reason that says how to save it instead.
//
// Read: numbers as '<f4', '<f8' (float32, float64: NumPy's default) or integers ('|u1', '<i8', ...),
// strings as '<U' (UTF-32, ASCII kept); at most NPZ_MAX_VALUES values in all, and members that do
// not overlap (as np.savez writes them: a file whose directory points twice at one member could
// make a few MB decode to gigabytes). Written: numbers as '<f4', strings as '<U'.
#pragma once

#include "status.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nn {

constexpr size_t NPZ_MAX_VALUES = (size_t)1 << 24;  // 16.8 M: more than any network Knobs can hold

struct NpyArray {
    std::string name;                  // "W1": the member "W1.npy", np.load(...)["W1"]
    std::vector<size_t> shape;         // () a scalar, (10,) a vector, (16, 784) a matrix
    bool text = false;                 // strings ('<U') rather than numbers
    std::vector<double> numbers;       // count() values in C order, when !text
    std::vector<std::string> strings;  // count() values in C order, when text
    size_t count() const;              // the product of shape (1 for a scalar)
};

// Arrays must be consistent (count() values of their kind); names become "<name>.npy" members.
std::vector<uint8_t> npz_to_bytes(const std::vector<NpyArray>& arrays);

// Every array of the archive, in its order. Refuses, naming the first problem: not a ZIP, a
// deflated or encrypted member, a CRC mismatch, members that overlap or share a name, a member that
// is not a .npy, a dtype other than the above, a shape whose count does not match the bytes, more
// than NPZ_MAX_VALUES values.
Status npz_from_bytes(const uint8_t* bytes, size_t size, const std::string& source, std::vector<NpyArray>& out);

const NpyArray* npz_find(const std::vector<NpyArray>& arrays, const std::string& name);

}  // namespace nn
