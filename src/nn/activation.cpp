// activation.cpp: sigmoid, tanh, ReLU and softmax, forward and backward side by side.
#include "activation.h"

#include <cmath>

namespace nn {

const char* activation_name(Activation f) {
    switch (f) {
    case Activation::sigmoid: return "sigmoid";
    case Activation::tanh: return "tanh";
    case Activation::relu: return "relu";
    case Activation::softmax: return "softmax";
    }
    return "?";
}

bool activation_from_name(const std::string& name, Activation* out) {
    for (Activation f : {Activation::sigmoid, Activation::tanh, Activation::relu, Activation::softmax}) {
        if (name == activation_name(f)) {
            *out = f;
            return true;
        }
    }
    return false;
}

// Written as 1/(1+e^-z) for z >= 0 and e^z/(1+e^z) below, so e^x never overflows to inf/inf;
// both take e = e^-|z|. The exponentials first, then the two cases as one select: the sign of z
// is a coin toss, and a branch on it was mispredicted every other neuron.
static void sigmoid_forward(const Mat& Z, Mat& A) {
    const Scalar* z = Z.data();
    Scalar* e = A.data();
    for (Eigen::Index i = 0; i < Z.size(); i++) e[i] = std::exp(-std::fabs(z[i]));
    A = (Z.array() >= Scalar(0))
            .select(Scalar(1) / (Scalar(1) + A.array()), A.array() / (Scalar(1) + A.array()))
            .matrix();
}

void activation_forward(Activation f, const Mat& Z, Mat& A) {
    A.resize(Z.rows(), Z.cols());
    switch (f) {
    case Activation::sigmoid: sigmoid_forward(Z, A); break;
    case Activation::tanh: A = Z.array().tanh().matrix(); break;
    case Activation::relu: A = Z.cwiseMax(Scalar(0)); break;
    case Activation::softmax:
        // Shift by the column max first: softmax(z) = softmax(z - max z), and e^(z - max) <= 1.
        for (Eigen::Index c = 0; c < Z.cols(); c++) {
            const Scalar zmax = Z.col(c).maxCoeff();
            A.col(c) = (Z.col(c).array() - zmax).exp().matrix();
            A.col(c) /= A.col(c).sum();
        }
        break;
    }
}

void activation_backward(Activation f, const Mat& Z, const Mat& A, const Mat& dA, Mat& dZ) {
    dZ.resize(Z.rows(), Z.cols());
    switch (f) {
    case Activation::sigmoid:  // s' = s (1 - s)
        dZ = (A.array() * (Scalar(1) - A.array()) * dA.array()).matrix();
        break;
    case Activation::tanh:  // tanh' = 1 - tanh^2
        dZ = ((Scalar(1) - A.array().square()) * dA.array()).matrix();
        break;
    case Activation::relu:  // 1 where z > 0 (we take 0 at the kink)
        dZ = (Z.array() > Scalar(0)).select(dA, Scalar(0));
        break;
    case Activation::softmax:
        for (Eigen::Index c = 0; c < Z.cols(); c++) {
            const Scalar dot = A.col(c).dot(dA.col(c));
            dZ.col(c) = (A.col(c).array() * (dA.col(c).array() - dot)).matrix();
        }
        break;
    }
}

}  // namespace nn
