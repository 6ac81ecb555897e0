// lesson2_memorise.cpp: true labels against shuffled ones (lesson2_memorise.h).
#include "app.h"
#include "nn/evaluate.h"
#include "nn/presets.h"
#include "platform/platform.h"

// Both runs are made the same way; only their labels differ.
static nn::Recipe memorise_recipe() {
    nn::Recipe r;
    r.hidden = {MEMORISE_HIDDEN};
    r.hidden_activation = nn::Activation::relu;
    r.output_activation = nn::Activation::softmax;
    r.cost = nn::Cost::cross_entropy;
    r.init = nn::Init::he_normal;
    r.optimizer = nn::OptimizerKind::adam;
    r.learning_rate = MEMORISE_LEARNING_RATE;
    r.batch_size = MEMORISE_BATCH;
    r.lr_decay = 1;
    return r;
}

// The point after `epoch` epochs: % right on its own training labels, and on the test images.
static void measure(MemoriseRun& run, const nn::Dataset& test, int epoch) {
    series_push(run.train_percent, (float)epoch, 100.0f * (float)nn::evaluate(run.net, run.data).accuracy());
    series_push(run.test_percent, (float)epoch, 100.0f * (float)nn::evaluate(run.net, test).accuracy());
}

void action_memorise_start(App& app) {
    MemoriseLesson& m = app.lessons.memorise;
    if (!train_slot(app).ready || !test_slot(app).ready) return;
    m.seed = app.training.settings.seed;
    m.test = nn::dataset_head(test_slot(app).data, MEMORISE_TEST_IMAGES);
    const nn::Dataset images = nn::dataset_head(train_slot(app).data, MEMORISE_IMAGES);
    const nn::Recipe recipe = memorise_recipe();
    const nn::TrainConfig config = nn::recipe_train_config(recipe, (uint64_t)m.seed);
    for (int k = 0; k < 2; k++) {
        MemoriseRun& run = m.runs[k];
        run.data = k == 0 ? images : nn::dataset_shuffled_labels(images, (uint64_t)m.seed);
        nn::Status st = nn::network_init(nn::recipe_spec(recipe), (uint64_t)m.seed, run.net);
        if (st.ok) st = nn::trainer_init(run.trainer, run.data, config, run.net);
        if (!st.ok) {
            m.running = false;
            return action_set_message(app, "Cannot start the experiment: " + st.message, true);
        }
        series_clear(run.train_percent);
        series_clear(run.test_percent);
        measure(run, m.test, 0);
    }
    m.running = true;
    m.done = false;
    m.started_at = m.last_tick = platform::now_seconds();
}

bool memorise_working(const App& app) { return app.lessons.memorise.running; }

void memorise_tick(App& app) {
    MemoriseLesson& m = app.lessons.memorise;
    if (!m.running) return;
    const double now = platform::now_seconds(), end = schedule_slice_end(app, Work::lessons, now);
    // Ticks stop while lesson 2 is closed: the time away does not count, or coming back would run
    // the rest in one unpaced burst.
    if (now - m.last_tick > 0.25) m.started_at += now - m.last_tick;
    m.last_tick = now;
    const double due = (now - m.started_at) * MEMORISE_EPOCHS_PER_SECOND * MEMORISE_IMAGES / MEMORISE_BATCH;
    while (m.running && platform::now_seconds() < end && (double)m.runs[1].trainer.progress.minibatches < due) {
        for (MemoriseRun& run : m.runs) {  // in turn, so the two curves grow together
            const int64_t epochs = run.trainer.progress.epochs;
            if (epochs >= MEMORISE_EPOCHS) continue;
            nn::train_minibatch(run.trainer, run.net);  // (a refused step keeps the weights; the next one is new data)
            if (run.trainer.progress.epochs > epochs) measure(run, m.test, (int)run.trainer.progress.epochs);
        }
        if (m.runs[0].trainer.progress.epochs >= MEMORISE_EPOCHS &&
            m.runs[1].trainer.progress.epochs >= MEMORISE_EPOCHS) {
            m.running = false;
            m.done = true;
            m.reveal = true;
        }
    }
}

// "memorise": {running, done, seed, epochs, runs: [{labels, trainPercent: [...], testPercent: [...]}]}
// (one value per epoch from 0).
void memorise_json(const App& app, nn::Json& state) {
    const MemoriseLesson& m = app.lessons.memorise;
    nn::Json runs = nn::Json::array();
    for (int k = 0; k < 2; k++) {
        const MemoriseRun& run = m.runs[k];
        nn::Json train = nn::Json::array(), test = nn::Json::array();
        for (float y : run.train_percent.y) train.push_back(nn::json_number(y));
        for (float y : run.test_percent.y) test.push_back(nn::json_number(y));
        runs.push_back({{"labels", k == 0 ? "true" : "shuffled"}, {"trainPercent", train}, {"testPercent", test}});
    }
    state["memorise"] = {{"running", m.running},
                         {"done", m.done},
                         {"seed", m.seed},
                         {"epochs", m.runs[1].trainer.progress.epochs},
                         {"runs", runs}};
}
