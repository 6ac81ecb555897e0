#!/usr/bin/env node
// hosts.test.mjs: Knobs on restrictive hosts, as course platforms and page builders embed it:
// an iframe sandboxed without and with allow-same-origin, a strict Content-Security-Policy, and
// a browser where service workers, storage and the clipboard are all unavailable. In each the
// app must load, take a drawn digit and train a step, with no uncaught error; what cannot work
// degrades with a note. Then the offline cache: one per build, old builds' caches pruned, no
// query variants or partial responses kept.
//
//   node tests/e2e/hosts.test.mjs SITE_DIR ARTIFACT_DIR
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launch } from './browser.mjs';
import { checker, click, settles, stroke, until, ONE } from './helpers.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const site = path.resolve(process.argv[2] || 'build/wasm/site');
const artifacts = process.argv[3] || 'build/e2e';
fs.mkdirSync(artifacts, { recursive: true });
const tally = checker();
const check = tally.check;

// A host with the site at /knobs/ and course pages around it (a copy: the cache test rewrites it).
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'knobs-hosts-'));
fs.cpSync(site, path.join(root, 'knobs'), { recursive: true });
const coursePage = (sandbox) => `<!doctype html><title>course</title><link rel="icon" href="data:,"><h1>A course page</h1>
<iframe ${sandbox === null ? '' : `sandbox="${sandbox}"`} src="knobs/index.html?lesson=network"
        width="1200" height="800" allow="clipboard-write"></iframe>`;
fs.writeFileSync(path.join(root, 'sandboxed.html'), coursePage('allow-scripts'));
fs.writeFileSync(path.join(root, 'sandboxed-same-origin.html'), coursePage('allow-scripts allow-same-origin'));
const plain = await serve(root);
const strict = await serve(root, 0, {
  headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:" },
});
const browser = await launch();

// A fresh browser context, with every console error and uncaught error of every frame kept.
async function context(options = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1300, height: 900 }, serviceWorkers: 'allow', ...options });
  const errors = [];
  const watch = (page) => {
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => errors.push(`uncaught: ${err}`));
    page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  };
  ctx.on('page', watch);
  const page = await ctx.newPage();
  return { ctx, page, errors };
}

// Knobs in the page's iframe, as a target for the helpers.
async function knobsFrame(page) {
  let frame = null;
  for (let tries = 0; tries < 600 && !frame; tries++) {
    frame = page.frames().find((f) => f.url().includes('knobs/index.html')) || null;
    if (!frame) await page.waitForTimeout(100);
  }
  assert.ok(frame, 'the Knobs iframe');
  await frame.waitForFunction(() => window.knobs !== undefined, null, { timeout: 120000 });
  const box = await (await frame.frameElement()).boundingBox();
  return { page, frame, dx: box.x, dy: box.y };
}

// What every host must allow: the test images arrive, a drawn "1" is read as 1, a step trains.
async function usable(target) {
  await until(target, 'the test images', (s) => s.testReady, 120000);
  await stroke(target, ONE);
  const frame = target.dx !== undefined ? target.frame : target;
  await frame.waitForFunction(() => knobs.prediction().digit === 1, null, { timeout: 20000 });
  await until(target, 'the training images', (s) => s.trainReady, 120000);
  assert.ok(await frame.evaluate(() => knobs.step('minibatch')), 'a mini-batch step');
  await until(target, 'the step counted', (s) => s.minibatches === 1, 20000);
  // Play trains: in its worker where the host allows one, else in the page's frames.
  await frame.evaluate(() => knobs.play(true));
  const s = await until(target, 'Play training', (s) => s.examples > 3000, 60000);
  await frame.evaluate(() => knobs.play(false));
  await until(target, 'the pause', (s) => !s.playing && !s.onThread, 20000);
  return s.threadRuns > 0 ? 'worker' : 'frame';
}

const consoleInfos = (page) => {
  const infos = [];
  page.on('console', (msg) => { if (msg.type() === 'info') infos.push(msg.text()); });
  return infos;
};

