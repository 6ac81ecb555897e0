"""check_export.py NPZ MNIST_DIR: NumPy runs a network Knobs exported (test_model_npz.cpp writes NPZ).

assets/python/knobs_network.py loads it; its outputs for the 100 test images in the file must match
Knobs's own to 1e-5, it must count as many of MNIST's 10,000 test images right as Knobs did, and the
script run as a student runs it must say so.
"""
import os
import subprocess
import sys

import numpy as np

SCRIPT = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "python", "knobs_network.py")
sys.path.insert(0, os.path.dirname(SCRIPT))
import knobs_network as kn  # noqa: E402


def main(npz, mnist_dir):
    net = kn.load(npz)
    assert net.sizes == [784, 16, 16, 10], net.sizes
    assert len(net.examples) == 100
    ours = net.feedforward(net.examples.T).T
    worst = float(np.abs(ours - net.knobs_outputs).max())
    print("largest difference from Knobs's outputs over 100 test images: %.2e" % worst)
    assert worst < 1e-5, worst
    with np.load(npz) as f:
        knobs_right = int(f["test_right"])
    images = os.path.join(mnist_dir, "t10k-images-idx3-ubyte")
    labels = os.path.join(mnist_dir, "t10k-labels-idx1-ubyte")
    out = subprocess.run([sys.executable, SCRIPT, npz, images, labels], capture_output=True, text=True, check=True).stdout
    print(out.strip())
    assert "%d of 10000 right" % knobs_right in out, (knobs_right, out)
    # With no test set it answers the file's first example, next to Knobs's numbers.
    out = subprocess.run([sys.executable, SCRIPT, npz], capture_output=True, text=True, check=True).stdout
    assert "Guess: %d." % int(np.argmax(net.knobs_outputs[0])) in out, out
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
