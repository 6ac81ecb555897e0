#!/usr/bin/env bash
# cli_test.sh: knobs-train exits non-zero with a clear message on bad arguments and files, and
# trains and reports on good ones. Usage: cli_test.sh path/to/knobs-train
set -u
TRAIN=$1
fails=0
checks=0

# expect EXIT_CODE "PHRASE" ARGS...: the run exits with EXIT_CODE and prints PHRASE.
expect() {
    local code=$1 phrase=$2
    shift 2
    local out
    out=$("$TRAIN" "$@" 2>&1)
    local got=$?
    checks=$((checks + 1))
    if [ "$got" != "$code" ] || ! grep -qF -- "$phrase" <<<"$out"; then
        echo "FAIL: knobs-train $* -> exit $got (want $code), output:"
        echo "$out" | tail -n 5
        echo "      (wanted it to contain: $phrase)"
        fails=$((fails + 1))
    fi
}

expect 2 "learning rate nan is out of range (0, 1000]" --lr nan
expect 2 "learning rate 1e+09 is out of range" --lr 1e9
expect 2 "--lr '3x' is not a number" --lr 3x
expect 2 "hidden layer 1 has 0 neurons; it needs 1 to 1024" --layers 784,0,10
expect 2 "--layers '784,,10' is not a comma-separated list" --layers 784,,10
expect 2 "the network has 100 inputs but MNIST train images have 784 pixels" --layers 100,10
expect 2 "--batch '0' must be a whole number from 1 to 60000" --batch 0
expect 2 "unknown activation 'swish'" --hidden swish
expect 2 "cross-entropy cost needs a sigmoid or softmax output layer" --output relu --cost cross-entropy
expect 2 "unknown option --frobnicate" --frobnicate 1
expect 2 "--epochs needs a value" --epochs
expect 1 "/nonexistent/train-images-idx3-ubyte: cannot open" --data /nonexistent
expect 0 "usage: knobs-train" --help
# A save that cannot be written (a device, not a file) ends the run with 1 and says why, after
# the first epoch with --save-every-epoch as at the end without it.
expect 1 "/dev/full: not a regular file" --epochs 2 --train-limit 100 --save-every-epoch --save /dev/full
expect 1 "/dev/full: not a regular file" --epochs 1 --train-limit 100 --save /dev/full

# A short real run: 10,000 training images, one epoch, a test accuracy far above chance (10%).
out=$("$TRAIN" --preset nielsen --train-limit 10000 --epochs 1 2>&1)
checks=$((checks + 1))
acc=$(sed -n 's/^epoch  1  test accuracy *\([0-9.]*\)%.*/\1/p' <<<"$out")
if [ -z "$acc" ] || ! awk -v a="$acc" 'BEGIN { exit !(a > 60) }'; then
    echo "FAIL: short training run did not reach 60% test accuracy:"
    echo "$out"
    fails=$((fails + 1))
else
    echo "short run: 10,000 images, 1 epoch -> test accuracy $acc%"
fi

# A decaying rate over many epochs stops at its floor instead of reaching 0 (which the trainer
# refuses): the run finishes and is saved. (0.5^300 x 3 underflows a float to 0.)
tmp=$(mktemp -d)
out=$("$TRAIN" --train-limit 20 --epochs 300 --lr-decay 0.5 --save "$tmp/long.knobs" 2>&1)
checks=$((checks + 1))
if ! grep -q "^done      300 epochs" <<<"$out" || [ ! -s "$tmp/long.knobs" ]; then
    echo "FAIL: a long decaying run did not finish and save:"
    tail -5 <<<"$out"
    fails=$((fails + 1))
else
    echo "long decaying run: 300 epochs at x0.5 each, finished and saved"
fi
rm -rf "$tmp"

# Ctrl+C mid-run: training stops after the current mini-batch and the network is saved (exit 130).
tmp=$(mktemp -d)
"$TRAIN" --epochs 1000 --train-limit 5000 --save "$tmp/stopped.knobs" >"$tmp/out.txt" 2>&1 &
pid=$!
for _ in $(seq 1 600); do grep -q "^epoch  1 " "$tmp/out.txt" && break; sleep 0.1; done
kill -INT "$pid"
code=0
wait "$pid" || code=$?
checks=$((checks + 1))
if [ "$code" -ne 130 ] || ! grep -q "^stopped   by Ctrl+C" "$tmp/out.txt" || [ ! -s "$tmp/stopped.knobs" ]; then
    echo "FAIL: Ctrl+C did not stop and save the run (exit $code):"
    tail -5 "$tmp/out.txt"
    fails=$((fails + 1))
else
    echo "Ctrl+C: stopped with exit 130 and saved $(wc -c <"$tmp/stopped.knobs") bytes"
fi

# --save-every-epoch: a save after each epoch, not only at the end.
out=$("$TRAIN" --epochs 3 --train-limit 100 --save-every-epoch --save "$tmp/each.knobs" 2>&1)
checks=$((checks + 1))
if [ "$(grep -c "^saved" <<<"$out")" -ne 3 ]; then
    echo "FAIL: --save-every-epoch did not save after each of 3 epochs:"
    echo "$out"
    fails=$((fails + 1))
else
    echo "--save-every-epoch: saved after each of 3 epochs"
fi
rm -rf "$tmp"

echo "cli: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
