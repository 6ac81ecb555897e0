// model_npz.cpp: Network <-> the arrays of model_npz.h.
#include "model_npz.h"
#include "npz.h"

namespace nn {

static NpyArray matrix_array(const std::string& name, const Mat& M) {  // C order: row after row
    NpyArray a;
    a.name = name;
    a.shape = {(size_t)M.rows(), (size_t)M.cols()};
    a.numbers.reserve((size_t)M.size());
    for (Eigen::Index r = 0; r < M.rows(); r++)
        for (Eigen::Index c = 0; c < M.cols(); c++) a.numbers.push_back((double)M(r, c));
    return a;
}

static NpyArray text_array(const std::string& name, std::vector<std::string> strings, bool scalar) {
    NpyArray a;
    a.name = name;
    a.text = true;
    if (!scalar) a.shape = {strings.size()};
    a.strings = std::move(strings);
    return a;
}

std::vector<uint8_t> model_to_npz(const Network& net, const Mat* examples) {
    std::vector<NpyArray> arrays;
    std::vector<std::string> activations;
    for (size_t l = 0; l < net.layers.size(); l++) {
        const Layer& layer = net.layers[l];
        arrays.push_back(matrix_array("W" + std::to_string(l + 1), layer.W));
        NpyArray b = matrix_array("b" + std::to_string(l + 1), layer.b);
        b.shape = {(size_t)layer.b.size()};
        arrays.push_back(std::move(b));
        activations.push_back(activation_name(layer.activation));
    }
    arrays.push_back(text_array("activations", activations, false));
    arrays.push_back(text_array("cost", {cost_name(net.cost)}, true));
    if (examples) {
        ForwardPass fp;
        forward(net, *examples, fp);
        arrays.push_back(matrix_array("examples", examples->transpose()));
        arrays.push_back(matrix_array("outputs", fp.output().transpose()));
    }
    return npz_to_bytes(arrays);
}

bool looks_like_npz(const uint8_t* bytes, size_t size) {
    return size >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
}

// The shape of an array as NumPy prints it: (16, 784).
static std::string shape_text(const NpyArray& a) {
    std::string s = "(";
    for (size_t i = 0; i < a.shape.size(); i++) s += (i ? ", " : "") + std::to_string(a.shape[i]);
    return s + (a.shape.size() == 1 ? ",)" : ")");
}

// Sizes and activations of the spec from the arrays W1.., activations, cost.
static Status spec_from_arrays(const std::vector<NpyArray>& arrays, NetworkSpec& spec, std::string* note) {
    const NpyArray* W1 = npz_find(arrays, "W1");
    if (!W1) return Status::fail("it has no array W1 (the first layer's weights, shape (n_out, 784))");
    spec.sizes.clear();
    for (int l = 1;; l++) {
        const NpyArray* W = npz_find(arrays, "W" + std::to_string(l));
        if (!W) break;
        const std::string Wn = "W" + std::to_string(l), bn = "b" + std::to_string(l);
        if (l > MAX_HIDDEN_LAYERS + 1) return Status::fail("it has more layers than Knobs can hold");
        if (W->text || W->shape.size() != 2)
            return Status::fail(Wn + " is " + shape_text(*W) + "; a layer's weights are a matrix (n_out, n_in)");
        // W saved the other way round, (n_in, n_out): its bias fits its columns, and (after the first
        // layer) its rows fit the layer before.
        const NpyArray* b = npz_find(arrays, bn);
        const bool b_fits_columns = b && !b->shape.empty() && b->shape[0] == W->shape[1] && W->shape[0] != W->shape[1];
        const bool rows_fit_before = !spec.sizes.empty() && (int)W->shape[0] == spec.sizes.back();
        if (b_fits_columns && (l == 1 || rows_fit_before))
            return Status::fail(Wn + " is " + shape_text(*W) + " and " + bn + " " + shape_text(*b) + ": " + Wn +
                                " looks transposed. Knobs keeps W as (n_out, n_in), one row per neuron: save " + Wn +
                                ".T");
        if (spec.sizes.empty()) spec.sizes.push_back((int)std::min<size_t>(W->shape[1], (size_t)1 << 30));
        else if ((int)W->shape[1] != spec.sizes.back())
            return Status::fail(Wn + " is " + shape_text(*W) + " but the layer before has " +
                                std::to_string(spec.sizes.back()) + " neurons: its columns must match");
        spec.sizes.push_back((int)std::min<size_t>(W->shape[0], (size_t)1 << 30));
        const bool column = b && b->shape.size() == 2 && b->shape[1] == 1;  // network.py keeps (n, 1)
        if (b && b->text) return Status::fail(bn + " holds strings, not numbers");
        if (!b || !(b->shape.size() == 1 || column) || b->shape[0] != W->shape[0])
            return Status::fail((b ? bn + " is " + shape_text(*b) : "there is no " + bn) + "; " + Wn + " is " +
                                shape_text(*W) + ", so " + bn + " must be (" + std::to_string(W->shape[0]) + ",)");
    }
    const size_t L = spec.sizes.size() - 1;
    spec.activations.assign(L, Activation::sigmoid);
    std::vector<std::string> assumed;
    if (!npz_find(arrays, "activations")) assumed.push_back("no activations: every layer a sigmoid");
    if (!npz_find(arrays, "cost")) assumed.push_back("no cost: quadratic");
    if (note && !assumed.empty())
        *note = "the file names " + assumed[0] + (assumed.size() > 1 ? "; " + assumed[1] : "") + ", as in network.py";
    if (const NpyArray* acts = npz_find(arrays, "activations")) {
        if (!acts->text || acts->count() != L)
            return Status::fail("activations must be " + std::to_string(L) + " names, one per layer");
        for (size_t l = 0; l < L; l++)
            if (!activation_from_name(acts->strings[l], &spec.activations[l]))
                return Status::fail("activation \"" + acts->strings[l] +
                                    "\" is not one Knobs has (sigmoid, tanh, relu, softmax)");
    }
    spec.cost = Cost::quadratic;
    if (const NpyArray* cost = npz_find(arrays, "cost")) {
        if (!cost->text || cost->count() != 1 || !cost_from_name(cost->strings[0], &spec.cost))
            return Status::fail("cost must be \"quadratic\" or \"cross-entropy\"");
    }
    const Status valid = validate_spec(spec);
    if (!valid) return Status::fail("its architecture is not valid: " + valid.message);
    return Status::success();
}

Status model_from_npz(const uint8_t* bytes, size_t size, const std::string& source, Network& net, std::string* note) {
    std::vector<NpyArray> arrays;
    Status st = npz_from_bytes(bytes, size, source, arrays);
    if (!st) return st;
    NetworkSpec spec;
    std::string assumed;
    if (!(st = spec_from_arrays(arrays, spec, &assumed))) return Status::fail(source + ": " + st.message);
    Network loaded;
    network_allocate(spec, loaded);
    for (size_t l = 0; l < loaded.layers.size(); l++) {
        Layer& layer = loaded.layers[l];
        const NpyArray& W = *npz_find(arrays, "W" + std::to_string(l + 1));
        const NpyArray& b = *npz_find(arrays, "b" + std::to_string(l + 1));
        for (Eigen::Index r = 0; r < layer.W.rows(); r++)
            for (Eigen::Index c = 0; c < layer.W.cols(); c++)
                layer.W(r, c) = (Scalar)W.numbers[(size_t)(r * layer.W.cols() + c)];
        for (Eigen::Index r = 0; r < layer.b.size(); r++) layer.b(r) = (Scalar)b.numbers[(size_t)r];
    }
    if (!parameters_finite(loaded))
        return Status::fail(source + ": some weights or biases are NaN or infinite (or too large for float32)");
    net = std::move(loaded);
    if (note) *note = assumed;
    return Status::success();
}

}  // namespace nn
