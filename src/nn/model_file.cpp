// model_file.cpp: the .knobs writer and its checking reader, and the JSON export.
#include "model_file.h"
#include "byte_order.h"
#include "crc32.h"

#include "file_io.h"
#include "json.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace nn {

static const char MAGIC[8] = {'K', 'N', 'O', 'B', 'S', 'N', 'N', '\n'};
static const size_t MAX_NAME = 255;

// ---------------------------------------------------------------------------------------------
// Writing

std::vector<uint8_t> model_to_bytes(const Network& net, const std::string& name_in) {
    const std::string name = name_in.substr(0, MAX_NAME);
    std::vector<uint8_t> out(MAGIC, MAGIC + 8);
    put_u32(out, MODEL_FORMAT_VERSION);
    put_u32(out, (uint32_t)name.size());
    out.insert(out.end(), name.begin(), name.end());
    put_u32(out, (uint32_t)net.layers.size());
    put_u32(out, (uint32_t)net.cost);
    put_u32(out, (uint32_t)net.n_inputs());
    for (const Layer& layer : net.layers) put_u32(out, (uint32_t)layer.W.rows());
    for (const Layer& layer : net.layers) put_u32(out, (uint32_t)layer.activation);
    for (const Layer& layer : net.layers) {
        for (Eigen::Index j = 0; j < layer.W.rows(); j++)
            for (Eigen::Index k = 0; k < layer.W.cols(); k++) put_f32(out, (float)layer.W(j, k));
        for (Eigen::Index j = 0; j < layer.b.size(); j++) put_f32(out, (float)layer.b(j));
    }
    put_u32(out, crc32(out.data(), out.size()));
    return out;
}

Status model_save(const std::string& path, const Network& net, const std::string& name) {
    const std::vector<uint8_t> bytes = model_to_bytes(net, name);
    // A full disk, a crash or a planted link never leaves half a model where a good one was.
    return write_file_safely(path, bytes);
}

// ---------------------------------------------------------------------------------------------
// Reading

// A cursor over the file's bytes that never reads past the end.
struct Reader {
    const uint8_t* p;
    size_t left;
    bool u32(uint32_t* v) {
        if (left < 4) return false;
        *v = get_u32(p);
        p += 4;
        left -= 4;
        return true;
    }
    bool f32(float* f) {
        uint32_t bits;
        if (!u32(&bits)) return false;
        std::memcpy(f, &bits, sizeof bits);
        return true;
    }
};

