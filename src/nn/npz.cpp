// npz.cpp: the .npy header, its values, and the ZIP container around them (stored members only).
#include "npz.h"
#include "byte_order.h"
#include "crc32.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

namespace nn {

size_t NpyArray::count() const {
    size_t n = 1;
    for (size_t d : shape) n *= d;
    return n;
}

const NpyArray* npz_find(const std::vector<NpyArray>& arrays, const std::string& name) {
    for (const NpyArray& a : arrays)
        if (a.name == name) return &a;
    return nullptr;
}

// ---------------------------------------------------------------------------------------------
// One .npy

// A '<U' array's width: its longest string (NumPy pads the others with zeros).
static size_t text_width(const NpyArray& a) {
    size_t w = 1;
    for (const std::string& s : a.strings) w = std::max(w, s.size());
    return w;
}

static std::vector<uint8_t> npy_bytes(const NpyArray& a) {
    std::string shape = "(";
    for (size_t i = 0; i < a.shape.size(); i++)
        shape += std::to_string(a.shape[i]) + (i + 1 < a.shape.size() ? ", " : "");
    shape += a.shape.size() == 1 ? ",)" : ")";
    const size_t width = text_width(a);
    const std::string descr = a.text ? "<U" + std::to_string(width) : "<f4";
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // Version 1.0: magic (6) + version (2) + length (2) + header, padded to a multiple of 64 with a '\n' last.
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::vector<uint8_t> out = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    put_u16(out, (uint32_t)header.size());
    out.insert(out.end(), header.begin(), header.end());
    if (a.text) {
        for (const std::string& s : a.strings)
            for (size_t i = 0; i < width; i++) put_u32(out, i < s.size() ? (uint8_t)s[i] : 0);  // UTF-32LE
    } else {
        for (double v : a.numbers) put_f32(out, (float)v);
    }
    return out;
}

// The header's dict, {'descr': '<f4', 'fortran_order': False, 'shape': (16, 784), }, read by a
// small parser of exactly the literals np.save writes (strings, True/False, tuples of integers).
struct NpyHeader {
    std::string descr;
    bool fortran_order = false;
    std::vector<size_t> shape;
    bool has_descr = false, has_shape = false;
};

struct HeaderParser {
    const char* p;
    const char* end;
    void space() {
        while (p < end && (*p == ' ' || *p == '\n' || *p == '\t')) p++;
    }
    bool eat(char c) {
        space();
        if (p < end && *p == c) return p++, true;
        return false;
    }
    bool string(std::string& s) {
        space();
        if (p >= end || (*p != '\'' && *p != '"')) return false;
        const char quote = *p++;
        s.clear();
        while (p < end && *p != quote) s += *p++;
        return p < end && *p++ == quote;
    }
    bool word(const char* w) {
        space();
        const size_t n = std::strlen(w);
        if ((size_t)(end - p) < n || std::strncmp(p, w, n) != 0) return false;
        p += n;
        return true;
    }
    bool tuple(std::vector<size_t>& shape) {
        if (!eat('(')) return false;
        shape.clear();
        while (!eat(')')) {
            space();
            if (p >= end || !std::isdigit((unsigned char)*p) || shape.size() >= 8) return false;
            uint64_t n = 0;
            while (p < end && std::isdigit((unsigned char)*p)) {
                n = n * 10 + (uint64_t)(*p++ - '0');
                if (n > ((uint64_t)1 << 31))
                    return false;  // larger than any file Knobs takes (and fits a 32-bit size_t)
            }
            if (p < end && *p == 'L') p++;  // Python 2's long
            shape.push_back((size_t)n);
            if (!eat(',') && !(space(), p < end && *p == ')')) return false;
        }
        return true;
    }
    bool parse(NpyHeader& h) {
        if (!eat('{')) return false;
        while (!eat('}')) {
            std::string key;
            if (!string(key) || !eat(':')) return false;
            if (key == "descr") {
                if (!string(h.descr)) return false;
                h.has_descr = true;
            } else if (key == "fortran_order") {
                if (word("True")) h.fortran_order = true;
                else if (word("False")) h.fortran_order = false;
                else return false;
            } else if (key == "shape") {
                if (!tuple(h.shape)) return false;
                h.has_shape = true;
            } else {
                return false;
            }
            if (!eat(',') && !(space(), p < end && *p == '}')) return false;
        }
        return h.has_descr && h.has_shape;
    }
};

// A Fortran-ordered array's values, read in order, put in C order.
static void to_c_order(NpyArray& a) {
    const size_t n = a.count(), dims = a.shape.size();
    if (dims < 2) return;
    std::vector<double> c_numbers(a.text ? 0 : n);
    std::vector<std::string> c_strings(a.text ? n : 0);
    std::vector<size_t> idx(dims, 0);  // the multi-index of the Fortran-order element f
    for (size_t f = 0; f < n; f++) {
        size_t c = 0;  // its C-order position
        for (size_t d = 0; d < dims; d++) c = c * a.shape[d] + idx[d];
        if (a.text) c_strings[c] = std::move(a.strings[f]);
        else c_numbers[c] = a.numbers[f];
        for (size_t d = 0; d < dims && ++idx[d] == a.shape[d]; d++) idx[d] = 0;  // first index fastest
    }
    a.numbers = std::move(c_numbers);
    a.strings = std::move(c_strings);
}

// Little-endian integers of 1, 2, 4 or 8 bytes, signed or not ('|u1' for bytes, '<i8' NumPy's int).
static bool is_integer_dtype(const std::string& d) {
    return d.size() == 3 && (d[0] == '<' || d[0] == '|') && (d[1] == 'i' || d[1] == 'u') &&
        (d[2] == '1' || d[2] == '2' || d[2] == '4' || d[2] == '8') && (d[0] == '|') == (d[2] == '1');
}

// One value of dtype d (checked above) at p, as a double (integers past 2^53 round).
static double number_at(const std::string& d, const uint8_t* p) {
    const int bytes = d[2] - '0';
    uint64_t bits = 0;
    for (int i = 0; i < bytes; i++) bits |= (uint64_t)p[i] << (8 * i);
    if (d == "<f4") {
        const uint32_t b32 = (uint32_t)bits;
        float f;
        std::memcpy(&f, &b32, 4);
        return f;
    }
    if (d == "<f8") {
        double v;
        std::memcpy(&v, &bits, 8);
        return v;
    }
    if (d[1] == 'u') return (double)bits;
    const uint64_t sign = (uint64_t)1 << (8 * bytes - 1);  // two's complement of that width
    return bits & sign ? -(double)((~bits + 1) & (sign | (sign - 1))) : (double)bits;
}

// budget: how many values the archive may still hold (NPZ_MAX_VALUES in all).
static Status npy_read(const uint8_t* bytes, size_t size, size_t budget, NpyArray& a) {
    static const uint8_t MAGIC[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (size < 10 || std::memcmp(bytes, MAGIC, 6) != 0) return Status::fail("is not a NumPy .npy array");
    const int major = bytes[6];
    if (major < 1 || major > 3)
        return Status::fail(".npy format version " + std::to_string(major) + " is not supported");
    const size_t length_bytes = major == 1 ? 2 : 4;
    if (size < 8 + length_bytes) return Status::fail("ends inside its header");
    const size_t header_len = major == 1 ? get_u16(bytes + 8) : get_u32(bytes + 8);
    const size_t data_at = 8 + length_bytes + header_len;
    if (header_len > size || data_at > size) return Status::fail("ends inside its header");
    NpyHeader h;
    HeaderParser parser{(const char*)bytes + 8 + length_bytes, (const char*)bytes + data_at};
    if (!parser.parse(h)) return Status::fail("has a header NumPy would not write");
    a.shape = h.shape;
    const size_t data_size = size - data_at;
    size_t n = 1;  // the values the shape needs: never more than the bytes (each takes one or more)
    for (size_t dim : a.shape) {
        if (dim != 0 && n > data_size / dim) return Status::fail("has a shape larger than its bytes");
        n *= dim;
    }
    if (n > budget)
        return Status::fail("would take the archive past " + std::to_string(NPZ_MAX_VALUES) +
                            " values, more than any network Knobs can hold");
    const uint8_t* data = bytes + data_at;
    const std::string& d = h.descr;
    if (d.size() >= 3 && d[0] == '<' && d[1] == 'U') {
        uint64_t width = 0;  // the digits after "<U", and nothing else
        for (size_t i = 2; i < d.size() && width <= 1024; i++)
            width = std::isdigit((unsigned char)d[i]) ? width * 10 + (uint64_t)(d[i] - '0') : 1025;
        // (in 64 bits: in wasm a size_t is 32, and n x width x 4 could wrap round to the byte count)
        if (width == 0 || width > 1024 || (uint64_t)data_size != (uint64_t)n * width * 4)
            return Status::fail("holds " + std::to_string(data_size) + " bytes, not " + std::to_string(n) +
                                " strings of type " + d);
        a.text = true;
        a.strings.assign(n, "");
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < (size_t)width; k++) {
                const uint32_t cp = get_u32(data + (i * width + k) * 4);
                if (cp == 0) break;
                a.strings[i] += cp < 128 ? (char)cp : '?';
            }
    } else if (d == "<f4" || d == "<f8" || is_integer_dtype(d)) {
        const size_t item = (size_t)(d[2] - '0');
        if ((uint64_t)data_size != (uint64_t)n * item)
            return Status::fail("holds " + std::to_string(data_size) + " bytes, but its shape needs " +
                                std::to_string(n * item) + " (" + std::to_string(n) + " values of type " + d + ")");
        a.numbers.resize(n);
        for (size_t i = 0; i < n; i++) a.numbers[i] = number_at(d, data + i * item);
    } else {
        return Status::fail("has values of type '" + d +
                            "'; Knobs reads numbers (float32, float64, integers) and strings: save it as "
                            "array.astype(np.float32)");
    }
    if (h.fortran_order) to_c_order(a);
    return Status::success();
}

// ---------------------------------------------------------------------------------------------
// The ZIP container
//   local header (30 bytes + name + extra), the member's bytes; ...; the central directory (46
//   bytes + name + extra + comment per member); the end record (22 bytes + comment).

static const uint32_t LOCAL_SIG = 0x04034b50, CENTRAL_SIG = 0x02014b50, END_SIG = 0x06054b50;
static const uint32_t DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;  // a fixed date: same bytes every time

std::vector<uint8_t> npz_to_bytes(const std::vector<NpyArray>& arrays) {
    std::vector<uint8_t> out, central;
    for (const NpyArray& a : arrays) {
        const std::vector<uint8_t> npy = npy_bytes(a);
        const std::string name = a.name + ".npy";
        const uint32_t crc = crc32(npy.data(), npy.size()), offset = (uint32_t)out.size();
        auto common = [&](std::vector<uint8_t>& v) {  // from "version needed" to "extra length"
            put_u16(v, 20);                           // version needed: 2.0
            put_u16(v, 0);                            // flags
            put_u16(v, 0);                            // method: stored
            put_u16(v, 0);                            // time 00:00
            put_u16(v, DOS_DATE_1980_01_01);
            put_u32(v, crc);
            put_u32(v, (uint32_t)npy.size());  // compressed size
            put_u32(v, (uint32_t)npy.size());  // uncompressed size
            put_u16(v, (uint32_t)name.size());
            put_u16(v, 0);  // extra length
        };
        put_u32(out, LOCAL_SIG);
        common(out);
        out.insert(out.end(), name.begin(), name.end());
        out.insert(out.end(), npy.begin(), npy.end());
        put_u32(central, CENTRAL_SIG);
        put_u16(central, 20);  // version made by
        common(central);
        put_u16(central, 0);  // comment length
        put_u16(central, 0);  // disk
        put_u16(central, 0);  // internal attributes
        put_u32(central, 0);  // external attributes
        put_u32(central, offset);
        central.insert(central.end(), name.begin(), name.end());
    }
    const uint32_t central_at = (uint32_t)out.size();
    out.insert(out.end(), central.begin(), central.end());
    put_u32(out, END_SIG);
    put_u16(out, 0);  // this disk
    put_u16(out, 0);  // the central directory's disk
    put_u16(out, (uint32_t)arrays.size());
    put_u16(out, (uint32_t)arrays.size());
    put_u32(out, (uint32_t)central.size());
    put_u32(out, central_at);
    put_u16(out, 0);  // comment length
    return out;
}

// One member as the central directory describes it.
struct ZipEntry {
    std::string name;
    uint32_t flags = 0, method = 0, crc = 0;
    uint64_t size = 0, stored_size = 0, local_at = 0;
};

// The ZIP64 extra field (id 1) of a central entry: the 64-bit values of the fields set to 0xffffffff.
static bool read_zip64_extra(const uint8_t* extra, size_t len, ZipEntry& e, bool big_size, bool big_stored,
                             bool big_offset) {
    for (size_t at = 0; at + 4 <= len;) {
        const uint32_t id = get_u16(extra + at), n = get_u16(extra + at + 2);
        if (at + 4 + n > len) return false;
        if (id == 1) {
            const uint8_t* p = extra + at + 4;
            size_t left = n;
            auto next = [&](uint64_t& v) {
                if (left < 8) return false;
                v = get_u64(p);
                p += 8, left -= 8;
                return true;
            };
            return (!big_size || next(e.size)) && (!big_stored || next(e.stored_size)) &&
                (!big_offset || next(e.local_at));
        }
        at += 4 + n;
    }
    return !big_size && !big_stored && !big_offset;
}

static Status read_central_directory(const uint8_t* bytes, size_t size, std::vector<ZipEntry>& entries) {
    // The end record is the last 22 bytes, unless an archive comment (up to 65535 bytes) follows it.
    size_t end_at = size;
    for (size_t back = 22; back <= size && back <= 22 + 65535 && end_at == size; back++)
        if (get_u32(bytes + size - back) == END_SIG) end_at = size - back;
    if (end_at == size) return Status::fail("is not a ZIP archive (an .npz is one): no end record");
    const uint8_t* end = bytes + end_at;
    const uint32_t count = get_u16(end + 10), dir_size = get_u32(end + 12), dir_at = get_u32(end + 16);
    if (count == 0xffff || dir_at == 0xffffffff) return Status::fail("is a ZIP64 archive too large for Knobs");
    if ((uint64_t)dir_at + dir_size > end_at) return Status::fail("has a central directory past its end (truncated?)");
    const uint8_t* p = bytes + dir_at;
    const uint8_t* dir_end = p + dir_size;
    for (uint32_t i = 0; i < count; i++) {
        if (dir_end - p < 46 || get_u32(p) != CENTRAL_SIG) return Status::fail("has a damaged central directory");
        ZipEntry e;
        e.flags = get_u16(p + 8);
        e.method = get_u16(p + 10);
        e.crc = get_u32(p + 16);
        e.stored_size = get_u32(p + 20);
        e.size = get_u32(p + 24);
        e.local_at = get_u32(p + 42);
        const size_t name_len = get_u16(p + 28), extra_len = get_u16(p + 30), comment_len = get_u16(p + 32);
        if ((size_t)(dir_end - p) < 46 + name_len + extra_len + comment_len)
            return Status::fail("has a damaged central directory");
        e.name.assign((const char*)p + 46, name_len);
        if (!read_zip64_extra(p + 46 + name_len, extra_len, e, e.size == 0xffffffff, e.stored_size == 0xffffffff,
                              e.local_at == 0xffffffff))
            return Status::fail("has a damaged ZIP64 field for " + e.name);
        entries.push_back(e);
        p += 46 + name_len + extra_len + comment_len;
    }
    return Status::success();
}

// The bytes of a stored member: its local header's name and extra (ZIP64 sizes, as np.savez
// writes them) come before them.
static Status member_bytes(const uint8_t* bytes, size_t size, const ZipEntry& e, const uint8_t** data) {
    if (e.flags & 1) return Status::fail(e.name + " is encrypted");
    if (e.method != 0)
        return Status::fail(e.name +
                            " is compressed (np.savez_compressed); Knobs reads np.savez files: save with np.savez");
    if (e.size != e.stored_size) return Status::fail(e.name + " is stored but its two sizes differ");
    if (e.local_at > size || size - e.local_at < 30 || get_u32(bytes + e.local_at) != LOCAL_SIG)
        return Status::fail(e.name + "'s local header is missing (truncated?)");
    const uint8_t* local = bytes + e.local_at;
    const uint64_t at = e.local_at + 30 + get_u16(local + 26) + get_u16(local + 28);
    if (at > size || size - at < e.size) return Status::fail(e.name + " ends past the end of the file (truncated?)");
    *data = bytes + at;
    if (crc32(*data, (size_t)e.size) != e.crc)
        return Status::fail(e.name + " fails its CRC-32 check: the file is corrupt");
    return Status::success();
}

Status npz_from_bytes(const uint8_t* bytes, size_t size, const std::string& source, std::vector<NpyArray>& out) {
    auto fail = [&](const Status& why) { return Status::fail(source + ": " + why.message); };
    std::vector<ZipEntry> entries;
    Status st = read_central_directory(bytes, size, entries);
    if (!st) return fail(st);
    std::vector<NpyArray> arrays;
    uint64_t taken = 0;  // the bytes up to the end of the last member: the next one starts after them
    size_t values = 0;
    for (const ZipEntry& e : entries) {
        const uint8_t* data = nullptr;
        if (e.local_at < taken) return fail(Status::fail(e.name + " overlaps the member before it"));
        if (!(st = member_bytes(bytes, size, e, &data))) return fail(st);
        taken = (uint64_t)(data - bytes) + e.size;
        if (e.name.size() < 5 || e.name.compare(e.name.size() - 4, 4, ".npy") != 0)
            return fail(Status::fail(e.name + " is not a .npy array"));
        NpyArray a;
        a.name = e.name.substr(0, e.name.size() - 4);
        if (npz_find(arrays, a.name)) return fail(Status::fail("it holds two arrays named " + a.name));
        if (!(st = npy_read(data, (size_t)e.size, NPZ_MAX_VALUES - values, a)))
            return fail(Status::fail(e.name + " " + st.message));
        values += a.count();
        arrays.push_back(std::move(a));
    }
    out = std::move(arrays);
    return Status::success();
}

}  // namespace nn
