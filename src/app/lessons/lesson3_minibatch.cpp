// lesson3_minibatch.cpp: lesson 3's mini-batch view. A mini-batch's step is the average of its
// examples' gradients (shown one by one, then averaged, checked against backward() on the
// batch). Then two walks from the same weights with the same learning rate: full-batch gradient
// descent over a pool of training images, and stochastic steps on mini-batches drawn from it
// ("a drunk man stumbling downhill": each step cheap and a little wrong, the path wobbly, the
// cost falling anyway). Both paths are drawn on the plane through their ends, over the cost.
#include "app.h"
#include "nn/inspect.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

using nn::Json;
using nn::json_number;

void batch_update(App& app) {
    BatchLesson& m = app.lessons.batch;
    const DataSlot& train = train_slot(app);
    if (!train.ready || train.data.count < BatchLesson::SIZE) return;
    m.neuron = std::clamp(m.neuron, 0, (int)app.model.net.layers[0].W.rows() - 1);
    m.first = std::clamp(m.first, 0, train.data.count - BatchLesson::SIZE);
    if (m.computed_for == app.model.net_version && m.computed_first == m.first) return;
    m.computed_for = app.model.net_version;
    m.computed_first = m.first;
    nn::Mat X, Y;
    nn::dataset_gather_range(train.data, m.first, BatchLesson::SIZE, X, Y);
    nn::example_gradients(app.model.net, X, Y, m.per_example);
    nn::ForwardPass fp;
    nn::forward(app.model.net, X, fp);
    nn::backward(app.model.net, fp, Y, m.batch);
    // The check the view prints: mean over the examples of their gradients = the batch gradient.
    double worst = 0;
    for (size_t l = 0; l < m.batch.dW.size(); l++) {
        nn::Mat W = nn::Mat::Zero(m.batch.dW[l].rows(), m.batch.dW[l].cols());
        nn::Vec b = nn::Vec::Zero(m.batch.db[l].size());
        for (const nn::Gradients& g : m.per_example) {
            W += g.dW[l];
            b += g.db[l];
        }
        W /= (nn::Scalar)m.per_example.size();
        b /= (nn::Scalar)m.per_example.size();
        worst = std::max({worst, (double)(W - m.batch.dW[l]).cwiseAbs().maxCoeff(),
                          (double)(b - m.batch.db[l]).cwiseAbs().maxCoeff()});
    }
    m.max_difference = worst;
}

void action_next_batch(App& app) {
    const DataSlot& train = train_slot(app);
    if (!train.ready) return;
    BatchLesson& m = app.lessons.batch;
    m.first += BatchLesson::SIZE;
    if (m.first + BatchLesson::SIZE > train.data.count) m.first = 0;
}

// [SECTION] The two walks

void action_walk_start(App& app) {
    BatchLesson& m = app.lessons.batch;
    const DataSlot& train = train_slot(app);
    if (!train.ready || train.data.count < BatchLesson::POOL) return;
    if (!(m.learning_rate > 0 && m.learning_rate <= 100)) {  // NaN fails too
        action_set_message(app, "The walks need a learning rate above 0 and at most 100", true);
        return;
    }
    m.origin = m.sgd = m.full = app.model.net;
    optimizer_reset(nn::OptimizerKind::sgd, app.model.net, m.sgd_state);
    optimizer_reset(nn::OptimizerKind::sgd, app.model.net, m.full_state);
    m.sgd_path.assign(1, app.model.net);
    m.full_path.assign(1, app.model.net);
    nn::dataset_gather_range(train.data, 0, BatchLesson::POOL, m.pool_X, m.pool_Y);
    m.walk_dataset = app.training.settings.dataset;
    double c = nn::mean_cost(app.model.net, m.pool_X, m.pool_Y);
    m.sgd_cost.assign(1, c);
    m.full_cost.assign(1, c);
    m.sgd_xy.clear();
    m.full_xy.clear();
    m.grid = nn::LandscapeGrid();
    m.stopped.clear();
    m.walked = 0;
    m.walking = true;
    m.walk_seed++;
}

// One plain gradient-descent step on X, Y into next; false if a weight would stop being finite.
static bool descend(const nn::Network& net, const nn::OptimizerState& state, float lr, const nn::Mat& X,
                    const nn::Mat& Y, nn::Network& next, nn::OptimizerState& next_state) {
    nn::ForwardPass fp;
    nn::Gradients g;
    nn::forward(net, X, fp);
    nn::backward(net, fp, Y, g);
    nn::OptimizerConfig c;
    c.kind = nn::OptimizerKind::sgd;
    c.learning_rate = (nn::Scalar)lr;
    nn::optimizer_step(c, g, net, state, next, next_state);
    return nn::parameters_finite(next);
}

