#!/usr/bin/env node
// scripts/screenshots.mjs: the README's screenshots, taken in headless Chromium from the built
// site (build the wasm preset's knobs target first):
//   node scripts/screenshots.mjs [SITE_DIR] [OUT_DIR]     default build/wasm/site assets/screenshots
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, openApp } from '../tests/e2e/browser.mjs';
import { click as clickIn, reveal, stroke } from '../tests/e2e/helpers.mjs';

const site = process.argv[2] || 'build/wasm/site';
const out = process.argv[3] || 'assets/screenshots';
fs.mkdirSync(out, { recursive: true });

// A "2": a hook over the top, a diagonal down to the left, a stroke along the bottom.
const TWO = [];
for (let i = 0; i <= 14; i++) {
  const t = Math.PI * (1.1 - 1.25 * i / 14);
  TWO.push([0.5 + 0.2 * Math.cos(t), 0.36 - 0.17 * Math.sin(t)]);
}
for (let i = 1; i <= 10; i++) TWO.push([0.63 - 0.33 * i / 10, 0.46 + 0.36 * i / 10]);
for (let i = 1; i <= 8; i++) TWO.push([0.3 + 0.42 * i / 8, 0.82]);

const ready = (page) => page.waitForFunction(() => knobs.state().trainReady && knobs.state().testReady, null, { timeout: 120000 });

const { server, url } = await serve(site);
const browser = await launch();
try {
  {
    const { page, context } = await openApp(browser, url);
    await ready(page);
    await stroke(page, TWO);
    // Point at a neuron of the first hidden layer (its place in the 1440x900 layout).
    await page.mouse.move(645, 153);
    await page.waitForTimeout(1500);
    console.log('draw: guess', (await page.evaluate(() => knobs.prediction())).digit);
    await page.screenshot({ path: path.join(out, 'draw.png') });
    await page.evaluate(() => { knobs.newRandomStart(); knobs.play(true); });
    await page.waitForFunction(() => knobs.state().epochs >= 3, null, { timeout: 120000 });
    await page.evaluate(() => knobs.play(false));
    await page.waitForTimeout(1500);
    const s = await page.evaluate(() => knobs.state());
    console.log(`training: ${s.examples} examples, test accuracy ${s.testAccuracy}`);
    await page.screenshot({ path: path.join(out, 'training.png') });
    // The lessons: lesson 2 downhill with a knob pointed at, 1 on neuron 5 and its threshold, 3 two stages
    // in, its mini-batch walks, then lesson 2's learning-rate trials.
    const click = async (label) => { await clickIn(page, label); await page.waitForTimeout(300); };
    const shot = async (name) => { await page.waitForTimeout(1000); await page.screenshot({ path: path.join(out, name) }); };
    await click('Lessons');
    await click('2: Gradient descent');
    await click('downhill + random');
    await click('Compute the landscape around here');
    await page.waitForFunction(() => !knobs.state().lesson2.computing, null, { timeout: 60000 });
    const knob = await page.evaluate(() => knobs.controlRect('knob 1'));
    await page.mouse.move(knob.x + knob.width / 2, knob.y + knob.height / 2);
    await shot('lesson2.png');
    await click('Lessons');
    await click('1: What is a network');
    await click('>');
    await click('neuron 5');
    await shot('lesson1.png');
    await reveal(page, 'bias b');  // the bias as a threshold, the squishing function, noise
    await click('Nudge the noise until it says 5');
    await shot('lesson1-threshold.png');
    await click('Lessons');
    await click('3: Backpropagation');
    await click('Next >');
    await click('Next >');
    await shot('lesson3.png');
    await click('A mini-batch');
    await click('New random start');  // far up the hill: the drunk man's walk goes down too
    await click('Walk downhill both ways');
    await page.waitForFunction(() => { const b = knobs.state().batch; return b.walked === 40 && b.cells > 0 && b.done === b.cells; },
                               null, { timeout: 60000 });
    await shot('lesson3-minibatch.png');
    // Last (each trial replaces the network): the learning-rate experiment, all three trials.
    await click('Lessons');
    await click('2: Gradient descent');
    // The learning-rate experiment, all three trials (the column brings their plots into view).
    for (const rate of ['too small: SGD 0.001', 'about right: SGD 0.05', 'too large: SGD 3']) {
      await click(rate);
      await page.waitForFunction(() => !knobs.state().playing, null, { timeout: 120000 });
    }
    await shot('lesson2-rates.png');
    await context.close();
  }
  {
    const { page, context } = await openApp(browser, url, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await ready(page);
    await stroke(page, TWO);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'phone.png') });
    await context.close();
  }
  // web/embed.html: Knobs twice in a course page (its top, at a laptop's size and on a phone).
  for (const [name, options] of [['embed.png', { viewport: { width: 1280, height: 1000 } }],
                                 ['embed-phone.png', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true }]]) {
    const { page, context } = await openApp(browser, `${url}embed.html`, { ...options, knobs: false });
    const frame = await (async () => {
      for (;;) {
        const f = page.frames().find((f) => f.url().includes('show=draw'));
        if (f) return f;
        await page.waitForTimeout(100);
      }
    })();
    await frame.waitForFunction(() => window.knobs && knobs.state().testReady, null, { timeout: 120000 });
    const box = await (await frame.frameElement()).boundingBox();
    await stroke({ page, frame, dx: box.x, dy: box.y }, TWO);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, name) });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
