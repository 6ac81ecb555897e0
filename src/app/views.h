// views.h: the GL-side resources of the panels: textures of the pad, of the 28x28 input and of
// the picked neuron's weight image, and the network view's framebuffer. Refreshed from App when
// the version numbers they were made from change.
#pragma once
#include "network_scene.h"
#include "render/network_view.h"
#include "render/texture.h"
#include <cstdint>
#include <string>

struct NeuronKey {
    int layer = -1, neuron = -1;
    int64_t net_version = -1;
    bool operator==(const NeuronKey& o) const {
        return layer == o.layer && neuron == o.neuron && net_version == o.net_version;
    }
};

struct Views {
    Texture pad, input, neuron;
    int pad_version = -1;        // Pad::version the pad texture shows
    int input_version = -1;      // Input::for_pad_version * 2 + for_recipe_on: what the 28x28 shows
    NeuronKey neuron_key;        // whose weight image the neuron texture shows
    float neuron_max = 0;        // max |w| of the picked neuron's image
    Texture weights[16];         // lesson 1: the first layer's weight images
    Texture top[8];              // lesson 1: the test images exciting the picked neuron
    int64_t weights_for = -1;    // net_version of weights[]
    Texture batch_digits[8];     // lesson 3: the mini-batch's images
    Texture batch_nudges[9];     // lesson 3: each one's weight nudges into a neuron, then their average
    std::string batch_key;       // what batch_nudges show
    std::vector<int> top_shown;  // which test images top[] holds
    Texture hand;                // lesson 1: the hand-made neuron's weights
    int hand_version = -1;       // HandLesson::version it shows
    Texture hand_top[8];         // ...the test images exciting it most
    std::vector<int> hand_top_shown;
    Texture hand_placed, hand_now;  // ...as it went into the network, and that neuron now
    int64_t hand_placed_for = -1, hand_now_for = -1;
    NetworkView network;
    bool network_ok = false;
    std::string drawn_key;       // what the network view's texture shows (skip redrawing it)
    double drawn_at = 0;         // when (platform::now_seconds())
    double redraw_interval = 0;  // while training: seconds between redraws (adapts)
    int redraw_parts = 1;        // while training: frames a redraw is spread over (adapts, 1-16)
    int calm_redraws = 0;        // redraws in a row with frames at the idle rate
    NetworkLayout layout;
    std::vector<EdgeInstance> edges;
    std::vector<NodeInstance> nodes;
};