// Both walks are done (or stopped): the plane through their ends, each point's place in it,
// and a cost grid a little wider than the paths.
static void walks_finish(BatchLesson& m) {
    m.walking = false;
    nn::plane_through(m.origin, m.full, m.sgd, m.d1, m.d2);
    float reach = 1e-6f;
    auto place = [&](const std::vector<nn::Network>& path, std::vector<float>& xy) {
        xy.clear();
        for (const nn::Network& n : path) {
            nn::Scalar a, b;
            nn::project_onto_plane(m.origin, m.d1, m.d2, n, &a, &b);
            xy.push_back((float)a);
            xy.push_back((float)b);
            reach = std::max({reach, std::fabs((float)a), std::fabs((float)b)});
        }
    };
    place(m.full_path, m.full_xy);
    place(m.sgd_path, m.sgd_xy);
    nn::landscape_begin(m.grid, 15, (nn::Scalar)(reach * 1.15f), 300);
}

bool batch_working(const App& app) {
    const BatchLesson& m = app.lessons.batch;
    return m.walking || (m.grid.n > 0 && m.grid.done < m.grid.n * m.grid.n);
}

void batch_tick(App& app) {
    BatchLesson& m = app.lessons.batch;
    const DataSlot& train = train_slot(app);
    if (!train.ready) return;
    double end = schedule_slice_end(app, Work::lessons, platform::now_seconds());
    if (m.walking && app.training.settings.dataset != m.walk_dataset) {
        m.stopped = "the data set changed: the walks end there";
        walks_finish(m);
        return;
    }
    if (m.walking) {
        nn::Mat X, Y;
        while (m.walking && platform::now_seconds() < end) {
            // Step k's mini-batch depends on the walk and k only (not on how the frames fell).
            nn::Rng rng = nn::rng_seeded(m.walk_seed * 1000003u + (uint64_t)m.walked);
            std::vector<uint32_t> idx(BatchLesson::SIZE);
            for (uint32_t& i : idx) i = nn::rng_below(rng, BatchLesson::POOL);
            nn::dataset_gather(train.data, idx.data(), BatchLesson::SIZE, X, Y);
            // Both steps or neither: the two paths keep the same number of points.
            nn::Network full, sgd;
            nn::OptimizerState full_state, sgd_state;
            if (!descend(m.full, m.full_state, m.learning_rate, m.pool_X, m.pool_Y, full, full_state) ||
                !descend(m.sgd, m.sgd_state, m.learning_rate, X, Y, sgd, sgd_state)) {
                char buf[160];
                std::snprintf(buf, sizeof buf,
                              "step %d would make a weight infinite at learning rate %g: the walks end there",
                              m.walked + 1, (double)m.learning_rate);
                m.stopped = buf;
                walks_finish(m);
                break;
            }
            m.full = std::move(full);
            m.sgd = std::move(sgd);
            m.full_state = std::move(full_state);
            m.sgd_state = std::move(sgd_state);
            m.walked++;
            m.full_path.push_back(m.full);
            m.sgd_path.push_back(m.sgd);
            m.full_cost.push_back(nn::mean_cost(m.full, m.pool_X, m.pool_Y));
            m.sgd_cost.push_back(nn::mean_cost(m.sgd, m.pool_X, m.pool_Y));
            if (m.walked >= BatchLesson::STEPS) walks_finish(m);
        }
        return;
    }
    while (m.grid.n > 0 && m.grid.done < m.grid.n * m.grid.n && platform::now_seconds() < end)
        nn::landscape_step(m.grid, m.origin, m.d1, m.d2, train.data, 1, m.scratch);
}

// [SECTION] Module entry points

// The first and last of a walk's costs, or null before it starts.
static Json ends(const std::vector<double>& c) {
    return c.empty() ? Json() : Json::array({json_number(c.front()), json_number(c.back())});
}

// Lesson 3's mini-batch view and its two walks.
void lesson3_minibatch_json(const App& app, Json& state) {
    const BatchLesson& m = app.lessons.batch;
    state["batch"] = {{"first", m.computed_first},
                      {"examples", m.per_example.size()},
                      {"maxDifference", json_number(m.max_difference)},
                      {"walked", m.walked},
                      {"walking", m.walking},
                      {"fullCost", ends(m.full_cost)},
                      {"sgdCost", ends(m.sgd_cost)},
                      {"cells", m.grid.n * m.grid.n},
                      {"done", m.grid.done},
                      {"stopped", m.stopped}};
}
