// optimizer.cpp: SGD, momentum and Adam over every layer's W and b.
#include "optimizer.h"

#include "kernels.h"

#include <cmath>
#include <cstdio>

namespace nn {

const char* optimizer_name(OptimizerKind kind) {
    switch (kind) {
    case OptimizerKind::sgd: return "sgd";
    case OptimizerKind::momentum: return "momentum";
    case OptimizerKind::adam: return "adam";
    }
    return "?";
}

bool optimizer_from_name(const std::string& name, OptimizerKind* out) {
    for (OptimizerKind k : {OptimizerKind::sgd, OptimizerKind::momentum, OptimizerKind::adam}) {
        if (name == optimizer_name(k)) {
            *out = k;
            return true;
        }
    }
    return false;
}

static std::string num(double x) {
    char buf[32];
    snprintf(buf, sizeof buf, "%g", x);
    return buf;
}

Status validate_optimizer(const OptimizerConfig& c) {
    const double lr = c.learning_rate;
    if (!std::isfinite(lr) || lr <= 0.0 || lr > MAX_LEARNING_RATE)
        return Status::fail("learning rate " + num(lr) + " is out of range (0, " + num(MAX_LEARNING_RATE) + "]");
    if (!std::isfinite((double)c.momentum) || c.momentum < 0 || c.momentum >= 1)
        return Status::fail("momentum " + num(c.momentum) + " is out of range [0, 1)");
    if (!std::isfinite((double)c.beta1) || c.beta1 < 0 || c.beta1 >= 1)
        return Status::fail("Adam beta1 " + num(c.beta1) + " is out of range [0, 1)");
    if (!std::isfinite((double)c.beta2) || c.beta2 < 0 || c.beta2 >= 1)
        return Status::fail("Adam beta2 " + num(c.beta2) + " is out of range [0, 1)");
    if (!std::isfinite((double)c.epsilon) || c.epsilon <= 0 || c.epsilon > 1)
        return Status::fail("Adam epsilon " + num(c.epsilon) + " is out of range (0, 1]");
    if (!std::isfinite((double)c.weight_decay) || c.weight_decay < 0 || c.weight_decay > 1)
        return Status::fail("weight decay " + num(c.weight_decay) + " is out of range [0, 1]");
    return Status::success();
}

// Only the memory the optimizer uses is allocated (none for SGD), so backing it up is free.
void optimizer_reset(OptimizerKind kind, const Network& net, OptimizerState& state) {
    const size_t L = net.layers.size();
    state = OptimizerState();
    const int blocks = kind == OptimizerKind::sgd ? 0 : kind == OptimizerKind::momentum ? 1 : 2;
    for (size_t l = 0; l < L && blocks > 0; l++) {
        const Layer& layer = net.layers[l];
        state.mW.push_back(Mat::Zero(layer.W.rows(), layer.W.cols()));
        state.mb.push_back(Vec::Zero(layer.b.size()));
        if (blocks < 2) continue;
        state.vW.push_back(Mat::Zero(layer.W.rows(), layer.W.cols()));
        state.vb.push_back(Vec::Zero(layer.b.size()));
    }
}

// One parameter block (a W or a b) with its gradient G and memory M, V: writes the stepped
// values to P_out, M_out, V_out. s is the state after the step (t, beta^t advanced). M and V are
// empty where the optimizer keeps no such memory. The outputs may be the inputs themselves: every
// expression is coefficient-wise, so each entry is read before it is written.
template <typename Block>
static void update_block(const OptimizerConfig& c, const OptimizerState& s, Scalar decay, const Block& P,
                         const Block& G, const Block& M, const Block& V, Block& P_out, Block& M_out, Block& V_out) {
    const Scalar lr = c.learning_rate;
    switch (c.kind) {
    case OptimizerKind::sgd:
        if (decay > 0) P_out = P - lr * (G + decay * P);
        else P_out = P - lr * G;
        break;
    case OptimizerKind::momentum:
        if (decay > 0) M_out = c.momentum * M - lr * (G + decay * P);
        else M_out = c.momentum * M - lr * G;
        P_out = P + M_out;
        break;
    case OptimizerKind::adam: {
        AdamStep a;
        a.lr = lr;
        a.beta1 = c.beta1;
        a.beta2 = c.beta2;
        a.epsilon = c.epsilon;
        a.decay = decay;
        a.m_hat = (Scalar)(1.0 / (1.0 - s.beta1_t));
        a.v_hat = (Scalar)(1.0 / (1.0 - s.beta2_t));
        P_out.resize(P.rows(), P.cols());
        M_out.resize(P.rows(), P.cols());
        V_out.resize(P.rows(), P.cols());
        adam_update(a, P.data(), G.data(), M.data(), V.data(), (size_t)P.size(), P_out.data(), M_out.data(),
                    V_out.data());
        break;
    }
    }
}

bool optimizer_state_finite(const OptimizerState& s) {
    for (const std::vector<Mat>* blocks : {&s.mW, &s.vW})
        for (const Mat& m : *blocks)
            if (!all_finite(m)) return false;
    for (const std::vector<Vec>* blocks : {&s.mb, &s.vb})
        for (const Vec& v : *blocks)
            if (!all_finite(v)) return false;
    return true;
}

static bool state_fits(OptimizerKind kind, const Network& net, const OptimizerState& s) {
    const size_t L = net.layers.size();
    const size_t m_blocks = kind == OptimizerKind::sgd ? 0 : L, v_blocks = kind == OptimizerKind::adam ? L : 0;
    if (s.mW.size() != m_blocks || s.vW.size() != v_blocks) return false;
    for (size_t l = 0; l < m_blocks; l++)
        if (s.mW[l].rows() != net.layers[l].W.rows() || s.mW[l].cols() != net.layers[l].W.cols()) return false;
    return true;
}

void optimizer_step(const OptimizerConfig& c, const Gradients& g, const Network& net, const OptimizerState& s,
                    Network& net_out, OptimizerState& s_out) {
    const size_t L = net.layers.size();
    OptimizerState fresh;
    const OptimizerState* in = &s;
    if (!state_fits(c.kind, net, s)) {  // first step, or the network or optimizer changed
        optimizer_reset(c.kind, net, fresh);
        in = &fresh;
    }
    s_out.t = in->t + 1;
    s_out.beta1_t = in->beta1_t * (double)c.beta1;
    s_out.beta2_t = in->beta2_t * (double)c.beta2;
    s_out.mW.resize(in->mW.size());
    s_out.mb.resize(in->mb.size());
    s_out.vW.resize(in->vW.size());
    s_out.vb.resize(in->vb.size());
    net_out.cost = net.cost;
    net_out.layers.resize(L);
    const Mat no_W;
    const Vec no_b;
    Mat scratch_W;
    Vec scratch_b;
    const bool has_m = c.kind != OptimizerKind::sgd, has_v = c.kind == OptimizerKind::adam;
    for (size_t l = 0; l < L; l++) {
        const Layer& layer = net.layers[l];
        Layer& out = net_out.layers[l];
        out.activation = layer.activation;
        update_block(c, s_out, c.weight_decay, layer.W, g.dW[l], has_m ? in->mW[l] : no_W, has_v ? in->vW[l] : no_W,
                     out.W, has_m ? s_out.mW[l] : scratch_W, has_v ? s_out.vW[l] : scratch_W);
        update_block(c, s_out, Scalar(0), layer.b, g.db[l], has_m ? in->mb[l] : no_b, has_v ? in->vb[l] : no_b, out.b,
                     has_m ? s_out.mb[l] : scratch_b, has_v ? s_out.vb[l] : scratch_b);  // no decay on biases
    }
}

void optimizer_step(const OptimizerConfig& c, const Gradients& g, Network& net, OptimizerState& s) {
    optimizer_step(c, g, net, s, net, s);
}

}  // namespace nn
