// cost.cpp: quadratic and cross-entropy costs, forward and backward side by side.
#include "cost.h"

#include <cmath>

namespace nn {

const char* cost_name(Cost c) {
    switch (c) {
    case Cost::quadratic: return "quadratic";
    case Cost::cross_entropy: return "cross-entropy";
    }
    return "?";
}

bool cost_from_name(const std::string& name, Cost* out) {
    if (name == "quadratic" || name == "mse") {
        *out = Cost::quadratic;
        return true;
    }
    if (name == "cross-entropy" || name == "crossentropy" || name == "xent") {
        *out = Cost::cross_entropy;
        return true;
    }
    return false;
}

std::string cost_output_mismatch(Cost c, Activation output) {
    if (c == Cost::cross_entropy && output != Activation::sigmoid && output != Activation::softmax)
        return std::string(
                   "cross-entropy cost needs a sigmoid or softmax output layer (outputs that are "
                   "probabilities), not ") +
            activation_name(output);
    return {};
}

// ln(1 + e^x) without overflow: max(x, 0) + ln(1 + e^-|x|).
static double softplus(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x))); }

Scalar cost_forward(Cost c, Activation output, const Mat& Z, const Mat& A, const MatRef& Y) {
    const Eigen::Index B = Z.cols();
    double total = 0.0;  // double: a 60,000-example sum in float would lose the small terms
    if (c == Cost::quadratic) {
        total = 0.5 * (A - Y).cast<double>().squaredNorm();
    } else if (output == Activation::sigmoid) {
        // -[y ln s(z) + (1-y) ln(1 - s(z))] = softplus(z) - y z
        for (Eigen::Index col = 0; col < B; col++)
            for (Eigen::Index j = 0; j < Z.rows(); j++)
                total += softplus((double)Z(j, col)) - (double)Y(j, col) * (double)Z(j, col);
    } else {
        // -sum_j y_j ln softmax(z)_j = sum_j y_j (logsumexp(z) - z_j)
        for (Eigen::Index col = 0; col < B; col++) {
            const double zmax = (double)Z.col(col).maxCoeff();
            double sum = 0.0;
            for (Eigen::Index j = 0; j < Z.rows(); j++) sum += std::exp((double)Z(j, col) - zmax);
            const double lse = zmax + std::log(sum);
            for (Eigen::Index j = 0; j < Z.rows(); j++) total += (double)Y(j, col) * (lse - (double)Z(j, col));
        }
    }
    return (Scalar)(total / (double)B);
}

void cost_backward(Cost c, Activation output, const Mat& Z, const Mat& A, const MatRef& Y, Mat& Delta) {
    if (c == Cost::cross_entropy) {
        Delta = A - Y;
        return;
    }
    Delta = A - Y;  // dC/da of 1/2 ||a - y||^2, then through f'(z) in place
    activation_backward(output, Z, A, Delta, Delta);
}

}  // namespace nn
