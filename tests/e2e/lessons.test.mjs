#!/usr/bin/env node
// lessons.test.mjs: the lessons as a student and a teacher use them, in headless Chromium with real
// mouse events, at 1280x720, 1440x900 and a 390x844 phone:
//   - each lesson opens on a test image (said on screen), never on an empty pad;
//   - lesson 2's learning-rate buttons run their trials, and their curves end up in view, unclipped;
//     the finished 4-starts table too (the column scrolls it into view by itself);
//   - no trap: with hide=train,model every lesson button that trains can be paused from the lesson
//     (the "Pause training" button, and the P key);
// and it records a student's walk through every lesson: ARTIFACT_DIR/walk/<size>-NN-<step>.png.
//
//   node tests/e2e/lessons.test.mjs SITE_DIR ARTIFACT_DIR
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { launch, openApp } from './browser.mjs';
import { checker, click, frames, until, screenshotNotBlank } from './helpers.mjs';
import { decodePng } from './png.mjs';

const site = process.argv[2] || 'build/wasm/site';
const artifacts = process.argv[3] || 'build/e2e';
const walkDir = path.join(artifacts, 'walk');
fs.mkdirSync(walkDir, { recursive: true });

const tally = checker();
const check = tally.check;
const SIZES = [
  { name: 'desktop-1280x720', viewport: { width: 1280, height: 720 } },
  { name: 'desktop-1440x900', viewport: { width: 1440, height: 900 } },
  { name: 'phone-390x844', viewport: { width: 390, height: 844 }, phone: true },
];
const RATES = ['too small: SGD 0.001', 'about right: SGD 0.05', 'too large: SGD 3'];

// A control is in the viewport, whole, and not scrolled out of its column.
async function inView(page, label) {
  await frames(page, 2);
  const c = await page.evaluate((l) => knobs.controlRect(l), label);
  assert.ok(c, `"${label}" is on screen`);
  const vp = page.viewportSize();
  assert.ok(c.visible, `"${label}" is not clipped by its column: ${JSON.stringify(c)}`);
  assert.ok(c.x >= 0 && c.y >= 0 && c.x + c.width <= vp.width + 1 && c.y + c.height <= vp.height + 1,
            `"${label}" lies inside the ${vp.width}x${vp.height} viewport: ${JSON.stringify(c)}`);
  return c;
}

