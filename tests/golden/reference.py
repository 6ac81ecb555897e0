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
from the same bits.
Also the seed-42 initial weights of the videos' 784-16-16-10 network, bit for bit, transcribed
from the published generators: splitmix64 seeding xoshiro256** (Blackman & Vigna 2018), doubles
from its top 53 bits, Marsaglia's polar method for normals (with the series log of src/nn/rng.cpp
written out again: ln x = e ln 2 + 2 atanh((m-1)/(m+1))), each weight w_scale x N(0,1) rounded
once to float32; their CRC-32 (zlib's) over the float32 bytes, W column by column, then b; and,
given the MNIST folder, that network's first 20 mini-batches of SGD (the trainer's shuffle
transcribed too: Fisher-Yates with Lemire's bounded draws) in float64.
Usage: reference.py OUT.json [MNIST-DIR]  (ctest runs it before the core's tests).
"""
import json
import math
import struct
import sys
import zlib

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
        C = 0.5 * ((a - Y) ** 2).sum() / X.shape[1]
        delta = (a - Y) * f_prime(output, zs[-1])
    else:  # cross-entropy with softmax
        C = -(Y * np.log(a)).sum() / X.shape[1]
        delta = a - Y
    dW, db = [None] * len(Ws), [None] * len(Ws)
    for l in range(len(Ws) - 1, -1, -1):
        dW[l] = delta @ acts[l].T / X.shape[1]
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


MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


class Xoshiro256:
    def __init__(self, seed):
        self.s = []
        for _ in range(4):
            seed, word = splitmix64(seed)
            self.s.append(word)
        self.spare = None

    def u64(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.u64() >> 11) * 2.0**-53

    def normal(self):
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        while True:
            u = 2.0 * self.uniform() - 1.0
            v = 2.0 * self.uniform() - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                break
        factor = math.sqrt(-2.0 * series_log(s) / s)
        self.spare = v * factor
        return u * factor


def series_log(x):
    m, e = math.frexp(x)
    if m < 0.70710678118654752440:
        m, e = m * 2.0, e - 1
    f = (m - 1.0) / (m + 1.0)
    f2 = f * f
    series = 0.0
    for k in range(23, 2, -2):
        series = (series + 1.0 / k) * f2
    return e * 0.693147180559945309417232121458176568 + 2.0 * f * (1.0 + series)


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def seed42_network(init):
    """The seed-42 784-16-16-10 network's weights (float32 values) and their CRC-32."""
    rng = Xoshiro256(42)
    stored = bytearray()
    def feed(value):
        stored.extend(struct.pack("<f", value))
    sizes = [784, 16, 16, 10]
    Ws, bs = [], []
    for l in range(3):
        n_in, n_out = sizes[l], sizes[l + 1]
        scale = 1.0 if init == "standard_normal" else math.sqrt(1.0 / n_in)
        W = [[f32(scale * rng.normal()) for _ in range(n_in)] for _ in range(n_out)]
        b = [f32(rng.normal()) for _ in range(n_out)]
        for k in range(n_in):
            for j in range(n_out):
                feed(W[j][k])
        for v in b:
            feed(v)
        Ws.append(np.array(W))
        bs.append(np.array(b))
    return Ws, bs, "0x%08x" % zlib.crc32(bytes(stored))


def rng_below(rng, n):
    """Lemire's unbiased bounded integer from the top 32 bits of a draw."""
    m = (rng.u64() >> 32) * n
    low = m & 0xFFFFFFFF
    if low < n:
        threshold = ((1 << 32) - n) % n
        while low < threshold:
            m = (rng.u64() >> 32) * n
            low = m & 0xFFFFFFFF
    return m >> 32


def idx(path, header_words):
    with open(path, "rb") as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8, offset=4 * header_words)


def seed42_training(mnist_dir, count=2000, steps=20, batch_size=10, lr=3.0):
    """The trainer's first 20 mini-batches from seed 42 (network and shuffle): Fisher-Yates with
    a xoshiro256** stream seeded by 42 ^ "SHUFFLE", plain SGD on the quadratic cost."""
    images = idx(mnist_dir + "/train-images-idx3-ubyte", 4)[: count * 784].reshape(count, 784) / 255.0
    labels = idx(mnist_dir + "/train-labels-idx1-ubyte", 2)[:count]
    Ws, bs, _ = seed42_network("standard_normal")
    rng = Xoshiro256(42 ^ 0x53485546464C45)
    order = list(range(count))
    for i in range(count, 1, -1):
        j = rng_below(rng, i)
        order[i - 1], order[j] = order[j], order[i - 1]
    cost_sum = 0.0
    for step in range(steps):
        batch_idx = order[step * batch_size : (step + 1) * batch_size]
        X = images[batch_idx].T
        Y = np.zeros((10, batch_size))
        Y[labels[batch_idx], np.arange(batch_size)] = 1
        _, C, dW, db = gradients(CASES["videos"], Ws, bs, X, Y)
        cost_sum += C
        Ws = [W - lr * g for W, g in zip(Ws, dW)]
        bs = [b - lr * g for b, g in zip(bs, db)]
    return {"first_example": order[0], "cost_sum": cost_sum, "w_sum": float(Ws[0].sum() + Ws[2].sum()),
            "b_out3": float(bs[2][3])}


def main():
    out = {"sizes": SIZES, "batch": B, "cases": {}, "optimizers": {}}
    out["seed42"] = {init: seed42_network(init)[2] for init in ("standard_normal", "lecun_normal")}
    rng = Xoshiro256(42)
    out["seed42"]["first_u64"] = "0x%016x" % rng.u64()
    normals = [rng.normal() for _ in range(4)]
    out["seed42"]["fourth_normal_bits"] = "0x%016x" % struct.unpack("<Q", struct.pack("<d", normals[3]))[0]
    X, Y = batch()
    for name, case in CASES.items():
        Ws, bs = network()
        a, C, dW, db = gradients(case, Ws, bs, X, Y)
        out["cases"][name] = {"output": a.tolist(), "cost": C, "dW": [g.tolist() for g in dW], "db": [g.tolist() for g in db]}
    for name, rule in RULES.items():  # three steps on the videos' network
        out["optimizers"][name] = dict(train(CASES["videos"], rule), **rule)
    if len(sys.argv) > 2:  # the MNIST folder
        out["seed42"]["training"] = seed42_training(sys.argv[2])
    with open(sys.argv[1], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
