#!/usr/bin/env node
// bench/app_bench.mjs: the app's headline figure, measured in a real browser (headless Chromium).
// From a fresh random start of the videos' 784-16-16-10 network with the app's default ("Fast")
// preset, how long after pressing Play does the test accuracy (all 10,000 test images, measured
// by the app every 10,000 training examples) pass 95%? And does the page stay responsive meanwhile: the
// intervals between animation frames while training, as a ratio to the same page idle with every
// frame drawn (measured in the same run: these machines are noisy, and headless Chromium draws
// WebGL on the CPU; an idle page as the app runs it draws only frames that show something new,
// so its intervals are the browser's own: its CPU is reported instead).
// Each run plays twice from the same start: in the training worker (the app's default) and in
// the page's frames (where a host forbids workers), so their ratio is measured on one machine
// state. Peak memory: the JS heap (performance.memory) and the app's wasm memory. And what one
// full redraw of the network view (all 12,960 edges, GPU included) costs, against the idle frame.
//
//   node bench/app_bench.mjs SITE_DIR [--runs N] [--seconds S]
import fs from 'node:fs';
import { serve } from '../scripts/serve.mjs';
import { launch, openApp } from '../tests/e2e/browser.mjs';

const args = process.argv.slice(2);
const site = args[0] || 'build/wasm/site';
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 3);
const limit = Number(args.includes('--seconds') ? args[args.indexOf('--seconds') + 1] : 30);

// Frame intervals (ms) over `ms` milliseconds, from requestAnimationFrame timestamps in the page.
async function frameIntervals(page, ms) {
  return page.evaluate((ms) => new Promise((resolve) => {
    const times = [];
    const end = performance.now() + ms;
    function tick(t) {
      times.push(t);
      if (t < end) requestAnimationFrame(tick);
      else resolve(times.slice(1).map((x, i) => x - times[i]));
    }
    requestAnimationFrame(tick);
  }), ms);
}
// CPU seconds used so far by the browser (every process below this one: Chromium and its
// renderer, GPU and utility processes; Linux /proc, 0 elsewhere): what the page costs the
// machine, the GPU process's CPU drawing included.
function browserCpuSeconds() {
  let total = 0;
  const children = (p) => {
    try {
      return fs.readdirSync(`/proc/${p}/task`).flatMap((task) =>
        fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim().split(' ').filter(Boolean));
    } catch { return []; }  // gone, or not Linux
  };
  const visit = (p) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      total += (Number(stat[11]) + Number(stat[12])) / 100;  // utime + stime, in USER_HZ (100) ticks
    } catch { return; }
    children(p).forEach(visit);
  };
  children(process.pid).forEach(visit);
  return total;
}
// The frame intervals over `ms`, the cores the browser used meanwhile, and the frames the app drew.
async function idleFrames(page, ms) {
  const drawn = await page.evaluate(() => Module._knobs_frames_drawn());
  const cpu = browserCpuSeconds(), start = Date.now();
  const intervals = await frameIntervals(page, ms);
  return { intervals, cores: (browserCpuSeconds() - cpu) / ((Date.now() - start) / 1000),
           drawn: await page.evaluate(() => Module._knobs_frames_drawn()) - drawn };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length * 0.95)] : NaN; };

