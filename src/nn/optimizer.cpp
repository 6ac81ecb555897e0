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
    state = OptimizerState();
    if (kind != OptimizerKind::sgd) state.m = Vec::Zero(net.params.size());
    if (kind == OptimizerKind::adam) state.v = Vec::Zero(net.params.size());
}

// One span of parameters [begin, begin + n) of the flat arrays, all with the same weight decay:
// P, G, M, V in; P_out, M_out, V_out out. s is the state after the step (t, beta^t advanced).
// M and V are null where the optimizer keeps no such memory. The outputs may be the inputs: every
// expression is coefficient-wise, so each entry is read before it is written.
struct Span {
    const Scalar *P, *G, *M, *V;
    Scalar *P_out, *M_out, *V_out;
    Eigen::Index n;
};

static void update_span(const OptimizerConfig& c, const OptimizerState& s, Scalar decay, const Span& x) {
    using Arr = Eigen::Array<Scalar, Eigen::Dynamic, 1>;
    Eigen::Map<const Arr> P(x.P, x.n), G(x.G, x.n);
    Eigen::Map<Arr> P_out(x.P_out, x.n);
    const Scalar lr = c.learning_rate;
    switch (c.kind) {
    case OptimizerKind::sgd:
        if (decay > 0) P_out = P - lr * (G + decay * P);
        else P_out = P - lr * G;
        break;
    case OptimizerKind::momentum: {
        Eigen::Map<const Arr> M(x.M, x.n);
        Eigen::Map<Arr> M_out(x.M_out, x.n);
        if (decay > 0) M_out = c.momentum * M - lr * (G + decay * P);
        else M_out = c.momentum * M - lr * G;
        M_out = (M_out.abs() < MEMORY_FLOOR).select(Scalar(0), M_out);  // kernels.h: why (it would go subnormal)
        P_out = P + M_out;
        break;
    }
    case OptimizerKind::adam: {
        AdamStep a;
        a.lr = lr;
        a.beta1 = c.beta1;
        a.beta2 = c.beta2;
        a.epsilon = c.epsilon;
        a.decay = decay;
        a.m_hat = (Scalar)(1.0 / (1.0 - s.beta1_t));
        a.v_hat = (Scalar)(1.0 / (1.0 - s.beta2_t));
        adam_update(a, x.P, x.G, x.M, x.V, (size_t)x.n, x.P_out, x.M_out, x.V_out);
        break;
    }
    }
}

bool optimizer_state_finite(const OptimizerState& s) { return all_finite(s.m) && all_finite(s.v); }

static bool state_fits(OptimizerKind kind, const Network& net, const OptimizerState& s) {
    const Eigen::Index P = net.params.size();
    return s.m.size() == (kind == OptimizerKind::sgd ? 0 : P) && s.v.size() == (kind == OptimizerKind::adam ? P : 0);
}

// Two spans over the flat arrays: the weights (with weight decay), then the biases (without).
void optimizer_step(const OptimizerConfig& c, const Gradients& g, const Network& net, const OptimizerState& s,
                    Network& net_out, OptimizerState& s_out) {
    OptimizerState fresh;
    const OptimizerState* in = &s;
    if (!state_fits(c.kind, net, s)) {  // first step, or the network or optimizer changed
        optimizer_reset(c.kind, net, fresh);
        in = &fresh;
    }
    if (&net_out != &net && !same_shape(net_out, net)) net_out = net;  // the shape: every value is written below
    net_out.cost = net.cost;
    s_out.t = in->t + 1;
    s_out.beta1_t = in->beta1_t * (double)c.beta1;
    s_out.beta2_t = in->beta2_t * (double)c.beta2;
    s_out.m.resize(in->m.size());
    s_out.v.resize(in->v.size());
    const Eigen::Index n_weights = net.weight_count(), n_all = net.params.size();
    const bool has_m = in->m.size() > 0, has_v = in->v.size() > 0;
    for (Eigen::Index begin : {Eigen::Index(0), n_weights}) {
        const Eigen::Index n = begin == 0 ? n_weights : n_all - n_weights;
        Span x;
        x.P = net.params.data() + begin;
        x.G = g.flat.data() + begin;
        x.M = has_m ? in->m.data() + begin : nullptr;
        x.V = has_v ? in->v.data() + begin : nullptr;
        x.P_out = net_out.params.data() + begin;
        x.M_out = has_m ? s_out.m.data() + begin : nullptr;
        x.V_out = has_v ? s_out.v.data() + begin : nullptr;
        x.n = n;
        update_span(c, s_out, begin == 0 ? c.weight_decay : Scalar(0), x);  // no decay on biases
    }
}

void optimizer_step(const OptimizerConfig& c, const Gradients& g, Network& net, OptimizerState& s) {
    optimizer_step(c, g, net, s, net, s);
}

}  // namespace nn