try {
  await check('an iframe sandboxed without allow-same-origin (an opaque origin): loads and works, online only, no error', async () => {
    const { ctx, page, errors } = await context();
    const infos = consoleInfos(page);
    await page.goto(`${plain.url}sandboxed.html`);
    const knobs = await knobsFrame(page);
    assert.equal(await knobs.frame.evaluate(() => window.origin), 'null', 'the frame has an opaque origin');
    assert.equal(await usable(knobs), 'frame', 'no worker from an opaque origin: Play trains in the frame');
    assert.ok(infos.some((t) => /works online only here/.test(t)), `the note in the console: ${JSON.stringify(infos)}`);
    assert.ok(infos.some((t) => /trains in the page's frames here/.test(t)), `the note in the console: ${JSON.stringify(infos)}`);
    await page.screenshot({ path: path.join(artifacts, 'host-sandboxed.png') });
    // No storage for an opaque origin: lesson 3's own digits say so, and still take a drawing.
    await knobs.frame.evaluate(() => knobs.setParams('lesson=3&view=mydigits'));
    let s = await until(knobs, 'the note', (s) => s.myDigits.storageNote !== '', 20000);
    assert.equal(s.myDigits.kept, false);
    assert.match(s.myDigits.storageNote, /may not keep anything/);
    await knobs.frame.evaluate(() => knobs.clear());
    await stroke(knobs, ONE);
    // The whole stroke reached the pad: a drag the browser began on the pad's div (here, after
    // Play) once took the pointer after its first move, leaving a dot the network read as an 8.
    await knobs.frame.waitForFunction(() => knobs.prediction().digit === 1, null, { timeout: 10000 });
    await click(knobs, 'this was a 1');
    s = await until(knobs, 'labelled without storage', (s) => s.myDigits.count === 1, 10000);
    assert.equal(s.myDigits.kept, false);
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  await check('an iframe sandboxed with allow-same-origin: loads, works, and its service worker takes control', async () => {
    const { ctx, page, errors } = await context();
    await page.goto(`${plain.url}sandboxed-same-origin.html`);
    const knobs = await knobsFrame(page);
    assert.equal(await usable(knobs), 'worker');
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  await check("a strict Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval', no inline script): no violation, no error", async () => {
    const { ctx, page, errors } = await context();
    const response = await page.goto(`${strict.url}knobs/index.html`);
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
    await page.waitForFunction(() => window.knobs !== undefined, null, { timeout: 120000 });
    assert.equal(await usable(page), 'worker', "the worker is 'self' too");
    assert.deepEqual(errors, []);  // a CSP violation is a console error ("Refused to ...")
    await ctx.close();
  });

  await check('no service workers, no storage, no clipboard (nor copy command): it works, and Share shows the link in a box to copy by hand', async () => {
    const { ctx, page, errors } = await context();
    // As a locked-down browser: every storage API and the service worker throw when touched,
    // and there is no clipboard API.
    await ctx.addInitScript(() => {
      const denied = () => { throw new DOMException('The user denied access', 'SecurityError'); };
      for (const [object, name] of [[navigator, 'serviceWorker'], [window, 'localStorage'], [window, 'sessionStorage'],
                                    [window, 'indexedDB'], [window, 'caches']]) {
        Object.defineProperty(object, name, { get: denied, configurable: true });
      }
      Object.defineProperty(navigator, 'clipboard', { get: () => undefined, configurable: true });
      document.execCommand = () => false;
    });
    const infos = consoleInfos(page);
    await page.goto(`${plain.url}knobs/index.html`);
    await page.waitForFunction(() => window.knobs !== undefined, null, { timeout: 120000 });
    await usable(page);
    assert.ok(infos.some((t) => /works online only here/.test(t)), 'the note in the console');
    const c = await page.evaluate(() => knobs.controlRect('Share a link'));
    assert.ok(c && c.visible, 'the Share button is on screen');
    await page.mouse.click(c.x + c.width / 2, c.y + c.height / 2);
    const s = await until(page, 'the Share message', (s) => /copy the link below by hand/.test(s.message), 10000);
    assert.doesNotMatch(s.message, /Link copied/);
    assert.ok(await page.evaluate(() => knobs.controlRect('share link') !== null), 'the link is shown to copy');
    // The page's own box holds the link, selected, for the browser's own copy.
    const box = await page.evaluate(() => {
      const field = document.querySelector('#to-copy input');
      return field && { visible: !document.getElementById('to-copy').hidden, value: field.value,
                        selected: field.selectionEnd - field.selectionStart, link: knobs.share().url };
    });
    assert.ok(box && box.visible, 'the box to copy from is shown');
    assert.equal(box.value, box.link);
    assert.equal(box.selected, box.link.length);
    await page.screenshot({ path: path.join(artifacts, 'host-no-clipboard.png') });
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  await check('a clipboard API the browser refuses (no clipboard-write permission): the copy command copies the link instead', async () => {
    const { ctx, page, errors } = await context();
    await ctx.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', {
        get: () => ({ writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) }),
        configurable: true,
      });
    });
    await page.goto(`${plain.url}knobs/index.html`);
    await page.waitForFunction(() => window.knobs !== undefined, null, { timeout: 120000 });
    // Pressed as a student would, once the page has settled: the test set's accuracy line, when it
    // comes, moves the button down (a click at its place from the first frames could miss it).
    await until(page, 'the test set', (s) => s.testReady && s.testAccuracy > 0, 120000);
    await click(page, 'Share a link');
    await until(page, 'the Share message', (s) => /Link copied/.test(s.message), 10000);
    await page.waitForTimeout(500);  // the refusal comes later: the message must still say copied
    assert.match((await page.evaluate(() => knobs.state())).message, /^Link copied/);
    // What a paste gets is the link.
    const link = await page.evaluate(() => {
      const area = document.createElement('textarea');
      area.id = 'paste-here';
      document.body.appendChild(area);
      area.focus();
      return knobs.share().url;
    });
    await page.keyboard.press('Control+V');
    assert.equal(await page.evaluate(() => document.getElementById('paste-here').value), link);
    assert.equal(await page.evaluate(() => document.getElementById('to-copy')), null, 'no box: it was copied');
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  // [SECTION] The offline cache: one per build.
  const cacheState = (page) => page.evaluate(async () => {
    const names = await caches.keys();
    const entries = {};
    for (const n of names) entries[n] = (await (await caches.open(n)).keys()).map((r) => r.url);
    return { names, entries };
  });
  const swBuild = () => fs.readFileSync(path.join(root, 'knobs', 'sw.js'), 'utf8').match(/^const BUILD = '([^']*)';$/m)[1];

  await check('the offline cache is keyed to the build, keeps no query variants or partial responses, and drops old builds', async () => {
    const first = swBuild();
    assert.match(first, /^[0-9a-f]{16}$/, 'sw.js carries the build hash');
    const { ctx, page, errors } = await context();
    await page.goto(`${plain.url}knobs/index.html`);
    await page.waitForFunction(() => window.knobs !== undefined, null, { timeout: 120000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    await until(page, 'the data', (s) => s.trainReady && s.testReady, 120000);
    // A query variant and a partial request of files the app fetches.
    await page.evaluate(async () => {
      await (await fetch('models/sharp.knobs?v=2')).arrayBuffer();
      await (await fetch('models/sharp.knobs?v=3')).arrayBuffer();
      await (await fetch('models/fashion.knobs', { headers: { Range: 'bytes=0-15' } })).arrayBuffer();
    });
    await page.waitForTimeout(500);
    let state = await cacheState(page);
    assert.deepEqual(state.names, [`knobs-${first}`]);
    const kept = state.entries[`knobs-${first}`];
    for (const f of ['index.html', 'knobs.js', 'knobs-app.js', 'knobs-app.wasm', 'training-worker.js', 'knobs-worker.js', 'knobs-worker.wasm',
      'data/mnist-test-images.idx.gz']) {
      assert.ok(kept.some((u) => u.endsWith(`/knobs/${f}`)), `${f} is kept`);
    }
    assert.ok(kept.every((u) => !u.includes('?')), `no query variants: ${kept.filter((u) => u.includes('?'))}`);
    assert.equal(kept.filter((u) => u.endsWith('/models/sharp.knobs')).length, 1, 'one copy of sharp.knobs');
    assert.ok(!kept.some((u) => u.endsWith('/models/fashion.knobs')), 'the partial response is not kept');

    // A new build of the site: another page script, restamped as the build does.
    fs.appendFileSync(path.join(root, 'knobs', 'knobs.js'), '\n// a new build\n');
    execFileSync('node', [path.join(repo, 'scripts/stamp-sw.mjs'), path.join(repo, 'web/sw.js'), path.join(root, 'knobs')]);
    const second = swBuild();
    assert.notEqual(second, first, 'a changed file is a new build');
    await page.reload();
    await page.waitForFunction(() => window.knobs !== undefined, null, { timeout: 120000 });
    // The new service worker installs on this navigation, then takes over and prunes.
    await settles(page, async (name) => (await caches.keys()).join() === name, `knobs-${second}`, 90000);
    state = await cacheState(page);
    assert.deepEqual(state.names, [`knobs-${second}`], 'only the new build\'s cache is left');
    const fresh = await page.evaluate(async () => {
      const hit = await (await caches.open((await caches.keys())[0])).match('knobs.js');
      return hit ? (await hit.text()).includes('// a new build') : null;
    });
    assert.equal(fresh, true, 'the new cache holds the new knobs.js');
    assert.deepEqual(errors, []);
    await ctx.close();
  });
} finally {
  await browser.close();
  plain.server.close();
  strict.server.close();
  fs.rmSync(root, { recursive: true, force: true });
}
tally.report('hosts');
