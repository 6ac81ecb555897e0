#!/usr/bin/env node
// embed.test.mjs: Knobs inside a course page, as a teacher embeds it: web/embed.html served from
// a sub-path (/course/knobs/), its two iframes at a desktop size and on a phone with touch; the
// URL's settings applied and bad ones clamped with a note; the Share link rebuilding the same
// network; the postMessage API both ways; keyboard-only step and clear.
//
//   node tests/e2e/embed.test.mjs SITE_DIR ARTIFACT_DIR
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { launch, openApp } from './browser.mjs';
import { checker, click, frames, settles, stroke, until, ONE, screenshotNotBlank } from './helpers.mjs';

const site = path.resolve(process.argv[2] || 'build/wasm/site');
const artifacts = process.argv[3] || 'build/e2e';
fs.mkdirSync(artifacts, { recursive: true });
const tally = checker();
const check = tally.check;

// A static host with the site under a sub-path, as on a course website.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'knobs-host-'));
fs.mkdirSync(path.join(root, 'course'));
fs.cpSync(site, path.join(root, 'course', 'knobs'), { recursive: true });  // (the server follows no link out)
const { server, url } = await serve(root);
const base = `${url}course/knobs/`;
const browser = await launch();

// Knobs in the iframe whose src contains `marker`, as a target for the helpers.
async function knobsFrame(page, marker) {
  let frame = null;
  for (let tries = 0; tries < 600 && !frame; tries++) {
    frame = page.frames().find((f) => f.url().includes(marker)) || null;
    if (!frame) await page.waitForTimeout(100);
  }
  assert.ok(frame, `an iframe with ${marker}`);
  await frame.waitForFunction(() => window.knobs !== undefined, null, { timeout: 120000 });
  const box = await (await frame.frameElement()).boundingBox();
  return { page, frame, dx: box.x, dy: box.y };
}

