// training-worker.js: Play's training, off the page's thread. A classic Web Worker (a module
// worker would need more of the browser) running knobs-worker.wasm, the core compiled on its own
// (src/platform/training_worker.cpp has the protocol). No SharedArrayBuffer: everything crosses
// as transferred ArrayBuffers, so any host works, without COOP/COEP headers.
//
// From the page:  {type: 'data', which, first, count, rows, cols, classes, fullCount, pixels, labels}
//                 (examples [first, count): first > 0 when a set still arriving grows; a run
//                 here goes on, drawing from them too)
//                 {type: 'start', gen, run, limits: [4 numbers], hasTest}
//                 {type: 'want', gen}     (the page's frame is ready for the next report)
//                 {type: 'stop'}
// To the page:    {type: 'ready'} | {type: 'failed', why} | {type: 'report', gen, bytes}
//
// Slices are chained through a MessageChannel, not setTimeout (clamped to 4 ms and more when
// nested) nor a loop (the page's 'stop' and 'want' must get in between slices).
'use strict';
const SLICE_MS = 15;
let mod = null;
const early = [];  // messages that came before the module was ready
let gen = 0;       // the page's tag for the run here: its reports carry it
let running = false;
let hasTest = false;
let wanted = false;  // the page asked for a report and has not had one since

const chain = new MessageChannel();
let scheduled = false;
chain.port1.onmessage = () => { scheduled = false; slice(); };
function schedule() {
  if (!scheduled) { scheduled = true; chain.port2.postMessage(0); }
}


function sendReport() {
  const size = mod._worker_take();
  if (size <= 0) return;
  const at = mod._worker_report_bytes();
  const bytes = mod.HEAPU8.slice(at, at + size);
  wanted = false;
  postMessage({ type: 'report', gen, bytes: bytes.buffer }, [bytes.buffer]);
}

function slice() {
  if (!running) return;
  running = mod._worker_slice(SLICE_MS, hasTest ? 1 : 0) === 1;
  if (wanted || !running) sendReport();  // (a run that stopped by itself is sent unasked)
  if (running) schedule();
}

function setData(m) {
  if (mod._worker_data_begin(m.which, m.first, m.count, m.rows, m.cols, m.classes, m.fullCount) === 0) {
    mod.HEAPU8.set(new Uint8Array(m.pixels), mod._worker_data_pixels(m.which, m.first));  // (HEAPU8 again: memory may have grown)
    mod.HEAPU8.set(new Uint8Array(m.labels), mod._worker_data_labels(m.which, m.first));
  }
  const end = mod._worker_data_end(m.which);  // 1: a run here goes on, on the grown set
  if (end < 0) console.warn('Knobs training worker: data set refused');
  if (end !== 1 && running) { running = false; sendReport(); }  // (its report says why, if it has to)
}

function start(m) {
  gen = m.gen;
  hasTest = !!m.hasTest;
  wanted = false;
  const run = new Uint8Array(m.run);
  const at = mod._worker_alloc(run.length);
  mod.HEAPU8.set(run, at);
  const [stopAtMinibatch, stopAfterEpoch, nextTestAt, testEvery] = m.limits;
  running = mod._worker_start(at, run.length, stopAtMinibatch, stopAfterEpoch, nextTestAt, testEvery) === 0;
  if (running) schedule();
  else sendReport();  // why it could not start
}

function handle(m) {
  if (m.type === 'data') setData(m);
  else if (m.type === 'start') start(m);
  else if (m.type === 'stop') { running = false; mod._worker_stop(); }
  else if (m.type === 'want' && m.gen === gen) { wanted = true; sendReport(); }
}

self.onmessage = (e) => {
  const m = e.data;
  if (!m || typeof m !== 'object') return;
  if (mod) handle(m);
  else early.push(m);
};

try {
  importScripts('knobs-worker.js');
  KnobsWorker({ printErr: (text) => console.warn(text) }).then((m) => {
    mod = m;
    postMessage({ type: 'ready' });
    for (const msg of early.splice(0)) handle(msg);
  }, (err) => postMessage({ type: 'failed', why: String((err && err.message) || err) }));
} catch (err) {
  postMessage({ type: 'failed', why: String((err && err.message) || err) });
}
