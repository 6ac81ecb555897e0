// optimizer.cpp: SGD, momentum and Adam over every layer's W and b.
#include "optimizer.h"

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

// One parameter block (a W or a b) with its gradient and memory; P, G, M, V all the same shape.
// M and V are unused (may be empty) where the optimizer keeps no such memory.
template <typename Block>
static void update_block(const OptimizerConfig& c, const OptimizerState& s, Scalar decay, Block& P,
                         const Block& G, Block& M, Block& V) {
    const Scalar lr = c.learning_rate;
    switch (c.kind) {
    case OptimizerKind::sgd:
        if (decay > 0) P -= lr * (G + decay * P);
        else P -= lr * G;
        break;
    case OptimizerKind::momentum:
        if (decay > 0) M = c.momentum * M - lr * (G + decay * P);
        else M = c.momentum * M - lr * G;
        P += M;
        break;
    case OptimizerKind::adam: {
        const Scalar one = 1;
        const Scalar m_hat_scale = (Scalar)(1.0 / (1.0 - s.beta1_t));
        const Scalar v_hat_scale = (Scalar)(1.0 / (1.0 - s.beta2_t));
        if (decay > 0) {
            M = c.beta1 * M + (one - c.beta1) * (G + decay * P);
            V = c.beta2 * V + (one - c.beta2) * (G + decay * P).cwiseAbs2();
        } else {
            M = c.beta1 * M + (one - c.beta1) * G;
            V = c.beta2 * V + (one - c.beta2) * G.cwiseAbs2();
        }
        P.array() -= lr * (m_hat_scale * M.array()) / ((v_hat_scale * V.array()).sqrt() + c.epsilon);
        break;
    }
    }
}

void optimizer_step(const OptimizerConfig& c, const Gradients& g, Network& net, OptimizerState& s) {
    const size_t L = net.layers.size();
    const size_t want = c.kind == OptimizerKind::sgd ? 0 : L;
    if (s.mW.size() != want || (c.kind == OptimizerKind::adam) != (s.vW.size() == L)) optimizer_reset(c.kind, net, s);
    s.t += 1;
    s.beta1_t *= (double)c.beta1;
    s.beta2_t *= (double)c.beta2;
    Mat no_W;
    Vec no_b;
    for (size_t l = 0; l < L; l++) {
        Layer& layer = net.layers[l];
        Mat& mW = want ? s.mW[l] : no_W;
        Vec& mb = want ? s.mb[l] : no_b;
        Mat& vW = c.kind == OptimizerKind::adam ? s.vW[l] : no_W;
        Vec& vb = c.kind == OptimizerKind::adam ? s.vb[l] : no_b;
        update_block(c, s, c.weight_decay, layer.W, g.dW[l], mW, vW);
        update_block(c, s, Scalar(0), layer.b, g.db[l], mb, vb);  // no decay on biases
    }
}

} // namespace nn