// A host in front of `target` that holds the training images after the first part until the test
// lets them go: a slow link, on cue (the app's data worker fetches them, where Playwright's routes
// do not reach).
async function gatedHost(target) {
  let open;
  const opened = new Promise((resolve) => { open = resolve; });
  const held = [];
  const server = http.createServer(async (req, res) => {
    if (/mnist-train-images-[1-5]\.idx\.gz$/.test(req.url)) {
      held.push(req.url);
      await opened;
    }
    const upstream = await fetch(new URL(req.url, target));
    const headers = {};
    for (const [k, v] of upstream.headers) if (!['content-encoding', 'content-length', 'transfer-encoding'].includes(k)) headers[k] = v;
    res.writeHead(upstream.status, headers);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, open, held, close: () => server.close() };
}

try {
  // [SECTION] A desktop course page.
  const desk = await openApp(browser, `${base}embed.html`, { viewport: { width: 1280, height: 900 }, knobs: false });
  const page = desk.page;
  let pad, trainer;

  await check('embed.html from a sub-path: both iframes load Knobs and the data, no console errors', async () => {
    pad = await knobsFrame(page, 'show=draw');
    trainer = await knobsFrame(page, 'model=random');
    await until(pad, 'the data in the first frame', (s) => s.testReady, 120000);
    await until(trainer, 'the data in the second frame', (s) => s.trainReady && s.testReady, 120000);
    assert.deepEqual(desk.errors, []);
  });

  await check('the first frame shows only the pad and the guess; a "1" drawn in it is recognised', async () => {
    const s = await pad.frame.evaluate(() => knobs.state());
    assert.equal(s.hidden.network, true);
    assert.equal(s.hidden.train, true);
    assert.equal(s.hidden.draw, false);
    assert.equal(await pad.frame.evaluate(() => knobs.controlRect('1 mini-batch')), null, 'no training controls');
    await stroke(pad, ONE);
    await pad.frame.waitForFunction(() => knobs.prediction().digit === 1, null, { timeout: 10000 });
  });

  await check('the second frame took its URL: a random start, seed 3, SGD at 0.05, batch 8, presets hidden', async () => {
    const s = await trainer.frame.evaluate(() => knobs.state());
    assert.equal(s.startModel, 'random');
    assert.equal(s.settings.seed, 3);
    assert.equal(s.settings.optimizer, 'sgd');
    assert.ok(Math.abs(s.settings.lr - 0.05) < 1e-6);
    assert.equal(s.settings.batch, 8);
    assert.equal(s.hidden.menu, true);
    assert.equal(s.pageNote, '');
    assert.equal(await trainer.frame.evaluate(() => knobs.controlRect('Lessons')), null, 'no Lessons menu');
  });

  await check('postMessage: the host sets the learning rate, and hears the epoch finish', async () => {
    await page.getByRole('button', { name: 'Learning rate 0.001 (crawls)' }).click();
    await until(trainer, 'lr 0.001', (s) => Math.abs(s.settings.lr - 0.001) < 1e-6, 10000);
    await page.waitForFunction(() => document.getElementById('log').textContent.includes('settings applied'), null, { timeout: 10000 });
    await trainer.frame.evaluate(() => knobs.step('epoch'));
    await page.waitForFunction(() => /epoch 1 done: test accuracy \d/.test(document.getElementById('log').textContent), null, { timeout: 20000 });
  });

  await check('keyboard only: Space steps a mini-batch, C clears the pad, ? opens the shortcuts', async () => {
    const before = await trainer.frame.evaluate(() => knobs.state());
    await trainer.frame.focus('#canvas');
    await page.keyboard.press('Space');
    await until(trainer, 'one more mini-batch', (s) => s.minibatches === before.minibatches + 1, 10000);
    await page.keyboard.press('?');
    await until(trainer, 'the shortcuts window', (s) => s.shortcutsShown, 10000);
    await screenshotNotBlank(page, path.join(artifacts, 'embed-shortcuts.png'), 200);
    await page.keyboard.press('?');
    await until(trainer, 'the shortcuts window closed', (s) => !s.shortcutsShown, 10000);
    await page.keyboard.press('?');
    await until(trainer, 'the shortcuts window again', (s) => s.shortcutsShown, 10000);
    await page.keyboard.press('Escape');
    await until(trainer, 'Escape closed it', (s) => !s.shortcutsShown, 10000);
    assert.equal((await pad.frame.evaluate(() => knobs.prediction())).empty, false);
    await pad.frame.focus('#canvas');
    await page.keyboard.press('c');
    await pad.frame.waitForFunction(() => knobs.prediction().empty, null, { timeout: 10000 });
  });

  await check('the wheel scrolls the app only where it has something to scroll; elsewhere the course page', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await (await pad.frame.frameElement()).boundingBox();
    const r0 = await pad.frame.evaluate(() => knobs.drawPadRect());
    // Over the pad's column, which scrolls: the column moves, the course page does not.
    await page.mouse.move(box.x + r0.x + r0.width / 2, box.y + r0.y + r0.height / 2);
    await page.mouse.wheel(0, 200);
    await pad.frame.waitForFunction((y) => { const r = knobs.drawPadRect(); return r && r.y < y; }, r0.y, { timeout: 10000 });
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    // Over the guess (nothing to scroll there): the course page scrolls.
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.5);
    await page.mouse.wheel(0, 300);
    await page.waitForFunction(() => window.scrollY > 100, null, { timeout: 10000 });
  });

  await check('the embedded page looks right (screenshot)', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshotNotBlank(page, path.join(artifacts, 'embed.png'), 200, { fullPage: true });
    assert.deepEqual(desk.errors, []);
  });
  await desk.context.close();

  // Down then Up, six presses each, from the focused control: each lands in `column`, lower then higher.
  async function walkColumn(page, column) {
    let last = null;
    const seen = [];
    for (const [arrow, sign] of [['ArrowDown', 1], ['ArrowUp', -1]]) {
      for (let k = 0; k < 6; k++) {
        await page.keyboard.press(arrow);
        await frames(page, 2);
        const label = (await page.evaluate(() => knobs.state())).navFocus;
        const at = label && await page.evaluate((l) => knobs.controlRect(l), label);
        if (!at) continue;  // an unlabelled slider
        seen.push(`${label} (${at.column})`);
        assert.equal(at.column, column, `${arrow} left the ${column} column: ${seen.join(', ')}`);
        if (last) assert.ok(sign * (at.y - last.y) >= 0, `${arrow} went the wrong way: ${seen.join(', ')}`);
        last = at;
      }
    }
    assert.ok(seen.length >= 4, `the focus moved in the ${column} column: ${seen.join(', ')}`);
  }

  await check('keyboard only: the arrow keys walk a visible focus (Pen, Eraser, ... across and down to "Step: 1 example"), Space presses it', async () => {
    const app = await openApp(browser, `${base}index.html`);
    await until(app.page, 'the data', (s) => s.trainReady, 120000);
    await app.page.focus('#canvas');
    let s = await app.page.evaluate(() => knobs.state());
    const seen = new Set();
    // As a person would: the first key shows the focus (on Pen), then each arrow points from the
    // focused control towards "Step: 1 example" (across first, then down or up).
    const target = await app.page.evaluate(() => knobs.controlRect('Step: 1 example'));
    await app.page.keyboard.press('ArrowDown');  // the focus shows, on Pen
    await frames(app.page, 2);
    await walkColumn(app.page, 'left');
    s = await app.page.evaluate(() => knobs.state());
    let key = 'ArrowDown';
    for (let k = 0; k < 30 && s.navFocus !== 'Step: 1 example'; k++) {
      await app.page.keyboard.press(key);
      await frames(app.page, 2);  // the key reaches the app's next frame
      s = await app.page.evaluate(() => knobs.state());
      if (s.navFocus) seen.add(s.navFocus);
      const at = s.navFocus && await app.page.evaluate((l) => knobs.controlRect(l), s.navFocus);
      if (!at) continue;  // an unlabelled slider: keep going the same way
      const dx = target.x - at.x, dy = target.y - at.y;
      key = Math.abs(dx) > target.width / 2 ? (dx > 0 ? 'ArrowRight' : 'ArrowLeft') : (dy > 0 ? 'ArrowDown' : 'ArrowUp');
    }
    assert.equal(s.navFocus, 'Step: 1 example', `focus went through ${[...seen].join(', ')}`);
    assert.ok(seen.size >= 3, 'the focus moved from control to control');
    // Up and Down stay in their column (Left and Right cross): from "Step: 1 example" down and back
    // up, every focused control is in the right column, lower (then higher) each time.
    await walkColumn(app.page, 'right');
    s = await app.page.evaluate(() => knobs.state());
    for (let k = 0; k < 8 && s.navFocus !== 'Step: 1 example'; k++) {  // back to the button Space presses
      await app.page.keyboard.press('ArrowUp');
      await frames(app.page, 2);
      s = await app.page.evaluate(() => knobs.state());
    }
    assert.equal(s.navFocus, 'Step: 1 example');
    await screenshotNotBlank(app.page, path.join(artifacts, 'keyboard-focus.png'), 200);
    await app.page.keyboard.press('Space');
    await until(app.page, 'one example trained', (t) => t.examples === s.examples + 1, 10000);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  // [SECTION] URL settings and the Share link, on the app's own page.
  await check('bad URL settings are clamped or ignored with a visible note; the page still works', async () => {
    const app = await openApp(browser, `${base}index.html?lr=1e9&foo=bar&lesson=9&hide=sidebar&batch=-3#seed=abc`);
    const s = await until(app.page, 'the page note', (s) => s.pageNote.length > 0, 20000);
    for (const part of ['lr=1e9 is out of range: set to 10', 'unknown setting "foo"', 'lesson=9', 'no part called "sidebar"', 'batch=-3', 'seed=abc is not a number'])
      assert.ok(s.pageNote.includes(part), `note mentions ${part}: ${s.pageNote}`);
    assert.equal(s.settings.lr, 10);
    assert.equal(s.settings.batch, 1);
    assert.equal(s.lesson, 0);
    await screenshotNotBlank(app.page, path.join(artifacts, 'url-note.png'), 200);
    await click(app.page, 'OK');
    await until(app.page, 'the note dismissed', (s) => s.pageNote === '', 10000);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  // What a network is, seen the same way on two pages: test image #0's outputs and the accuracy
  // on all 10,000 (a drawing would differ by the mouse's sampling, not the network).
  const measure = async (page) => {
    await click(page, 'test now');
    await page.evaluate(() => knobs.clear());  // from an empty pad, '>' is test image #0 on both pages
    await click(page, '>');
    await page.waitForTimeout(300);
    return { outputs: await page.evaluate(() => knobs.prediction()), accuracy: (await page.evaluate(() => knobs.state())).testAccuracy };
  };
  await check('the Share link rebuilds the same network: the same outputs on a test image, the same test accuracy', async () => {
    const first = await openApp(browser, `${base}index.html?model=random&seed=5&hidden=24&lr=0.003&lesson=descent`);
    await until(first.page, 'the data', (s) => s.trainReady && s.testReady && s.startModel === 'random', 120000);
    for (let k = 0; k < 40; k++) await first.page.evaluate(() => knobs.step('minibatch'));
    await click(first.page, 'Lessons');
    await click(first.page, 'Draw, see and train (no lesson)');
    const m1 = await measure(first.page);
    await click(first.page, 'Share a link');
    const share = await first.page.evaluate(() => knobs.share());
    assert.equal(share.exact, true, share.why);
    assert.ok(share.url.startsWith(`${base}index.html?`), share.url);
    assert.match(share.query, /trained=40/);
    await first.context.close();
    const second = await openApp(browser, share.url);
    const s = await until(second.page, 'the replay', (s) => s.minibatches === 40 && !s.replaying && !s.playing && s.testReady, 120000);
    assert.equal(s.settings.seed, 5);
    assert.match(s.message, /Rebuilt the shared network/);
    const m2 = await measure(second.page);
    assert.deepEqual(m2, m1);  // every output, to the last digit
    assert.deepEqual(second.errors, []);
    await second.context.close();
  });

  await check('a run played in the training worker: its Share link rebuilds it bit for bit, and so do single steps in the page', async () => {
    const start = `${base}index.html?model=random&seed=7`;
    const first = await openApp(browser, start);
    await until(first.page, 'the data', (s) => s.trainReady && s.testReady && s.startModel === 'random', 120000);
    await click(first.page, 'Play');
    await until(first.page, 'training in the worker', (s) => s.onThread && s.minibatches > 300, 60000);
    await click(first.page, 'Pause');
    const played = await until(first.page, 'the pause', (s) => !s.playing && !s.onThread, 10000);
    assert.equal(played.threadRuns, 1);
    const m1 = await measure(first.page);
    const share = await first.page.evaluate(() => knobs.share());
    assert.equal(share.exact, true, share.why);
    assert.match(share.query, new RegExp(`trained=${played.minibatches}\\b`));
    assert.deepEqual(first.errors, []);
    await first.context.close();

    const second = await openApp(browser, share.url);  // the replay plays in the worker too
    const s2 = await until(second.page, 'the replay', (s) => s.minibatches === played.minibatches && !s.replaying && !s.playing && s.testReady, 120000);
    assert.ok(s2.threadRuns >= 1, 'the replay went through the worker');
    assert.deepEqual(await measure(second.page), m1);  // every output, to the last digit
    assert.deepEqual(second.errors, []);
    await second.context.close();

    const third = await openApp(browser, start);  // the same run, one mini-batch at a time in the page
    await until(third.page, 'the data', (s) => s.trainReady && s.testReady && s.startModel === 'random', 120000);
    await third.page.evaluate((n) => { for (let k = 0; k < n; k++) knobs.step('minibatch'); }, played.minibatches);
    const s3 = await third.page.evaluate(() => knobs.state());
    assert.equal(s3.minibatches, played.minibatches);
    assert.equal(s3.threadRuns, 0);
    assert.deepEqual(await measure(third.page), m1);
    assert.deepEqual(third.errors, []);
    await third.context.close();
  });

  await check('training images that stream in: Play trains on the first 10,000 at once and says so, its worker takes the rest where the run is, and its link rebuilds the run bit for bit', async () => {
    const gate = await gatedHost(url);
    const first = await openApp(browser, `${gate.url}course/knobs/index.html?model=random&seed=9`);
    const early = await until(first.page, 'the first part', (s) => s.trainImages === 10000 && s.testReady && s.startModel === 'random', 120000);
    assert.equal(early.trainReady, false);
    assert.equal(early.trainImagesWhole, 60000);
    await click(first.page, 'Play');
    await until(first.page, 'training on the first part', (s) => s.onThread && s.runImages === 10000 && s.minibatches > 200, 60000);
    await first.page.waitForFunction(() => /first 10000 of 60000 training images while the rest load/.test(document.getElementById('status').textContent), null, { timeout: 5000 });
    await first.page.screenshot({ path: path.join(artifacts, 'streaming-first-part.png') });
    assert.ok(gate.held.length >= 1, 'the second part was asked for and held');
    gate.open();
    const all = await until(first.page, 'the rest', (s) => s.trainReady && s.runImages === 60000 && s.onThread, 120000);
    assert.equal(all.threadRuns, 1, 'the worker took each part where the run was: it never came back');
    await click(first.page, 'Pause');
    const played = await until(first.page, 'the pause', (s) => !s.playing && !s.onThread, 10000);
    const m1 = await measure(first.page);
    const share = await first.page.evaluate(() => knobs.share());
    assert.equal(share.exact, true, share.why);
    assert.match(share.query, /arrived=10000,20000:\d+,30000:\d+,40000:\d+,50000:\d+,60000:\d+/);
    assert.deepEqual(first.errors, []);
    await first.context.close();
    gate.close();

    const second = await openApp(browser, `${base}index.html?${share.query}`);  // all 60,000 here from the start
    const s2 = await until(second.page, 'the replay', (s) => s.minibatches === played.minibatches && !s.replaying && !s.playing && s.testReady, 120000);
    assert.match(s2.message, /Rebuilt the shared network/);
    assert.deepEqual(await measure(second.page), m1);  // every output, to the last digit
    assert.deepEqual(second.errors, []);
    await second.context.close();
  });

  await check('once loaded it works offline: the service worker keeps the data, and a reload with the network gone brings the app and MNIST back', async () => {
    const app = await openApp(browser, `${base}index.html?lesson=network`, { serviceWorkers: 'allow' });
    await until(app.page, 'the data', (s) => s.trainReady && s.testReady, 120000);
    assert.ok(await app.page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker controls the page');
    // The data did not wait for the service worker: it keeps them once it controls the page.
    const kept = await settles(app.page, async () => {
      const name = (await caches.keys()).find((n) => n.startsWith('knobs-'));
      if (!name) return false;
      const cache = await caches.open(name);
      const files = ['parts.json', 'mnist-test-labels.idx.gz', 'mnist-test-images.idx.gz', 'mnist-train-labels.idx.gz',
        ...[0, 1, 2, 3, 4, 5].map((k) => `mnist-train-images-${k}.idx.gz`)];
      for (const f of files) if (!(await cache.match(new URL(`data/${f}`, location.href).href))) return `not kept: ${f}`;
      return true;
    }, null, 60000);
    assert.equal(kept, true, 'the service worker keeps every data file');
    await app.context.setOffline(true);
    await app.page.reload();
    await app.page.waitForFunction(() => window.knobs !== undefined, null, { timeout: 60000 });
    const s = await until(app.page, 'the data, offline', (s) => s.trainReady && s.testReady, 60000);
    assert.equal(s.lesson, 1);
    assert.ok(s.testAccuracy > 0.95, `test accuracy ${s.testAccuracy}`);
    await stroke(app.page, ONE);
    await app.page.waitForFunction(() => knobs.prediction().digit === 1, null, { timeout: 10000 });
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  // [SECTION] A phone: the course page at 390x844, touch, reduced motion.
  const phone = await openApp(browser, `${base}embed.html`, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, knobs: false });
  await check('on a phone the embedded pad takes a finger-drawn "1", a tap on Clear clears it, and a drag outside the pad scrolls the course page', async () => {
    const padFrame = await knobsFrame(phone.page, 'show=draw');
    await until(padFrame, 'the test data', (s) => s.testReady, 120000);
    const cdp = await phone.context.newCDPSession(phone.page);
    const r = await padFrame.frame.evaluate(() => knobs.drawPadRect());
    const at = ([u, v]) => ({ x: padFrame.dx + r.x + u * r.width, y: padFrame.dy + r.y + v * r.height });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(ONE[0])] });
    for (const p of ONE.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(p)] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await padFrame.frame.waitForFunction(() => knobs.prediction().digit === 1, null, { timeout: 10000 });
    await screenshotNotBlank(phone.page, path.join(artifacts, 'embed-phone.png'), 100);
    // A tap outside the pad (held back until the finger lifts, in case it was a page scroll) still
    // presses the button under it.
    const c = await padFrame.frame.evaluate(() => knobs.controlRect('Clear'));
    const tap = { x: padFrame.dx + c.x + c.width / 2, y: padFrame.dy + c.y + c.height / 2 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [tap] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await padFrame.frame.waitForFunction(() => knobs.prediction().empty, null, { timeout: 10000 });
    // The pad kept the finger (it drew, the course page did not move); a drag elsewhere in the
    // frame scrolls the course page instead.
    assert.equal(await phone.page.evaluate(() => window.scrollY), 0);
    const x = padFrame.dx + r.x + r.width / 2, y = padFrame.dy + r.y + r.height + 150;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (let k = 1; k <= 10; k++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - 25 * k }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await phone.page.waitForFunction(() => window.scrollY > 100, null, { timeout: 5000 });
    assert.deepEqual(phone.errors, []);
  });
  await phone.context.close();
  const calm = await browser.newContext({ reducedMotion: 'reduce' });
  await check('prefers-reduced-motion reaches the app', async () => {
    const p = await calm.newPage();
    await p.goto(`${base}index.html`);
    await p.waitForFunction(() => window.knobs !== undefined, null, { timeout: 60000 });
    await until(p, 'reduced motion', (s) => s.reducedMotion, 10000);
  });
  await calm.close();
} finally {
  await browser.close();
  server.close();
  fs.rmSync(root, { recursive: true, force: true });
}
tally.report('embed');
