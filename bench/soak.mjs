#!/usr/bin/env node
// bench/soak.mjs: the page driven for a long time as a busy classroom would, to find leaks and
// errors that a short test never meets. One cycle: Play for a few seconds and Pause, switch
// lessons (1, 2, 3 and none), download the network and upload it back, draw a "1" and clear it,
// switch to Fashion-MNIST and back, a new random start. After a warm-up (the data and every
// lesson's buffers allocated once) it records the JS heap (after a forced garbage collection)
// and the wasm heap in use (mallinfo) and wasm memory size; at the end it records them again, with every uncaught error or console
// error, and the longest interval between two animation frames.
//
//   node bench/soak.mjs SITE_DIR [--minutes M] [--warmup-minutes W]    defaults: 30 and 3
//
// Goal (issue 13): JS heap + wasm heap growth (or the wasm memory's, if larger) from warm-up to the end at most 5 MB, no errors.
// Exit code 1 if the goal is missed. A figure, not a test: scripts/test does not run it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { launch, openApp } from '../tests/e2e/browser.mjs';
import { ONE, click, stroke } from '../tests/e2e/helpers.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const site = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) || 'build/wasm/site';
const minutes = option('--minutes', 30), warmup = option('--warmup-minutes', 3);
const MB = 1024 * 1024;

const { server, url } = await serve(site);
const browser = await launch();
const { context, page, errors } = await openApp(browser, `${url}index.html`);
const cdp = await context.newCDPSession(page);
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'knobs-soak-'));

// Every interval between animation frames, kept in the page (the longest one and a count).
await page.evaluate(() => {
  window.soakFrames = { last: 0, longest: 0, count: 0 };
  const tick = (t) => {
    const f = window.soakFrames;
    if (f.last) f.longest = Math.max(f.longest, t - f.last);
    f.last = t;
    f.count++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});

async function memory() {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => ({ size: Module.HEAPU8.buffer.byteLength,
    used: Module.ccall('knobs_heap_in_use', 'number', [], []) }));
  return { js: heap.usedSize, wasm: wasm.used, wasmSize: wasm.size };
}

const waitFor = (cond, ms = 120000) => page.waitForFunction(cond, null, { timeout: ms });
let cycles = 0;
async function cycle() {
  await page.evaluate(() => knobs.play(true));
  await page.waitForTimeout(3000);
  await page.evaluate(() => knobs.play(false));
  for (const lesson of ['network', 'descent', 'backprop', 'none']) {
    await page.evaluate((l) => knobs.setParams(`lesson=${l}`), lesson);
    await page.waitForTimeout(800);
  }
  // Download this network, then upload the file back (the real file chooser).
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'Download this network')]);
  const file = path.join(downloads, 'soak.knobs');
  await download.saveAs(file);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'Upload a .knobs file')]);
  await chooser.setFiles(file);
  await waitFor(() => /Loaded/.test(knobs.state().message), 20000);
  await stroke(page, ONE);
  await page.evaluate(() => knobs.clear());
  await page.evaluate(() => knobs.setParams('dataset=fashion'));
  await waitFor(() => knobs.state().trainReady && knobs.state().testReady);
  await page.evaluate(() => knobs.setParams('dataset=mnist'));
  await waitFor(() => knobs.state().trainReady && knobs.state().testReady);
  await page.evaluate(() => knobs.newRandomStart());
  await page.waitForTimeout(500);
  cycles++;
}

let exitCode = 0;
try {
  await waitFor(() => knobs.state().trainReady && knobs.state().testReady);
  const start = Date.now();
  while (Date.now() - start < warmup * 60000) await cycle();
  const before = await memory();
  await page.evaluate(() => { window.soakFrames.longest = 0; });
  console.log(`after ${warmup} min of warm-up (${cycles} cycles): JS heap ${(before.js / MB).toFixed(1)} MB, ` +
              `wasm heap in use ${(before.wasm / MB).toFixed(1)} MB (wasm memory ${(before.wasmSize / MB).toFixed(1)} MB)`);
  const warmCycles = cycles;
  while (Date.now() - start < minutes * 60000) await cycle();
  const after = await memory();
  const frames = await page.evaluate(() => window.soakFrames);
  const growth = (after.js - before.js) + Math.max(after.wasm - before.wasm, after.wasmSize - before.wasmSize);
  console.log(`at the end, ${minutes} min (${cycles - warmCycles} more cycles): JS heap ${(after.js / MB).toFixed(1)} MB, ` +
              `wasm heap in use ${(after.wasm / MB).toFixed(1)} MB (wasm memory ${(after.wasmSize / MB).toFixed(1)} MB)`);
  console.log(`growth after warm-up: ${(growth / MB).toFixed(2)} MB (JS ${((after.js - before.js) / MB).toFixed(2)}, ` +
              `wasm heap ${((after.wasm - before.wasm) / MB).toFixed(2)}, wasm memory ${((after.wasmSize - before.wasmSize) / MB).toFixed(2)}); goal at most 5 MB: ${growth <= 5 * MB ? 'met' : 'MISSED'}`);
  console.log(`longest frame after warm-up: ${frames.longest.toFixed(0)} ms (${frames.count} frames in all)`);
  console.log(`errors: ${errors.length}${errors.length ? '\n  ' + errors.slice(0, 20).join('\n  ') : ''}; goal none: ${errors.length ? 'MISSED' : 'met'}`);
  if (growth > 5 * MB || errors.length) exitCode = 1;
} catch (err) {
  console.log(`soak: stopped after ${cycles} cycles: ${err.message}`);
  exitCode = 1;
} finally {
  await browser.close();
  server.close();
  fs.rmSync(downloads, { recursive: true, force: true });
}
process.exit(exitCode);