Status model_from_bytes(const uint8_t* bytes, size_t size, const std::string& source, Network& net, std::string* name) {
    auto fail = [&](const std::string& why) { return Status::fail(source + ": " + why); };
    const std::string truncated = "file ends early (truncated after " + std::to_string(size) + " bytes)";
    if (size < 8 || std::memcmp(bytes, MAGIC, 8) != 0)
        return fail("not a Knobs model file (it does not start with \"KNOBSNN\")");
    Reader r{bytes + 8, size - 8};
    uint32_t version, name_len, L, cost_code;
    if (!r.u32(&version)) return fail(truncated);
    if (version != MODEL_FORMAT_VERSION)
        return fail("model format version " + std::to_string(version) + " is not supported (this Knobs reads version " +
                    std::to_string(MODEL_FORMAT_VERSION) + ")");
    if (!r.u32(&name_len)) return fail(truncated);
    if (name_len > MAX_NAME)
        return fail("name length " + std::to_string(name_len) + " is over " + std::to_string(MAX_NAME));
    if (r.left < name_len) return fail(truncated);
    const std::string model_name((const char*)r.p, name_len);
    r.p += name_len;
    r.left -= name_len;
    if (!r.u32(&L) || !r.u32(&cost_code)) return fail(truncated);
    if (L < 1 || L > (uint32_t)MAX_HIDDEN_LAYERS + 1)
        return fail(std::to_string(L) + " layers is not a network Knobs can hold (1 to " +
                    std::to_string(MAX_HIDDEN_LAYERS + 1) + ")");
    if (cost_code > (uint32_t)Cost::cross_entropy) return fail("unknown cost code " + std::to_string(cost_code));
    NetworkSpec spec;
    spec.cost = (Cost)cost_code;
    for (uint32_t l = 0; l <= L; l++) {
        uint32_t n;
        if (!r.u32(&n)) return fail(truncated);
        if (n > (uint32_t)MAX_IO_WIDTH)
            return fail("layer " + std::to_string(l) + " has " + std::to_string(n) + " neurons (at most " +
                        std::to_string(MAX_IO_WIDTH) + ")");
        spec.sizes.push_back((int)n);  // validate_spec checks the rest
    }
    for (uint32_t l = 0; l < L; l++) {
        uint32_t code;
        if (!r.u32(&code)) return fail(truncated);
        if (code > (uint32_t)Activation::softmax) return fail("unknown activation code " + std::to_string(code));
        spec.activations.push_back((Activation)code);
    }
    const Status valid = validate_spec(spec);
    if (!valid) return fail("architecture is not valid: " + valid.message);
    size_t params = 0;
    for (uint32_t l = 0; l < L; l++) params += (size_t)spec.sizes[l + 1] * (spec.sizes[l] + 1);
    const size_t expected = size - r.left + params * 4 + 4;
    if (size != expected)
        return fail("file is " + std::to_string(size) + " bytes but its architecture needs " +
                    std::to_string(expected) + (size < expected ? " (truncated?)" : " (trailing bytes)"));
    if (crc32(bytes, size - 4) != get_u32(bytes + size - 4)) return fail("checksum mismatch: the file is corrupt");

    Network loaded;
    network_allocate(spec, loaded);
    for (Layer& layer : loaded.layers) {  // the file keeps each layer's W (row by row), then its b
        float f;
        for (Eigen::Index j = 0; j < layer.W.rows(); j++)
            for (Eigen::Index k = 0; k < layer.W.cols(); k++) {
                r.f32(&f);
                layer.W(j, k) = (Scalar)f;
            }
        for (Eigen::Index j = 0; j < layer.b.size(); j++) {
            r.f32(&f);
            layer.b(j) = (Scalar)f;
        }
    }
    if (!parameters_finite(loaded)) return fail("some weights or biases are NaN or infinite");
    net = std::move(loaded);
    if (name) *name = model_name;
    return Status::success();
}

Status model_load(const std::string& path, Network& net, std::string* name) {
    std::vector<uint8_t> bytes;
    const Status s = read_file(path, bytes);
    if (!s) return s;
    return model_from_bytes(bytes.data(), bytes.size(), path, net, name);
}

// ---------------------------------------------------------------------------------------------
// JSON export

// {"format", "version", "name", "sizes", "activations", "cost", "layers": [{"W": rows, "b"}, ...]};
// every parameter with 9 significant digits, which read back as the same float.
std::string model_to_json(const Network& net, const std::string& name) {
    Json sizes = Json::array({net.n_inputs()}), activations = Json::array(), layers = Json::array();
    for (const Layer& layer : net.layers) {
        sizes.push_back(layer.W.rows());
        activations.push_back(activation_name(layer.activation));
        Json W = Json::array(), b = Json::array();
        for (Eigen::Index j = 0; j < layer.W.rows(); j++) {
            Json row = Json::array();
            for (Eigen::Index k = 0; k < layer.W.cols(); k++) row.push_back(json_number((double)layer.W(j, k)));
            W.push_back(std::move(row));
        }
        for (Eigen::Index j = 0; j < layer.b.size(); j++) b.push_back(json_number((double)layer.b(j)));
        layers.push_back({{"W", std::move(W)}, {"b", std::move(b)}});
    }
    Json model = {{"format", "knobs-model"},
                  {"version", MODEL_FORMAT_VERSION},
                  {"name", name},
                  {"sizes", sizes},
                  {"activations", activations},
                  {"cost", cost_name(net.cost)},
                  {"layers", std::move(layers)}};
    return json_text(model) + "\n";
}

}  // namespace nn
