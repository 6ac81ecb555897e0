// knobs.js: the page around the app. It creates Emscripten's Module (before knobs-app.js
// loads), turns pointer and touch events into knobs_pointer() calls, fetches the data sets and
// models the app asks for, saves and opens files, keeps the ARIA live region, and, once the app
// has drawn its first frames, publishes window.knobs, the API for host pages and tests:
//
//   knobs.prediction()  -> {digit, probabilities, empty}   the current guess for the pad
//   knobs.clear()                                          empties the pad
//   knobs.drawPadRect() -> {x, y, width, height} | null    the pad, CSS pixels of this page's viewport
//                                                          (null while another tab hides it)
//   knobs.step(kind)    -> boolean                         kind: 'example' | 'minibatch' | 'epoch'
//   knobs.state()       -> {examples, minibatches, epochs, lastCost, testAccuracy, model, architecture, ...}
//   knobs.play(on)                                         starts / pauses training (the Play button)
//   knobs.newRandomStart() -> boolean                      the "New random start" button
//   knobs.controlRect(label) -> {x, y, width, height, enabled, visible, column} | null   where a button is (CSS px)
//   knobs.controls()    -> [{label, x, y, width, height, enabled, visible, column}]   every control on screen this
//                                                          frame (visible: not scrolled out of its column;
//                                                          column: "left", "middle", "right" or "")
//   knobs.neuronRect(layer, i) -> {x, y, width, height} | null   a neuron in the network view
//                                                          (layer 0 = the 784 inputs)
//   knobs.setParams(query)                                 the URL's settings, e.g. 'lesson=2&lr=0.1'
//   knobs.share()       -> {url, query, exact, why}        the Share link for the current setup
//   knobs.describe()    -> string                          the network's state in words
//   knobs.useTrainingWorker(on)                            Play on the worker (default) or in the page's
//                                                          frames (tests and benchmarks compare the two)
//
// A 'knobs-ready' event fires on window when window.knobs exists; 'knobs-event' events (detail:
// {type: 'knobs:guess' | 'knobs:epoch' | 'knobs:ready', ...}) follow what happens.
//
// The postMessage API (a course page with Knobs in an iframe; embed.html shows it in use):
//   to Knobs:   {type: 'knobs:set', params: 'lesson=2&lr=0.1'}   (or params as an object)
//               {type: 'knobs:get'}                              -> a 'knobs:state' reply
//   from Knobs: {type: 'knobs:ready'}, {type: 'knobs:guess', digit, probabilities, empty},
//               {type: 'knobs:epoch', epochs, examples, testAccuracy, cost},
//               {type: 'knobs:state', state}, {type: 'knobs:set-done', pageNote}
// Messages are taken only from the page Knobs is embedded in (window.parent), can change only what
// the URL could, and carry no secrets.
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  const status = document.getElementById('status');
  const errorBox = document.getElementById('error');

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = false;
    document.getElementById('loading').classList.add('done');
  }

  // [SECTION] Emscripten's Module
  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onAbort: (what) => showError('Knobs stopped: ' + what + '\nReload the page to start again.'),
  };
  if (!window.WebAssembly || !window.WebGL2RenderingContext) {
    showError('Knobs needs WebAssembly and WebGL2, which this browser does not offer. ' +
              'Any current Chrome, Edge, Firefox or Safari (16.4+) has both.');
  }

  function withBytes(bytes, fn) {
    const ptr = Module._malloc(Math.max(1, bytes.length));
    Module.HEAPU8.set(bytes, ptr);
    try { fn(ptr, bytes.length); } finally { Module._free(ptr); }
  }

  // (No inline handler in index.html: a strict Content-Security-Policy refuses them.)
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  // [SECTION] Offline: a service worker (sw.js) keeps this build's files and every data set and
  // model the page fetched. Nothing waits for it: on a first visit the data start at once, and
  // what was fetched before the worker took control is handed to it to keep once it does
  // (keep(); so is every later fetch, which costs the worker a cache lookup where its fetch
  // handler kept the file already). Where a host forbids it (an iframe sandboxed without
  // allow-same-origin, where even reading navigator.serviceWorker throws; storage switched off;
  // file:// pages) Knobs works the same, online only, and says so in the console.
  function onlineOnly(why) {
    console.info(`Knobs works online only here: ${why}`);
  }
  function serviceWorkers() {
    try {
      if (!location.protocol.startsWith('http')) return null;
      return navigator.serviceWorker || null;
    } catch (err) {
      return null;
    }
  }
  const workers = serviceWorkers();
  if (!workers) onlineOnly('this page may not use a service worker');
  // Registering never holds anything up: offline it may neither resolve nor fail.
  const fetched = new Set();  // every data set and model file fetched (absolute URLs), for keep()
  function keep(urls) {
    const sw = workers && workers.controller;
    if (sw && urls.length) sw.postMessage({ type: 'keep', urls });
  }
  function fetchedOne(url) {
    fetched.add(url);
    keep([url]);
  }
  if (workers) {
    Promise.resolve()
      .then(() => workers.register('sw.js', { updateViaCache: 'none' }))
      .then((registration) => {
        // Ask for a new build at every load (Chrome may skip its own check after a navigation):
        // a new sw.js is a new build, installed beside this one and taking over once complete.
        if (registration && registration.update) registration.update().catch(() => {});
      }).catch((err) => onlineOnly(String(err.message || err)));
    workers.addEventListener('controllerchange', () => keep([...fetched]));
  }

  // [SECTION] Storage (storageWrite / storageRead).
  // Why the browser refused its storage, in a student's words (a sandboxed frame without
  // allow-same-origin, blocked site data or a private window throw SecurityError on access).
  function storageRefusal(err) {
    if (err && (err.name === 'QuotaExceededError' || err.code === 22))
      return "the browser's storage for this page is full";
    if (err && err.name === 'SecurityError')
      return 'this page may not keep anything in the browser (its host or the browser settings forbid it)';
    return `the browser refused its storage (${(err && err.message) || err})`;
  }

  // [SECTION] Copying without the clipboard API (copyText's fallbacks).
  function copyByCommand(text) {
    const area = document.createElement('textarea');
    area.value = text;
    area.readOnly = true;
    area.className = 'offscreen';
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try { copied = document.execCommand('copy'); } catch (err) { copied = false; }
    area.remove();
    canvas.focus();
    return copied;
  }
  function showToCopy(text) {
    let box = document.getElementById('to-copy');
    if (!box) {
      box = document.createElement('div');
      box.id = 'to-copy';
      const label = document.createElement('label');
      label.textContent = 'Copy this link (Ctrl+C, or press and hold):';
      const field = document.createElement('input');
      field.readOnly = true;
      field.addEventListener('focus', () => field.select());
      label.appendChild(field);
      const close = document.createElement('button');
      close.textContent = 'Close';
      close.addEventListener('click', () => { box.hidden = true; canvas.focus(); });
      box.append(label, close);
      document.body.appendChild(box);
    }
    box.hidden = false;
    const field = box.querySelector('input');
    field.value = text;
    field.focus();
    field.select();
  }

  // [SECTION] Data and models. The data sets are fetched in the order asked (labels, then images;
  // the test set first), all asked at once so that each download starts the moment one before it
  // is in: two at a time in the data worker, one at a time where the page does it itself. The training images come in parts of 10,000
  // (data/parts.json names them), each handed to the app as it lands: Play trains on the first
  // 10,000 while the rest load. Fetching and un-gzipping happen in data-worker.js, off this
  // thread, which may be busy drawing; where a host refuses workers, here.
  // (A host that serves .gz files with Content-Encoding: gzip has the browser un-gzip them
  // already: only bytes that still start with gzip's magic 1f 8b are un-gzipped here.)
  async function fetchBytes(url, gunzip) {
    const response = await fetch(url, { signal: AbortSignal.timeout(300000) });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!gunzip || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  const decoder = { worker: null, next: 1, jobs: new Map() };
  function decoderFailed(why) {
    if (!decoder.worker) return;
    console.info(`Knobs un-gzips its data on the page's thread here: its data worker ${why}`);
    decoder.worker.terminate();
    decoder.worker = null;
    for (const job of decoder.jobs.values()) job.here();  // (those asked already: fetched here instead)
    decoder.jobs.clear();
  }
  try {
    if (window.Worker && window.DecompressionStream) {
      decoder.worker = new Worker('data-worker.js');
      decoder.worker.addEventListener('message', (e) => {
        const job = decoder.jobs.get(e.data.id);
        if (!job) return;
        decoder.jobs.delete(e.data.id);
        if (e.data.error) job.reject(new Error(e.data.error));
        else job.resolve(new Uint8Array(e.data.bytes));
      });
      decoder.worker.addEventListener('error', (e) => {
        e.preventDefault();
        decoderFailed(`stopped (${e.message || 'it could not be loaded'})`);
      });
    }
  } catch (err) {
    decoder.worker = null;  // (an iframe sandboxed without allow-same-origin: no workers at all)
  }
  function fetchData(path) {
    return fetchDataOnce(path).then((bytes) => {
      fetchedOne(new URL(path, location.href).href);
      return bytes;
    });
  }
  let line = Promise.resolve();  // (here: the download before this one)
  function fetchDataOnce(path) {
    if (!decoder.worker) {
      const got = line.then(() => fetchBytes(path, true));
      line = got.catch(() => {});
      return got;
    }
    return new Promise((resolve, reject) => {
      const id = decoder.next++;
      decoder.jobs.set(id, { resolve, reject, here: () => fetchBytes(path, true).then(resolve, reject) });
      decoder.worker.postMessage({ id, url: new URL(path, location.href).href });
    });
  }
  // (Fetched as the page starts, while the app's wasm downloads: the app's first ask finds it here.)
  const partsList = fetch('data/parts.json').then((r) => {
    if (!r.ok) return {};
    fetchedOne(r.url);
    return r.json();
  }).catch(() => ({}));
  function partsOf(name) {
    return partsList.then((all) => (all && Array.isArray(all[name]) ? all[name] : [{ file: `${name}.idx.gz`, first: 0 }]));
  }
  async function fetchParts(name) {
    const parts = await partsOf(name);
    const coming = parts.map((part) => fetchData(`data/${part.file}`));
    coming.forEach((c) => c.catch(() => {}));  // (after a failed part the rest are not delivered)
    for (let i = 0; i < parts.length; i++) {
      let bytes;
      try {
        bytes = await coming[i];
      } catch (err) {
        deliver('knobs_on_data', name, null, String(err.message || err), parts[i].first);
        return;  // (the app keeps the parts that came, and says so)
      }
      deliver('knobs_on_data', name, bytes, null, parts[i].first);
    }
  }
  function deliver(fnName, name, bytes, error, first) {
    const types = ['string', 'number', 'number', 'string'].concat(first === undefined ? [] : ['number']);
    const extra = first === undefined ? [] : [first];
    if (error) {
      Module.ccall(fnName, null, types, [name, 0, 0, error].concat(extra));
      return;
    }
    withBytes(bytes, (ptr, size) => Module.ccall(fnName, null, types, [name, ptr, size, ''].concat(extra)));
  }

  // [SECTION] Training worker (training-worker.js): Play trains there, off this thread. It starts
  // once the app has drawn its first frames: its module compiles while the data load, long before
  // Play can train (started with the page, it took CPU from the first frame). Where a host forbids
  // workers (an iframe sandboxed without allow-same-origin, a CSP that refuses workers) or the
  // worker fails, Play trains in the page's frames, as it always did: the app asks
  // trainingAvailable() every frame and takes a run back from its last report if the worker goes
  // away.
  const training = { worker: null, failed: false, gen: 0, reports: [], asked: false, useWorker: true };
  function trainingFailed(why) {
    if (training.failed) return;
    training.failed = true;
    console.info(`Knobs trains in the page's frames here: its worker ${why}`);
    if (training.worker) training.worker.terminate();
  }
  function startTrainingWorker() {
    try {
      if (window.Worker && window.WebAssembly) {
        training.worker = new Worker('training-worker.js');
        training.worker.addEventListener('message', (e) => {
          const m = e.data;
          if (m.type === 'failed') trainingFailed(`could not start (${m.why})`);
          else if (m.type === 'report' && m.gen === training.gen) {
            training.reports.push(new Uint8Array(m.bytes));
            training.asked = false;
          }
        });
        training.worker.addEventListener('error', (e) => {
          e.preventDefault();
          trainingFailed(`stopped (${e.message || 'it could not be loaded'})`);
        });
      } else {
        trainingFailed('cannot run in this browser');
      }
    } catch (err) {
      trainingFailed(`is not allowed here (${err.message || err})`);
    }
  }

  // [SECTION] Pointer and touch: every event, in order, in backbuffer pixels.
  function toBackbuffer(e) {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height];
  }
  // One pointer at a time (the first finger; a second one is ignored), left button only.
  let pointerDown = false;
  let activePointer = null;
  // In an iframe a finger landing outside the finger regions may be starting a scroll of the
  // course page (the browser decides after a few pixels, with pointercancel): the app sees its
  // press only after 120 ms, or at once when it lifts (a tap), never if it turns into a scroll.
  let held = null;  // {events: [[x, y, down, touch], ...], timer}
  function send(x, y, down, touch) {
    if (held) held.events.push([x, y, down, touch]);
    else Module._knobs_pointer(x, y, down, touch);
  }
  function releaseHeld() {
    if (!held) return;
    const { events, timer } = held;
    held = null;
    clearTimeout(timer);
    for (const ev of events) Module._knobs_pointer(...ev);
  }
  // The focus ring shows while the keyboard is in use, not after a click (style.css).
  addEventListener('keydown', () => document.body.classList.add('keyboard'), true);
  addEventListener('pointerdown', () => document.body.classList.remove('keyboard'), true);
  function onPointer(e) {
    if (!Module._knobs_pointer) return;
    const touch = e.pointerType === 'touch' || e.pointerType === 'pen';
    if (e.type === 'pointerdown') {
      if (activePointer !== null || e.button !== 0) { if (touch) e.preventDefault(); return; }
      activePointer = e.pointerId;
      pointerDown = true;
      canvas.setPointerCapture(e.pointerId);
      canvas.focus({ preventScroll: true });
      if (touch && embedded && e.currentTarget === canvas) held = { events: [], timer: setTimeout(releaseHeld, 120) };
    } else if (activePointer !== null && e.pointerId !== activePointer) {
      return;
    } else if (e.type === 'pointercancel') {
      // The browser took the gesture (a page scroll or zoom): the finger leaves, nothing is pressed.
      if (held) { clearTimeout(held.timer); held = null; }
      pointerDown = false;
      activePointer = null;
      Module._knobs_pointer(-1e6, -1e6, 0, touch ? 1 : 0);
      return;
    } else if (e.type === 'pointerup') {
      pointerDown = false;
      activePointer = null;
    } else if (e.type === 'pointerleave' && e.currentTarget !== canvas) {
      return;  // from a finger region onto the canvas (or back): the pointer is still over the app
    } else if (e.type === 'pointerleave') {
      // A mouse that leaves hovers nothing. (A lifted finger also "leaves", right after its
      // pointerup: the app must still see where it was, so the tap lands: it hides it itself.)
      if (!pointerDown && !touch) Module._knobs_pointer(-1e6, -1e6, 0, 0);
      return;
    }
    const events = e.type === 'pointermove' && e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const ev of events.length ? events : [e]) {
      const [x, y] = toBackbuffer(ev);
      send(x, y, pointerDown ? 1 : 0, touch ? 1 : 0);
    }
    if (e.type === 'pointerup') releaseHeld();  // a tap: its press and release, in order
    if (touch) e.preventDefault();
  }
  const POINTER_EVENTS = ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'pointerleave'];
  for (const type of POINTER_EVENTS) canvas.addEventListener(type, onPointer, { passive: false });

  // In an iframe, the course page keeps its scrolling and zoom: the canvas lets vertical pans and
  // pinches through (style.css), and divs with touch-action: none cover only what a finger drags
  // in the app (the pad, scrollbars), updated as the layout moves. A finger the browser takes for
  // a page scroll ends in pointercancel: the app sees it leave, so no button under it fires.
  const embedded = window.parent !== window;
  const fingers = [];
  function placeFingerRegions() {
    if (!Module._knobs_finger_regions_json) return;
    const r = canvas.getBoundingClientRect();
    const regions = JSON.parse(Module.ccall('knobs_finger_regions_json', 'string', ['number'], [r.width / canvas.width]));
    while (fingers.length < regions.length) {
      const div = document.createElement('div');
      div.className = 'finger';
      for (const type of POINTER_EVENTS) div.addEventListener(type, onPointer, { passive: false });
      div.addEventListener('contextmenu', (e) => e.preventDefault());
      // A press here never starts the browser's drag and drop: a drag begun on the div (with
      // anything selected in the frame) took the pointer from a stroke after its first move.
      div.addEventListener('dragstart', (e) => e.preventDefault());
      // The wheel belongs to the canvas under the div: passed on, and the page scrolls only if
      // the app did not take it.
      div.addEventListener('wheel', (e) => {
        const copy = new WheelEvent('wheel', { deltaX: e.deltaX, deltaY: e.deltaY, deltaMode: e.deltaMode, clientX: e.clientX,
                                               clientY: e.clientY, bubbles: true, cancelable: true });
        if (!canvas.dispatchEvent(copy)) e.preventDefault();
      }, { passive: false });
      canvas.parentNode.appendChild(div);
      fingers.push(div);
    }
    fingers.forEach((div, i) => {
      const g = regions[i];
      div.hidden = !g;
      if (g) Object.assign(div.style, { left: `${g.x}px`, top: `${g.y}px`, width: `${g.width}px`, height: `${g.height}px` });
    });
  }
  if (embedded) document.body.classList.add('embedded');

  // Emscripten 3.1.6's GLFW swallows Tab and Backspace page-wide (preventDefault on window):
  // let Tab leave the canvas so the keyboard is never trapped.
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Tab' || e.target !== canvas) e.stopImmediatePropagation();
  }, true);

  // [SECTION] The postMessage API and reduced motion
  const early = [];  // messages that came before the app was ready
  function onMessage(e) {
    const d = e.data;
    if (!d || typeof d !== 'object' || typeof d.type !== 'string' || !d.type.startsWith('knobs:')) return;
    if (window.parent === window || e.source !== window.parent) return;  // only the page Knobs is embedded in
    if (!window.knobs) { if (early.length < 20) early.push(e); return; }
    const reply = (msg) => { if (e.source && e.source.postMessage) e.source.postMessage(msg, e.origin === 'null' ? '*' : e.origin); };
    if (d.type === 'knobs:set') {
      const query = typeof d.params === 'string' ? d.params : new URLSearchParams(d.params || {}).toString();
      window.knobs.setParams(query);
      reply({ type: 'knobs:set-done', pageNote: window.knobs.state().pageNote });
    } else if (d.type === 'knobs:get') {
      reply({ type: 'knobs:state', state: window.knobs.state() });
    }
  }
  window.addEventListener('message', onMessage);
  const reducedMotion = window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
  function tellReducedMotion() {
    if (reducedMotion && Module._knobs_set_reduced_motion) Module._knobs_set_reduced_motion(reducedMotion.matches ? 1 : 0);
  }
  if (reducedMotion && reducedMotion.addEventListener) reducedMotion.addEventListener('change', tellReducedMotion);

  // [SECTION] What the app calls (src/platform/platform_web.cpp)
  window.knobsPage = {
    requestData(name) {
      // Each file is delivered once: a failed fetch as an error, a fetched one as bytes.
      fetchParts(name).catch((err) => console.error('Knobs could not load its data:', err));
    },
    requestModel(name) {
      // Beside the data's line: a student waiting for a model should not wait for 60,000 images.
      // Delivered as "models/NAME.knobs": the app tells a requested model from an upload by the '/'.
      fetchBytes(`models/${name}.knobs`, false).then(
        (bytes) => {
          fetchedOne(new URL(`models/${name}.knobs`, location.href).href);
          deliver('knobs_on_model_file', `models/${name}.knobs`, bytes, null);
        },
        (err) => deliver('knobs_on_model_file', `models/${name}.knobs`, null, String(err.message || err)));
    },
    saveFile(name, bytes) {
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name.replace(/[^\w.\- ]+/g, '_');
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
    chooseFile() {
      const input = document.createElement('input');
      input.type = 'file';
      // A model, or your own digits' two IDX files (chosen together or one after the other).
      input.accept = '.knobs,.npz,.idx3-ubyte,.idx1-ubyte,application/octet-stream';
      input.multiple = true;
      input.addEventListener('change', async () => {
        for (const file of Array.from(input.files || [])) {
          try {
            deliver('knobs_on_model_file', file.name, new Uint8Array(await file.arrayBuffer()), null);
          } catch (err) {
            deliver('knobs_on_model_file', file.name, null, String(err.message || err));
          }
        }
      });
      input.click();
    },
    // Play's training worker (src/platform/platform_web.cpp: training_thread_*).
    trainingAvailable() { return !!training.worker && !training.failed && training.useWorker; },
    trainingData(which, first, count, rows, cols, classes, fullCount, pixels, labels) {
      training.worker.postMessage({ type: 'data', which, first, count, rows, cols, classes, fullCount, pixels: pixels.buffer,
        labels: labels.buffer }, [pixels.buffer, labels.buffer]);
    },
    trainingStart(run, limits, hasTest) {
      training.gen++;
      training.reports.length = 0;
      training.asked = false;
      training.worker.postMessage({ type: 'start', gen: training.gen, run: run.buffer, limits, hasTest }, [run.buffer]);
    },
    // The next report that came (bytes) or null; asks for the next one (one per frame at most).
    trainingTake() {
      if (!training.asked && !training.failed) {
        training.worker.postMessage({ type: 'want', gen: training.gen });
        training.asked = true;
      }
      return training.reports.shift() || null;
    },
    // Reports that already came can still be taken; later ones are dropped (their gen is old).
    trainingStop() {
      training.gen++;
      if (!training.failed) training.worker.postMessage({ type: 'stop' });
    },
    announce(text) { status.textContent = text; },
    // A few named bytes kept between visits (platform.h: storage_*), as a string of one character
    // per byte in localStorage (written in one setItem: all or nothing). '' or why it could not.
    storageWrite(name, bytes) {
      try {
        let text = '';
        for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
        window.localStorage.setItem(`knobs-${name}`, text);
        return '';
      } catch (err) {
        return storageRefusal(err);
      }
    },
    storageRead(name) {
      try {
        const text = window.localStorage.getItem(`knobs-${name}`);
        if (text === null) return { bytes: null };
        const bytes = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 255;
        return { bytes };
      } catch (err) {
        return { error: storageRefusal(err) };
      }
    },
    copyText(text) {
      // The clipboard API where the page may use it (https and localhost pages, iframes with
      // allow="clipboard-write"); else the older copy command, which a click still allows in a
      // sandboxed iframe; else the text in a box of the page's own, where the browser's copy
      // (Ctrl+C, a long press) works. False when it was not copied now; a later refusal of the
      // clipboard API falls back the same way and tells the app (knobs_on_copy_failed).
      const fallback = () => {
        if (copyByCommand(text)) return true;
        showToCopy(text);
        return false;
      };
      try {
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).catch(() => {
            if (!fallback()) Module.ccall('knobs_on_copy_failed', null, [], []);
          });
          return true;
        }
      } catch (err) { /* no clipboard API here */ }
      return fallback();
    },
    postEvent(type, json) {
      let detail;
      try { detail = Object.assign({ type: 'knobs:' + type }, JSON.parse(json)); } catch (err) { detail = { type: 'knobs:' + type }; }
      window.dispatchEvent(new CustomEvent('knobs-event', { detail }));
      if (window.parent !== window) window.parent.postMessage(detail, '*');
    },
    ready() {
      document.getElementById('loading').classList.add('done');
      startTrainingWorker();
      const json = (fn, ...args) => JSON.parse(Module.ccall(fn, 'string', args.map((a) => typeof a === 'number' ? 'number' : 'string'), args));
      window.knobs = {
        prediction: () => json('knobs_prediction_json'),
        clear: () => { Module.ccall('knobs_clear', null, [], []); },
        drawPadRect: () => {
          const r = canvas.getBoundingClientRect();
          const pad = json('knobs_pad_rect_json', r.width / canvas.width);
          return pad && { x: r.left + pad.x, y: r.top + pad.y, width: pad.width, height: pad.height };
        },
        neuronRect: (layer, index) => {
          const r = canvas.getBoundingClientRect();
          const n = json('knobs_neuron_rect_json', Number(layer) | 0, Number(index) | 0, r.width / canvas.width);
          return n && { x: r.left + n.x, y: r.top + n.y, width: n.width, height: n.height };
        },
        controlRect: (label) => {
          const r = canvas.getBoundingClientRect();
          const c = json('knobs_control_rect_json', String(label), r.width / canvas.width);
          return c && { x: r.left + c.x, y: r.top + c.y, width: c.width, height: c.height, enabled: c.enabled, visible: c.visible, column: c.column };
        },
        controls: () => {
          const r = canvas.getBoundingClientRect();
          return json('knobs_controls_json', r.width / canvas.width).map((c) => ({ ...c, x: r.left + c.x, y: r.top + c.y }));
        },
        step: (kind) => Module.ccall('knobs_step', 'number', ['string'], [String(kind)]) === 1,
        state: () => json('knobs_state_json'),
        play: (on) => { Module.ccall('knobs_play', null, ['number'], [on === undefined || on ? 1 : 0]); },
        newRandomStart: () => Module.ccall('knobs_new_random_start', 'number', [], []) === 1,
        setParams: (query) => { Module.ccall('knobs_set_params', null, ['string'], [String(query).slice(0, 4096)]); },
        share: () => json('knobs_share_json'),
        describe: () => Module.ccall('knobs_describe', 'string', [], []),
        // Tests and benchmarks: Play in the page's frames (false) or on the worker (true, the default).
        useTrainingWorker: (on) => { training.useWorker = !!on; },
      };
      tellReducedMotion();
      if (embedded) setInterval(placeFingerRegions, 250);
      window.dispatchEvent(new Event('knobs-ready'));
      this.postEvent('ready', '{}');
      for (const e of early.splice(0)) onMessage(e);
    },
  };
})();