const { server, url } = await serve(site);
const browser = await launch();
const results = [];
try {
  for (let run = 0; run < runs; run++) {
    for (const mode of ['worker', 'frame']) {
      const { context, page, errors } = await openApp(browser, url);
      await page.waitForFunction(() => knobs.state().trainReady && knobs.state().testReady, null, { timeout: 120000 });
      await page.evaluate((on) => knobs.useTrainingWorker(on), mode === 'worker');
      // Idle as the app runs (a frame that would show the same pixels is not drawn), then idle
      // with every frame drawn: the baseline for frames while training, which all show something new.
      const asIs = await idleFrames(page, 2000);
      await page.evaluate(() => Module._knobs_draw_every_frame(1));
      const drawing = await idleFrames(page, 2000);
      await page.evaluate(() => Module._knobs_draw_every_frame(0));
      const idle = drawing.intervals;
      const redraw = await page.evaluate(() => Module._knobs_time_view_redraw(5));
      await page.evaluate(() => { knobs.newRandomStart(); knobs.play(true); });
      const start = Date.now();
      const training = frameIntervals(page, 4000);
      let reached = null, state, jsHeap = 0, wasmMemory = 0;
      while (Date.now() - start < limit * 1000) {
        await page.waitForTimeout(200);
        state = await page.evaluate(() => knobs.state());
        const memory = await page.evaluate(() => [performance.memory ? performance.memory.usedJSHeapSize : 0, Module.HEAPU8.length]);
        jsHeap = Math.max(jsHeap, memory[0]);
        wasmMemory = Math.max(wasmMemory, memory[1]);
        const hit = state.testLog.find((r) => r.accuracy >= 0.95 && r.secondsAfterPlay !== null);
        if (hit) { reached = hit; break; }
      }
      const busy = await training;
      await page.evaluate(() => knobs.play(false));
      results.push({ mode, reached, state, idle, busy, jsHeap, wasmMemory, redraw, parts: state.viewRedrawParts,
                     idleCores: asIs.cores, idleDrawnShare: asIs.drawn / asIs.intervals.length, drawingCores: drawing.cores });
      if (process.env.KNOBS_BENCH_VERBOSE) console.log(JSON.stringify(state.testLog));
      const sincePlay = (Date.now() - start) / 1000;
      const r = reached ? `${reached.secondsAfterPlay.toFixed(2)} s (${reached.examples} examples, ${(100 * reached.accuracy).toFixed(2)}%)`
                        : `not within ${limit} s (best ${(100 * Math.max(...state.testLog.map((x) => x.accuracy))).toFixed(2)}%)`;
      const where = mode === 'worker' ? `in the worker (${state.threadRuns} run${state.threadRuns === 1 ? '' : 's'} handed out)`
                                      : `in the frame (training ran ${(100 * state.trainingSecondsSincePlay / sincePlay).toFixed(0)}% of the time)`;
      console.log(`run ${run + 1}, ${mode}: 95% test accuracy after ${r}; ${Math.round(state.examplesPerSecond)} examples/s ${where}; ` +
                  `frame interval median ${median(busy).toFixed(1)} ms training vs ${median(idle).toFixed(1)} ms idle, ` +
                  `p95 ${p95(busy).toFixed(1)} vs ${p95(idle).toFixed(1)} ms; peak JS heap ${(jsHeap / 1e6).toFixed(1)} MB, ` +
                  `wasm memory ${(wasmMemory / 1e6).toFixed(1)} MB; idle, the browser used ${asIs.cores.toFixed(2)} cores ` +
                  `(${asIs.drawn} of ${asIs.intervals.length} frames drawn), ${drawing.cores.toFixed(2)} drawing every frame; a full view redraw ${redraw.toFixed(0)} ms, spread over ${state.viewRedrawParts} frame(s) while training` + (errors.length ? `; page errors: ${errors.join(' | ')}` : ''));
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
const summary = (mode) => {
  const rs = results.filter((r) => r.mode === mode);
  const times = rs.filter((r) => r.reached).map((r) => r.reached.secondsAfterPlay);
  const busy = rs.flatMap((r) => r.busy), idle = rs.flatMap((r) => r.idle);
  return { all: times.length === rs.length, seconds: median(times), median: median(busy) / median(idle), p95: p95(busy) / p95(idle),
           busyMs: median(busy), idleMs: median(idle), redraw: median(rs.map((r) => r.redraw)), jsHeap: Math.max(...rs.map((r) => r.jsHeap)), wasm: Math.max(...rs.map((r) => r.wasmMemory)) };
};
const w = summary('worker'), f = summary('frame');
const secs = (x) => x.all ? x.seconds.toFixed(2) : 'not reached in every run';
console.log('\nheadline (median of runs):');
console.log(`  seconds from Play to 95% test accuracy   ${secs(w)} in the worker   goal <= 1.5   (in the frame: ${secs(f)}, ` +
            `ratio frame/worker ${w.all && f.all ? (f.seconds / w.seconds).toFixed(2) : '-'})`);
console.log(`  frame interval while training / idle*     95th percentile ${w.p95.toFixed(2)}x   goal <= 1.5   median ${w.median.toFixed(2)}x ` +
            `(${w.busyMs.toFixed(1)} ms vs ${w.idleMs.toFixed(1)} ms); in the frame ${f.p95.toFixed(2)}x and ${f.median.toFixed(2)}x`);
console.log(`                                            (*idle with every frame drawn, as while training)`);
const all = (key) => median(results.map((r) => r[key]));
console.log(`  an idle page, the browser's CPU          ${all('idleCores').toFixed(2)} cores, ${(100 * all('idleDrawnShare')).toFixed(0)}% of its frames drawn ` +
            `(drawing every frame: ${all('drawingCores').toFixed(2)} cores)`);
console.log(`  peak memory                               JS heap ${(w.jsHeap / 1e6).toFixed(1)} MB, wasm ${(w.wasm / 1e6).toFixed(1)} MB ` +
            `(in the frame: ${(f.jsHeap / 1e6).toFixed(1)} MB, ${(f.wasm / 1e6).toFixed(1)} MB)`);
const redraw = median(results.map((r) => r.redraw)), idleFrame = median(results.flatMap((r) => r.idle));
console.log(`  a full redraw of the network view         ${redraw.toFixed(0)} ms, ${(redraw / idleFrame).toFixed(2)} idle frame intervals ` +
            `(${idleFrame.toFixed(1)} ms)   goal <= 1`);
const parts = median(results.map((r) => r.parts));
console.log(`  ...spread over frames while training      ${parts} frames a redraw (adapted), ${(redraw / parts).toFixed(0)} ms a frame, ` +
            `${(redraw / parts / idleFrame).toFixed(2)} idle frame intervals`);
process.exit(w.all && f.all ? 0 : 1);
