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

// Written as 1/(1+e^-z) for z >= 0 and e^z/(1+e^z) below, so e^x never overflows to inf/inf.
static Scalar sigmoid(Scalar z) {
    if (z >= 0) return Scalar(1) / (Scalar(1) + std::exp(-z));
    const Scalar e = std::exp(z);
    return e / (Scalar(1) + e);
}

void activation_forward(Activation f, const Mat& Z, Mat& A) {
    A.resize(Z.rows(), Z.cols());
    switch (f) {
    case Activation::sigmoid: A = Z.unaryExpr([](Scalar z) { return sigmoid(z); }); break;
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
