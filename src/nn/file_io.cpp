// file_io.cpp: bounded reads and safe replacing writes (file_io.h). POSIX calls: Linux natively,
// node's file system (NODERAWFS) for the WebAssembly tests.
#include "file_io.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nn {

static std::string reason() { return std::strerror(errno); }

// Opens path for reading if it is a regular file (a FIFO must not block the open: O_NONBLOCK);
// *fd is left open on success.
static Status open_regular(const std::string& path, int* fd, struct stat* st) {
    *fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (*fd < 0) return Status::fail(path + ": cannot open (" + reason() + ")");
    if (::fstat(*fd, st) != 0 || !S_ISREG(st->st_mode)) {
        ::close(*fd);
        return Status::fail(path + ": not a regular file (a folder, a device or a stream is not read)");
    }
    return Status::success();
}

// Reads up to n bytes (fewer at the end of the file, or on an error); returns how many.
static size_t read_up_to(int fd, uint8_t* p, size_t n) {
    size_t done = 0;
    while (done < n) {
        const ssize_t got = ::read(fd, p + done, n - done);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        done += (size_t)got;
    }
    return done;
}

Status read_file(const std::string& path, std::vector<uint8_t>& bytes, size_t max_bytes) {
    int fd;
    struct stat st;
    Status s = open_regular(path, &fd, &st);
    if (!s) return s;
    if ((uint64_t)st.st_size > (uint64_t)max_bytes) {
        ::close(fd);
        return Status::fail(path + ": " + std::to_string((long long)st.st_size) + " bytes, more than the " +
                            std::to_string(max_bytes) + " a file may have here");
    }
    // Exactly the size fstat gave; a file that changes size meanwhile is refused rather than followed.
    std::vector<uint8_t> data((size_t)st.st_size);
    const size_t got = read_up_to(fd, data.data(), data.size());
    uint8_t extra;
    const size_t more = read_up_to(fd, &extra, 1);
    ::close(fd);
    if (got != data.size()) return Status::fail(path + ": read error or the file shrank while being read");
    if (more != 0) return Status::fail(path + ": the file grew while being read");
    bytes = std::move(data);
    return Status::success();
}

Status read_file_head(const std::string& path, size_t n, std::vector<uint8_t>& head, uint64_t* file_size) {
    int fd;
    struct stat st;
    Status s = open_regular(path, &fd, &st);
    if (!s) return s;
    std::vector<uint8_t> data(std::min((uint64_t)n, (uint64_t)st.st_size));
    data.resize(read_up_to(fd, data.data(), data.size()));
    ::close(fd);
    head = std::move(data);
    *file_size = (uint64_t)st.st_size;
    return Status::success();
}

static bool write_all(int fd, const std::vector<uint8_t>& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += (size_t)n;
    }
    return true;
}

Status write_file_safely(const std::string& path, const std::vector<uint8_t>& bytes) {
    if (path.empty()) return Status::fail("no file name to save to");
    struct stat st;
    mode_t mode;
    if (::lstat(path.c_str(), &st) == 0) {
        if (!S_ISREG(st.st_mode))
            return Status::fail(path + ": not a regular file (a folder, a device or a link); nothing written");
        mode = st.st_mode & 07777;
    } else if (errno == ENOENT) {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    } else {
        return Status::fail(path + ": " + reason());
    }
    const size_t slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    std::string tmp = folder + "/." + base + ".XXXXXX";
    const int fd = ::mkstemp(&tmp[0]);
    if (fd < 0) return Status::fail(path + ": cannot write in its folder (" + reason() + ")");
    const bool ok = write_all(fd, bytes) && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
    const std::string why = ok ? "" : reason();
    if (::close(fd) != 0 || !ok) {
        ::unlink(tmp.c_str());
        return Status::fail(path + ": write failed (" + (why.empty() ? reason() : why) + "); nothing replaced");
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string rename_why = reason();
        ::unlink(tmp.c_str());
        return Status::fail(path + ": cannot replace it (" + rename_why + ")");
    }
    return Status::success();
}

}  // namespace nn
