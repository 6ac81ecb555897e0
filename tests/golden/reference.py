#!/usr/bin/env python3
"""reference.py: the golden numbers of tests/test_golden.cpp, computed on their own with NumPy in
float64, straight from the published formulas, never from Knobs' code:
  forward      a_l = f(W_l a_{l-1} + b_l)                       (Nielsen, ch. 1)
  backprop     delta_L = dC/da * f'(z_L);  delta_l = (W_{l+1}^T delta_{l+1}) * f'(z_l);
               dC/dW_l = delta_l a_{l-1}^T / B,  dC/db_l = mean of delta_l   (ch. 2)
               softmax + cross-entropy: delta_L = a_L - y       (ch. 3)
  sgd          w -= lr g
  momentum     v = mu v - lr g;  w += v                         (Polyak 1964; Sutskever et al. 2013)
  adam         m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
               w -= lr m/(1-b1^t) / (sqrt(v/(1-b2^t)) + eps)  (Kingma & Ba 2015, Algorithm 1)
  weight decay g += lambda w, weights only (L2: lambda/2 ||W||^2 added to C)
The network (6-5-4-3) and the batch (4 examples) are exact small fractions, so both sides start
from the same bits. Writes JSON to the path given (ctest runs this before the core's tests).
"""
import json
import sys

import numpy as np

SIZES = [6, 5, 4, 3]
B = 4


def network():
    Ws, bs = [], []
    for l in range(len(SIZES) - 1):
        n_in, n_out = SIZES[l], SIZES[l + 1]
        Ws.append(np.array([[((7 * j + 3 * k + 5 * l) % 11 - 5) / 8 for k in range(n_in)] for j in range(n_out)]))
        bs.append(np.array([((3 * j + 2 * l) % 5 - 2) / 16 for j in range(n_out)]))
    return Ws, bs


def batch():
    X = np.array([[((5 * i + 3 * b) % 9) / 8 for b in range(B)] for i in range(SIZES[0])])
    Y = np.zeros((SIZES[-1], B))
    for b in range(B):
        Y[b % SIZES[-1], b] = 1
    return X, Y


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def f(kind, z):
    if kind == "sigmoid":
        return sigmoid(z)
    if kind == "relu":
        return np.maximum(z, 0)
    e = np.exp(z - z.max(axis=0))  # softmax over each column
    return e / e.sum(axis=0)


def f_prime(kind, z):
    if kind == "sigmoid":
        return sigmoid(z) * (1 - sigmoid(z))
    return (z > 0).astype(float)  # relu


def gradients(case, Ws, bs, X, Y):
    hidden, output, cost = case
    kinds = [hidden] * (len(Ws) - 1) + [output]
    a, zs, acts = X, [], [X]
    for W, b, kind in zip(Ws, bs, kinds):
        z = W @ a + b[:, None]
        a = f(kind, z)
        zs.append(z)
        acts.append(a)
    if cost == "quadratic":
        C = 0.5 * ((a - Y) ** 2).sum() / B
        delta = (a - Y) * f_prime(output, zs[-1])
    else:  # cross-entropy with softmax
        C = -(Y * np.log(a)).sum() / B
        delta = a - Y
    dW, db = [None] * len(Ws), [None] * len(Ws)
    for l in range(len(Ws) - 1, -1, -1):
        dW[l] = delta @ acts[l].T / B
        db[l] = delta.mean(axis=1)
        if l > 0:
            delta = (Ws[l].T @ delta) * f_prime(kinds[l - 1], zs[l - 1])
    return a, C, dW, db


def train(case, rule, steps=3):
    Ws, bs = network()
    X, Y = batch()
    mW = [np.zeros_like(W) for W in Ws]
    mb = [np.zeros_like(b) for b in bs]
    vW = [np.zeros_like(W) for W in Ws]
    vb = [np.zeros_like(b) for b in bs]
    for t in range(1, steps + 1):
        _, _, dW, db = gradients(case, Ws, bs, X, Y)
        for l in range(len(Ws)):
            gW = dW[l] + rule.get("decay", 0) * Ws[l]
            gb = db[l]
            if rule["kind"] == "sgd":
                Ws[l] = Ws[l] - rule["lr"] * gW
                bs[l] = bs[l] - rule["lr"] * gb
            elif rule["kind"] == "momentum":
                mW[l] = rule["mu"] * mW[l] - rule["lr"] * gW
                mb[l] = rule["mu"] * mb[l] - rule["lr"] * gb
                Ws[l] = Ws[l] + mW[l]
                bs[l] = bs[l] + mb[l]
            else:  # adam
                b1, b2, eps = 0.9, 0.999, 1e-8
                mW[l] = b1 * mW[l] + (1 - b1) * gW
                mb[l] = b1 * mb[l] + (1 - b1) * gb
                vW[l] = b2 * vW[l] + (1 - b2) * gW ** 2
                vb[l] = b2 * vb[l] + (1 - b2) * gb ** 2
                Ws[l] = Ws[l] - rule["lr"] * (mW[l] / (1 - b1 ** t)) / (np.sqrt(vW[l] / (1 - b2 ** t)) + eps)
                bs[l] = bs[l] - rule["lr"] * (mb[l] / (1 - b1 ** t)) / (np.sqrt(vb[l] / (1 - b2 ** t)) + eps)
    return {"W": [W.tolist() for W in Ws], "b": [b.tolist() for b in bs]}


CASES = {"videos": ("sigmoid", "sigmoid", "quadratic"), "modern": ("relu", "softmax", "cross-entropy")}
RULES = {
    "sgd": {"kind": "sgd", "lr": 0.5},
    "momentum": {"kind": "momentum", "lr": 0.5, "mu": 0.9},
    "adam": {"kind": "adam", "lr": 0.01},
    "sgd+decay": {"kind": "sgd", "lr": 0.5, "decay": 0.1},
}


def main():
    out = {"sizes": SIZES, "batch": B, "cases": {}, "optimizers": {}}
    X, Y = batch()
    for name, case in CASES.items():
        Ws, bs = network()
        a, C, dW, db = gradients(case, Ws, bs, X, Y)
        out["cases"][name] = {"output": a.tolist(), "cost": C, "dW": [g.tolist() for g in dW], "db": [g.tolist() for g in db]}
    for name, rule in RULES.items():  # three steps on the videos' network
        out["optimizers"][name] = dict(train(CASES["videos"], rule), **rule)
    with open(sys.argv[1], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
