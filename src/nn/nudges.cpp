// nudges.cpp: one example's backpropagation, stage by stage (see nudges.h).
#include "nudges.h"
#include "activation.h"
#include "cost.h"
#include <algorithm>
#include <limits>

namespace nn {

// -dC/da at the output, per cost (C for one example; a, y: (n_out)):
//   quadratic       C = 1/2 |a - y|^2                       -dC/da = y - a
//   cross-entropy, sigmoid outputs                           -dC/da = y/a - (1-y)/(1-a)
//   cross-entropy, softmax (log-likelihood) C = -sum y ln a  -dC/da = y/a
// (a is kept away from 0 and 1 so a saturated output gives a large, finite wish.)
static Vec output_wish(Cost c, Activation output, const Vec& a, const Vec& y) {
    if (c == Cost::quadratic) return y - a;
    const Scalar eps = Scalar(1e-6);
    Vec safe = a.cwiseMax(eps).cwiseMin(1 - eps);
    if (output == Activation::softmax) return y.cwiseQuotient(safe);
    return y.cwiseQuotient(safe) - (Vec::Ones(a.size()) - y).cwiseQuotient(Vec::Ones(a.size()) - safe);
}

void backprop_nudges(const Network& net, const Vec& x, const Vec& y, ForwardPass& fp, Nudges& out) {
    const size_t L = net.layers.size();
    forward(net, x, fp);
    out.desired.assign(L, Vec());
    out.delta.assign(L, Vec());
    out.bias.assign(L, Vec());
    out.weight.assign(L, Mat());
    const Activation f_out = net.layers.back().activation;
    out.cost = cost_forward(net.cost, f_out, fp.z.back(), fp.a.back(), y);
    out.desired[L - 1] = output_wish(net.cost, f_out, fp.a.back().col(0), y);
    // delta_L from the cost's own backward (robust where f' and the wish cancel, e.g. softmax).
    Mat delta_out;
    cost_backward(net.cost, f_out, fp.z.back(), fp.a.back(), y, delta_out);
    out.delta[L - 1] = delta_out.col(0);
    for (size_t l = L; l-- > 0;) {
        const Vec& delta = out.delta[l];                         // (n_l)
        out.bias[l] = -delta;                                    // (a)
        out.weight[l] = -delta * fp.a[l].col(0).transpose();     // (b) (n_l) x (1, n_{l-1})
        Vec wish_prev = net.layers[l].W.transpose() * (-delta);  // (c) (n_{l-1})
        if (l == 0) {
            out.desired_input = wish_prev;
            break;
        }
        out.desired[l - 1] = wish_prev;
        // The previous layer's delta: its wish, through its own f'(z): dC/dz = f'(z) .* dC/da.
        Mat dA = -wish_prev, dZ;
        activation_backward(net.layers[l - 1].activation, fp.z[l - 1], fp.a[l], dA, dZ);
        out.delta[l - 1] = dZ.col(0);
    }
}

bool knob_chain(const Network& net, const ForwardPass& fp, const Nudges& n, int layer, int j, int k, KnobChain& out) {
    const int L = (int)net.layers.size();
    if (layer < 0 || layer >= L || (int)n.delta.size() != L || (int)fp.a.size() != L + 1) return false;
    const Layer& here = net.layers[(size_t)layer];
    if (j < 0 || j >= here.W.rows() || k < -1 || k >= here.W.cols()) return false;
    out = KnobChain();
    out.a_prev = k < 0 ? Scalar(1) : fp.a[(size_t)layer](k, 0);
    out.dC_dz = n.delta[(size_t)layer](j);
    out.dC_da = -n.desired[(size_t)layer](j);
    if (here.activation == Activation::softmax) {
        out.fprime = std::numeric_limits<Scalar>::quiet_NaN();
    } else {  // elementwise: dC/dz = f'(z) dC/da, so f'(z) is what a unit dC/da becomes
        Mat dZ;
        activation_backward(here.activation, fp.z[(size_t)layer].col(0).segment(j, 1),
                            fp.a[(size_t)layer + 1].col(0).segment(j, 1), Mat::Ones(1, 1), dZ);
        out.fprime = dZ(0, 0);
    }
    out.dC_dknob = out.a_prev * out.dC_dz;
    if (layer + 1 < L) {
        const MatMap& W_next = net.layers[(size_t)layer + 1].W;  // (n_{l+1}, n_l)
        for (Eigen::Index i = 0; i < W_next.rows(); i++)
            out.paths.push_back(W_next(i, j) * n.delta[(size_t)layer + 1](i));
    }
    return true;
}

void apply_nudges(Network& net, const Nudges& n, Scalar eta) {
    for (size_t l = 0; l < net.layers.size(); l++) {
        net.layers[l].W += eta * n.weight[l];
        net.layers[l].b += eta * n.bias[l];
    }
}

}  // namespace nn
