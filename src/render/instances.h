// instances.h: what the network view draws, one record per edge and per neuron (node.vert reads
// a NodeInstance per instance; render/network_view.cpp copies each EdgeInstance to its quad's 4
// vertices for edge.vert, which SwiftShader draws far faster than instances). No GL here, so the
// code that fills them (app/network_scene.cpp) is tested without a GPU.
#pragma once

struct EdgeInstance {
    float x0, y0, x1, y1;  // view pixels, y down
    float weight;          // weight / max |weight| of its layer, in [-1, 1]
    float emphasis;        // 1: an edge of the hovered neuron
};

struct NodeInstance {
    float x, y, radius;  // view pixels
    float value;         // brightness 0..1 (the activation)
    float square;        // 1: an input pixel
    float emphasis;      // 1: the hovered neuron
};

struct Rgb {
    float r, g, b;
};
