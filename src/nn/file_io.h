// file_io.h: reading and writing whole files without trusting what is there. The core's one
// place that touches the file system (the model files, the IDX data, the app's native Save).
#pragma once
#include "status.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nn {

constexpr size_t MAX_READ_BYTES = size_t(256) << 20;  // 256 MiB: far above any data set or model here

// The whole of a regular file, at most max_bytes: a folder, a device or a stream (/dev/zero, a
// FIFO) is refused before anything is read, and a file larger than max_bytes is refused
// without reading it, so memory stays bounded whatever the path points at.
Status read_file(const std::string& path, std::vector<uint8_t>& bytes, size_t max_bytes = MAX_READ_BYTES);

// The first at most n bytes of a regular file, and the file's size: what a loader reads before
// deciding how much more to read (an IDX header promises the rest).
Status read_file_head(const std::string& path, size_t n, std::vector<uint8_t>& head, uint64_t* file_size);

// Replaces path with bytes, or leaves it as it was: the bytes go to a new temporary file created
// exclusively in the same folder (mkstemp: never an existing name, never through a planted
// link), are flushed to disk (fsync), then renamed over path. Only a regular file or a new name
// is replaced: a folder, a device (/dev/full), a link or anything else is refused with a message.
// A replaced file keeps its permissions; a new one gets 0666 less the umask.
Status write_file_safely(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace nn