const { server, url } = await serve(site);
const browser = await launch();
try {
  for (const size of SIZES) {
    let step = 0;
    const { page, errors, context } = await openApp(browser, `${url}?lesson=2`, { viewport: size.viewport });
    const shot = async (what) => {
      await frames(page, 2);
      await screenshotNotBlank(page, path.join(walkDir, `${size.name}-${String(++step).padStart(2, '0')}-${what}.png`), 100);
    };
    await until(page, 'the data', (s) => s.trainReady && s.testReady, 120000);

    await check(`${size.name}: lesson 2 opens on a test image, said on screen`, async () => {
      const s = await until(page, 'a test image on the pad', (s) => s.backprop.testImage === 0, 20000);
      assert.equal(s.lesson, 2);
      assert.equal((await page.evaluate(() => knobs.prediction())).empty, false);
      await shot('lesson2-open');
    });

    await check(`${size.name}: the three learning rates run, and their curves and results are in view`, async () => {
      for (const label of RATES) {
        await click(page, label);
        await until(page, `${label} finished`, (s) => !s.playing && s.lesson2.trials.some((t) => t.label === label && !t.running), 120000);
      }
      const s = await page.evaluate(() => knobs.state());
      const t = Object.fromEntries(s.lesson2.trials.map((x) => [x.label, x]));
      console.log(`  ${size.name}: ${RATES.map((r) => `${r}: ${(100 * t[r].accuracy).toFixed(1)}% (cost ${t[r].costStart.toFixed(2)} -> ${t[r].costEnd.toFixed(2)}, peak ${t[r].costPeak.toFixed(2)})`).join('; ')}`);
      assert.ok(t[RATES[1]].accuracy >= 0.85, 'about right learns');
      assert.ok(t[RATES[0]].accuracy <= t[RATES[1]].accuracy - 0.1, 'too small is slower');
      assert.ok(t[RATES[2]].costPeak >= 1.5 * t[RATES[2]].costStart || t[RATES[2]].ended.includes('divergence'), 'too large jumps out');
      await inView(page, 'learning-rate plots');
      await shot('learning-rates');
    });

    {
      await check(`${size.name}: the 4 random starts finish and their table is in view`, async () => {
        await click(page, 'Train from 4 random starts (one epoch each)');
        const s = await until(page, 'the 4 starts', (s) => !s.lesson2.startsRunning && s.lesson2.starts.length === 4, 300000);
        const starts = s.lesson2.starts;
        console.log(`  ${size.name}: 4 starts: ${starts.map((r) => `${(100 * r.accuracy).toFixed(1)}% cost ${r.cost.toFixed(3)}`).join(', ')}`);
        for (const r of starts) assert.ok(r.accuracy > 0.85, `each start learns (after the too-large trial): ${r.accuracy}`);
        for (const r of starts) for (const d of r.distances) if (d > 0) assert.ok(d > 1, 'the solutions lie apart');
        await inView(page, 'random starts table');
        await shot('random-starts');
      });
    }

    await check(`${size.name}: lessons 1 and 3 open on a test image; their views are looked at`, async () => {
      await page.evaluate(() => knobs.clear());
      await page.evaluate(() => knobs.setParams('model=3b1b&lesson=1'));
      await until(page, 'lesson 1 on a test image', (s) => s.lesson === 1 && s.backprop.testImage === 0, 20000);
      await shot('lesson1');
      await click(page, 'Nudge the noise until it says 5');
      const p = await page.evaluate(() => knobs.prediction());
      assert.equal(p.digit, 5);
      assert.ok(p.probabilities[5] >= 0.99, `says 5 at ${p.probabilities[5]}`);
      await shot('lesson1-fooled');
      await page.evaluate(() => knobs.clear());
      await page.evaluate(() => knobs.setParams('lesson=3'));
      await until(page, 'lesson 3 on a test image', (s) => s.lesson === 3 && s.backprop.testImage === 0, 20000);
      await shot('lesson3');
    });

    await check(`${size.name}: no console errors`, async () => { assert.deepEqual(errors, []); });
    await context.close();
  }

  await check('no trap: with hide=train,model every lesson button that trains can be paused from the lesson', async () => {
    const { page, errors, context } = await openApp(browser, `${url}?lesson=2&hide=train,model`, { viewport: { width: 1440, height: 900 } });
    await until(page, 'the data', (s) => s.trainReady && s.testReady, 120000);
    for (const [k, label] of RATES.entries()) {
      await click(page, label);
      await until(page, `${label} playing`, (s) => s.playing, 20000);
      if (k % 2 === 0) await click(page, 'Pause training');
      else { await page.locator('#canvas').focus(); await page.keyboard.press('p'); }
      await until(page, `${label} paused`, (s) => !s.playing, 20000);
      const c = await page.evaluate((l) => knobs.controlRect(l), RATES[0]);
      assert.ok(c && c.enabled, 'the lesson buttons work again');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  await check('keyboard: the focus ring shows over the canvas once Tab reaches it, and Escape closes the shortcuts', async () => {
    const { page, errors, context } = await openApp(browser, url, { viewport: { width: 800, height: 600 } });
    await page.keyboard.press('Tab');
    await frames(page, 2);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
    const png = decodePng(await page.screenshot());
    const at = (x, y) => Array.from(png.px.slice((y * png.width + x) * png.channels, (y * png.width + x) * png.channels + 3));
    for (const [x, y] of [[1, 300], [400, 1], [798, 300], [400, 598]]) {
      const [r, g, b] = at(x, y);
      assert.ok(r > 200 && g > 170 && b < 120, `gold at (${x}, ${y}): ${[r, g, b]}`);
    }
    await page.mouse.click(400, 590);  // a click: the pointer is in use, no ring
    await frames(page, 2);
    const after = decodePng(await page.screenshot());
    const px = Array.from(after.px.slice((300 * after.width + 1) * after.channels, (300 * after.width + 1) * after.channels + 3));
    assert.ok(!(px[0] > 200 && px[1] > 170 && px[2] < 120), `no ring after a click: ${px}`);
    await page.keyboard.press('?');
    await until(page, 'the shortcuts window', (s) => s.shortcutsShown, 10000);
    await page.keyboard.press('Escape');
    await until(page, 'Escape closed it', (s) => !s.shortcutsShown, 10000);
    assert.deepEqual(errors, []);
    await context.close();
  });
} finally {
  await browser.close();
  server.close();
}
tally.report('lessons');
