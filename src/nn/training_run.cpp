// training_run.cpp: a run's state as bytes, a slice of training with its stops and test runs.
//
// The bytes are read only by the same build that wrote them (the app and its training thread, or
// the page and its worker): native byte order and the Scalar type as they are. Still every count
// is checked against what is left, so no bytes can make the reader overrun or over-allocate.
#include "training_run.h"

#include <cstring>
#include <type_traits>

namespace nn {

static const char RUN_MAGIC[8] = {'K', 'N', 'O', 'B', 'S', 'R', 'U', 'N'};
static const char REPORT_MAGIC[8] = {'K', 'N', 'O', 'B', 'S', 'R', 'E', 'P'};

// [SECTION] Bytes in, bytes out

struct Writer {
    std::vector<uint8_t> out;
    template <typename T>
    void put(const T& v) {
        static_assert(std::is_trivially_copyable<T>::value, "plain values only");
        const uint8_t* p = reinterpret_cast<const uint8_t*>(&v);
        out.insert(out.end(), p, p + sizeof v);
    }
    template <typename T>
    void put_array(const T* values, size_t n) {
        put((uint64_t)n);
        if (n == 0) return;
        const uint8_t* p = reinterpret_cast<const uint8_t*>(values);
        out.insert(out.end(), p, p + n * sizeof(T));
    }
};

struct Reader {
    const uint8_t* p;
    size_t left;
    bool ok = true;
    template <typename T>
    T get() {
        T v{};
        if (left < sizeof v) ok = false;
        if (!ok) return v;
        std::memcpy(&v, p, sizeof v);
        p += sizeof v;
        left -= sizeof v;
        return v;
    }
    // An array's count, refused (0, and the reader fails) if the bytes left cannot hold it.
    template <typename T>
    size_t count() {
        const uint64_t n = get<uint64_t>();
        if (!ok || n > left / sizeof(T)) ok = false;
        return ok ? (size_t)n : 0;
    }
    template <typename T>
    void get_array(T* values, size_t n) {
        if (!ok || n == 0) return;  // (an empty vector's data() may be null: memcpy must not see it)
        std::memcpy(values, p, n * sizeof(T));
        p += n * sizeof(T);
        left -= n * sizeof(T);
    }
    bool magic(const char (&m)[8]) {
        if (left < 8 || std::memcmp(p, m, 8) != 0) return ok = false;
        p += 8;
        left -= 8;
        return true;
    }
};

static void put_vec(Writer& w, const Vec& v) { w.put_array(v.data(), (size_t)v.size()); }
static void get_vec(Reader& r, Vec& v) {
    v.resize((Eigen::Index)r.count<Scalar>());
    r.get_array(v.data(), (size_t)v.size());
}

// [SECTION] The run

std::vector<uint8_t> pack_run(const Trainer& t, const Network& net) {
    Writer w;
    w.out.assign(RUN_MAGIC, RUN_MAGIC + 8);
    w.put((uint32_t)net.layers.size());
    w.put(net.cost);
    w.put((int32_t)net.n_inputs());
    for (const Layer& layer : net.layers) {
        w.put((int32_t)layer.W.rows());
        w.put(layer.activation);
    }
    put_vec(w, net.params);
    w.put(t.progress);  // (first, after the network: peek_run reads these three)
    w.put(t.config);    // plain values (TrainConfig holds no pointers)
    w.put((int32_t)t.available);
    w.put((int32_t)t.whole_count);
    w.put_array(t.arrivals.data(), t.arrivals.size());
    w.put((uint32_t)t.arrivals_done);
    put_vec(w, t.optimizer.m);
    put_vec(w, t.optimizer.v);
    w.put(t.optimizer.t);
    w.put(t.optimizer.beta1_t);
    w.put(t.optimizer.beta2_t);
    w.put(t.rng);
    w.put(t.augment_rng);
    w.put_array(t.order.data(), t.order.size());
    return std::move(w.out);
}

static Status read_network(Reader& r, Network& net) {
    const uint32_t n_layers = r.get<uint32_t>();
    NetworkSpec spec;
    spec.cost = r.get<Cost>();
    spec.sizes.push_back(r.get<int32_t>());
    for (uint32_t l = 0; l < n_layers && r.ok && l <= (uint32_t)MAX_HIDDEN_LAYERS; l++) {
        spec.sizes.push_back(r.get<int32_t>());
        spec.activations.push_back(r.get<Activation>());
    }
    if (!r.ok) return Status::fail("the run's bytes end early");
    Status s = validate_spec(spec);
    if (!s) return s;
    network_allocate(spec, net);
    Vec params;
    get_vec(r, params);
    if (!r.ok || params.size() != net.params.size()) return Status::fail("the run's weights do not fit its shape");
    net.params = params;  // same size: the layers' views stay seated
    net.cost = spec.cost;
    return Status::success();
}

Status unpack_run(const uint8_t* bytes, size_t size, const Dataset& data, Trainer& t_out, Network& net_out) {
    Reader r{bytes, size};
    if (!r.magic(RUN_MAGIC)) return Status::fail("not a training run's bytes");
    Network net;
    Status s = read_network(r, net);
    if (!s) return s;
    Trainer t;
    const TrainProgress progress = r.get<TrainProgress>();
    const TrainConfig config = r.get<TrainConfig>();
    const int32_t available = r.get<int32_t>(), whole_count = r.get<int32_t>();
    std::vector<DataArrival> arrivals(r.count<DataArrival>());
    r.get_array(arrivals.data(), arrivals.size());
    const uint32_t arrivals_done = r.get<uint32_t>();
    if (!r.ok) return Status::fail("the run's bytes end early");
    if (whole_count != data.whole_count() || available < 1 || available > data.count)
        return Status::fail("the run trained on " + std::to_string(available) + " of " + std::to_string(whole_count) +
                            " examples; " + data.name + " has " + std::to_string(data.count) + " of " +
                            std::to_string(data.whole_count()));
    if (arrivals.empty() || arrivals_done < 1 || arrivals_done > arrivals.size())
        return Status::fail("the run's data arrivals are damaged");
    s = trainer_init(t, data, config, net, available);  // checks the config and that net fits the data
    if (!s) return s;
    t.arrivals = std::move(arrivals);
    t.arrivals_done = arrivals_done;
    get_vec(r, t.optimizer.m);
    get_vec(r, t.optimizer.v);
    t.optimizer.t = r.get<int64_t>();
    t.optimizer.beta1_t = r.get<double>();
    t.optimizer.beta2_t = r.get<double>();
    t.progress = progress;
    t.rng = r.get<Rng>();
    t.augment_rng = r.get<Rng>();
    t.order.resize(r.count<uint32_t>());
    r.get_array(t.order.data(), t.order.size());
    if (!r.ok || r.left != 0) return Status::fail("the run's bytes are damaged");
    if (t.order.size() != (size_t)available) return Status::fail("the run's data order does not fit its data");
    const Eigen::Index n = net.params.size();
    const bool memory_fits = (t.optimizer.m.size() == 0 || t.optimizer.m.size() == n) &&
        (t.optimizer.v.size() == 0 || t.optimizer.v.size() == n);
    if (!memory_fits || t.progress.epoch_position < 0 || t.progress.epoch_position > available)
        return Status::fail("the run's optimizer memory or position does not fit");
    for (uint32_t i : t.order)
        if (i >= (uint32_t)available) return Status::fail("the run's data order is damaged");
    t_out = std::move(t);
    t_out.data = &data;
    net_out = std::move(net);
    return Status::success();
}

Status peek_run(const uint8_t* bytes, size_t size, Network& net_out, TrainProgress& progress, int& available) {
    Reader r{bytes, size};
    if (!r.magic(RUN_MAGIC)) return Status::fail("not a training run's bytes");
    Network net;
    Status s = read_network(r, net);
    if (!s) return s;
    const TrainProgress p = r.get<TrainProgress>();
    r.get<TrainConfig>();
    const int32_t n = r.get<int32_t>();
    if (!r.ok) return Status::fail("the run's bytes end early");
    if (n < 0) return Status::fail("the run draws from a negative number of examples");
    progress = p;
    available = n;
    if (same_shape(net, net_out)) net_out.params = net.params;  // the views stay; no allocation
    else net_out = std::move(net);
    net_out.cost = net.cost;
    return Status::success();
}

// [SECTION] A slice of training

static void record_test(Trainer& t, const Network& net, const Dataset* test, bool epoch_end, RunReport& report,
                        double seconds) {
    if (!test) return;
    TestRecord rec{t.progress.examples_seen, t.progress.epochs, epoch_end, evaluate(net, *test), seconds};
    if (rec.result.total > 0) report.tests.push_back(rec);
}

RunReport run_slice(Trainer& t, Network& net, const Dataset* test, RunLimits& limits, double budget_ms,
                    double (*clock)(), double started) {
    RunReport report;
    const double end = clock() + budget_ms / 1000.0;
    do {
        if (limits.stop_at_minibatch >= 0 && t.progress.minibatches >= limits.stop_at_minibatch) {
            report.stop = RunStop::minibatch_limit;
            break;
        }
        if (limits.stop_after_epoch >= 0 && t.progress.epochs >= limits.stop_after_epoch) {
            report.stop = RunStop::epoch_limit;
            break;
        }
        const int64_t epochs = t.progress.epochs;
        Status s = train_minibatch(t, net);
        if (!s) {
            report.stop = RunStop::refused;
            report.error = s.message;
            break;
        }
        const TrainProgress& p = t.progress;
        report.steps.push_back({p.examples_seen, (float)p.last_cost, (float)p.smoothed_cost});
        const bool epoch_end = p.epochs > epochs;
        if (epoch_end || (limits.next_test_at >= 0 && p.examples_seen >= limits.next_test_at)) {
            record_test(t, net, test, epoch_end, report, clock() - started);
            limits.next_test_at = p.examples_seen + limits.test_every;
        }
    } while (clock() < end);
    report.run = pack_run(t, net);
    return report;
}

void report_merge(RunReport& into, RunReport&& later) {
    into.steps.insert(into.steps.end(), later.steps.begin(), later.steps.end());
    into.tests.insert(into.tests.end(), later.tests.begin(), later.tests.end());
    into.stop = later.stop;
    into.error = std::move(later.error);
    if (!later.run.empty()) into.run = std::move(later.run);  // (a worker's failure brings no run)
}

// [SECTION] The report as bytes

std::vector<uint8_t> pack_report(const RunReport& r) {
    Writer w;
    w.out.assign(REPORT_MAGIC, REPORT_MAGIC + 8);
    w.put_array(r.steps.data(), r.steps.size());
    w.put_array(r.tests.data(), r.tests.size());
    w.put(r.stop);
    w.put_array(r.error.data(), r.error.size());
    w.put_array(r.run.data(), r.run.size());
    return std::move(w.out);
}

Status unpack_report(const uint8_t* bytes, size_t size, RunReport& out) {
    Reader r{bytes, size};
    RunReport rep;
    if (!r.magic(REPORT_MAGIC)) return Status::fail("not a training report's bytes");
    rep.steps.resize(r.count<StepRecord>());
    r.get_array(rep.steps.data(), rep.steps.size());
    rep.tests.resize(r.count<TestRecord>());
    r.get_array(rep.tests.data(), rep.tests.size());
    rep.stop = r.get<RunStop>();
    rep.error.resize(r.count<char>());
    r.get_array(&rep.error[0], rep.error.size());
    rep.run.resize(r.count<uint8_t>());
    r.get_array(rep.run.data(), rep.run.size());
    if (!r.ok || r.left != 0 || (uint8_t)rep.stop > (uint8_t)RunStop::refused)
        return Status::fail("a training report's bytes are damaged");
    out = std::move(rep);
    return Status::success();
}

}  // namespace nn
