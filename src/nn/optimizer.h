// optimizer.h: turning the knobs downhill. Each optimizer takes the mini-batch gradient g of
// every weight and bias and moves the parameters a step against it.
//   sgd:       w -= lr g                                    (the videos, Nielsen ch. 1)
//   momentum:  v = mu v - lr g;  w += v                     (a ball that keeps rolling)
//   adam:      m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2
//              w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)   (Kingma & Ba 2015)
// Weight decay (L2, weights only, not biases) adds lambda w to g, i.e. lambda/2 ||W||^2 to C.
// The memories m and v (and momentum's velocity) are set to 0 below 1e-35 (kernels.h: MEMORY_FLOOR,
// why: a float that small is slow to compute with, and moves no weight).
#pragma once

#include "network.h"
#include "status.h"
#include "types.h"

#include <string>
#include <vector>

namespace nn {

enum class OptimizerKind : uint8_t { sgd, momentum, adam };

const char* optimizer_name(OptimizerKind kind);
bool optimizer_from_name(const std::string& name, OptimizerKind* out);

constexpr double MAX_LEARNING_RATE = 1000.0;  // beyond this every network diverges at once

struct OptimizerConfig {
    OptimizerKind kind = OptimizerKind::sgd;
    Scalar learning_rate = Scalar(3.0);
    Scalar momentum = Scalar(0.9);    // mu, momentum only
    Scalar beta1 = Scalar(0.9);       // adam only
    Scalar beta2 = Scalar(0.999);     // adam only
    Scalar epsilon = Scalar(1e-8);    // adam only
    Scalar weight_decay = Scalar(0);  // lambda; 0 = none
};

// Rejects NaN, negative or absurd values with a message naming the setting.
Status validate_optimizer(const OptimizerConfig& config);

// Per-parameter memory of momentum and Adam, in the network's flat layout (network.h): one
// number per weight and bias (empty for SGD, and v empty for momentum).
struct OptimizerState {
    Vec m;                 // momentum: the velocity; adam: the first moment
    Vec v;                 // adam: the second moment
    int64_t t = 0;         // steps taken
    double beta1_t = 1.0;  // beta1^t and beta2^t by repeated multiplication (no pow(): the
    double beta2_t = 1.0;  // same bits on every target)
};

bool optimizer_state_finite(const OptimizerState& state);  // false if any moment is NaN or Inf
void optimizer_reset(OptimizerKind kind, const Network& net, OptimizerState& state);  // zero memory for net

// One step in place: net and state move against the gradient g.
void optimizer_step(const OptimizerConfig& config, const Gradients& g, Network& net, OptimizerState& state);

// The same step written to net_out and state_out, leaving net and state as they were (the
// trainer steps into spare buffers and swaps them in only if every new weight is finite).
// The outputs may be the inputs. A state that does not fit net's shapes starts from zero.
void optimizer_step(const OptimizerConfig& config, const Gradients& g, const Network& net, const OptimizerState& state,
                    Network& net_out, OptimizerState& state_out);

}  // namespace nn
