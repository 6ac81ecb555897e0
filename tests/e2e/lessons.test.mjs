#!/usr/bin/env node
// lessons.test.mjs: the lessons as a student and a teacher use them, in headless Chromium with real
// mouse events, at 1440x900, then the same session resized to 1280x720 and a 390x844 phone:
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
import { checker, click, frames, reveal, settles, until, screenshotNotBlank, stroke, ONE, ZERO } from './helpers.mjs';
import { decodePng } from './png.mjs';

const site = process.argv[2] || 'build/wasm/site';
const artifacts = process.argv[3] || 'build/e2e';
const walkDir = path.join(artifacts, 'walk');
fs.rmSync(walkDir, { recursive: true, force: true });  // this run's walk only
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
  // One student's session: the experiments run once (at 1440x900), then the window changes size
  // and each result must still be in view (the column brings the last one back by itself).
  const { page, errors, context } = await openApp(browser, `${url}?lesson=2`, { viewport: SIZES[1].viewport });
  await until(page, 'the data', (s) => s.trainReady && s.testReady, 120000);
  const steps = {};
  const shot = async (size, what) => {
    await frames(page, 2);
    steps[size.name] = (steps[size.name] || 0) + 1;
    await screenshotNotBlank(page, path.join(walkDir, `${size.name}-${String(steps[size.name]).padStart(2, '0')}-${what}.png`), 100);
  };

  await check('lesson 2 opens on a test image, said on screen', async () => {
    const s = await until(page, 'a test image on the pad', (s) => s.backprop.testImage === 0, 20000);
    assert.equal(s.lesson, 2);
    assert.equal((await page.evaluate(() => knobs.prediction())).empty, false);
    // knobs.controls(): every control by what it says, with its place and state.
    const controls = await page.evaluate(() => knobs.controls());
    for (const label of [...RATES, 'Lessons', 'Play', 'Compute the landscape around here']) {
      const c = controls.find((x) => x.label === label);
      assert.ok(c, `knobs.controls() lists "${label}"`);
      assert.ok(c.width > 0 && c.height > 0 && c.enabled === true && typeof c.visible === 'boolean', JSON.stringify(c));
    }
    await shot(SIZES[1], 'lesson2-open');
  });

  await check('the three learning rates teach what their labels say, and their curves are in view', async () => {
    for (const label of RATES) {
      await click(page, label);
      await until(page, `${label} finished`, (s) => !s.playing && s.lesson2.trials.some((t) => t.label === label && !t.running), 120000);
    }
    const s = await page.evaluate(() => knobs.state());
    const t = Object.fromEntries(s.lesson2.trials.map((x) => [x.label, x]));
    console.log(`  ${RATES.map((r) => `${r}: ${(100 * t[r].accuracy).toFixed(1)}% (cost ${t[r].costStart.toFixed(2)} -> ${t[r].costEnd.toFixed(2)}, highest ${t[r].costPeak.toFixed(2)})`).join('; ')}`);
    assert.ok(t[RATES[1]].accuracy >= 0.85, 'about right learns');
    assert.ok(t[RATES[0]].accuracy <= t[RATES[1]].accuracy - 0.1, 'too small is slower');
    assert.ok(t[RATES[2]].costPeak >= 1.5 * t[RATES[2]].costStart || t[RATES[2]].ended.includes('divergence'), 'too large jumps out');
    assert.ok(t[RATES[2]].accuracy <= 0.2, 'too large is stuck near 10%');
    assert.ok(Math.abs(s.testAccuracy - t[RATES[2]].accuracy) < 0.05, `the Train panel's accuracy is the last trial's: ${s.testAccuracy}`);
    await inView(page, 'learning-rate plots');
    await shot(SIZES[1], 'learning-rates');
  });

  await check('the 4 random starts learn (after the too-large trial), and their table is in view', async () => {
    await click(page, 'Train from 4 random starts (one epoch each)');
    const s = await until(page, 'the 4 starts', (s) => !s.lesson2.startsRunning && s.lesson2.starts.length === 4, 300000);
    const starts = s.lesson2.starts;
    console.log(`  4 starts: ${starts.map((r) => `${(100 * r.accuracy).toFixed(1)}% cost ${r.cost.toFixed(3)}`).join(', ')}`);
    for (const r of starts) assert.ok(r.accuracy > 0.85, `each start learns: ${r.accuracy}`);
    for (const r of starts) for (const d of r.distances) if (d > 0) assert.ok(d > 1, 'the solutions lie apart');
    await inView(page, 'random starts table');
    await shot(SIZES[1], 'random-starts');
  });

  // The phone first: the 4-starts table brought back into view (bottom-aligned) leaves the
  // learning-rate plots above it in view too; then 1280x720, where a trial run anew brings its plots.
  await check(`${SIZES[2].name}: after turning to a phone, the 4-starts table and the learning-rate plots are in view`, async () => {
    await page.setViewportSize(SIZES[2].viewport);
    await frames(page, 3);
    await inView(page, 'random starts table');
    await inView(page, 'learning-rate plots');
    await shot(SIZES[2], 'experiments');
  });
  await check(`${SIZES[0].name}: the 4-starts table is still in view, and a learning-rate trial's curves come into view`, async () => {
    await page.setViewportSize(SIZES[0].viewport);
    await frames(page, 3);
    await inView(page, 'random starts table');
    await shot(SIZES[0], 'random-starts');
    await click(page, RATES[1]);
    await until(page, 'the trial finished', (s) => !s.playing && s.lesson2.trials.every((t) => !t.running), 120000);
    await inView(page, 'learning-rate plots');
    await shot(SIZES[0], 'learning-rates');
  });

  for (const size of SIZES) {
    await check(`${size.name}: lessons 1 and 3 open on a test image; noise nudged until it says 5`, async () => {
      await page.setViewportSize(size.viewport);
      await page.evaluate(() => knobs.clear());
      await page.evaluate(() => knobs.setParams('model=3b1b&lesson=1'));
      await until(page, 'lesson 1 on a test image', (s) => s.lesson === 1 && s.backprop.testImage === 0 && s.model === '3b1b', 20000);
      await shot(size, 'lesson1');
      await click(page, 'Nudge the noise until it says 5');
      await page.waitForFunction(() => knobs.prediction().digit === 5, null, { timeout: 20000 });
      const p = await page.evaluate(() => knobs.prediction());
      assert.equal(p.digit, 5);
      assert.ok(p.probabilities[5] >= 0.99, `says 5 at ${p.probabilities[5]}`);
      await shot(size, 'lesson1-fooled');
      await page.evaluate(() => knobs.clear());
      await page.evaluate(() => knobs.setParams('lesson=3'));
      await until(page, 'lesson 3 on a test image', (s) => s.lesson === 3 && s.backprop.testImage === 0, 20000);
      await shot(size, 'lesson3');
      await page.evaluate(() => knobs.clear());
      await page.evaluate(() => knobs.setParams('lesson=2'));
    });
  }
  // Lesson 2's last experiment (issue 15), at the phone size the loop above left: true labels against
  // shuffled ones, what the plot and the words claim, and the link to lesson 1's noise.
  await check(`${SIZES[2].name}: shuffled labels are learned by heart slowly and stay at chance on test images; the plot comes into view`, async () => {
    await until(page, 'lesson 2', (s) => s.lesson === 2, 20000);
    const model = (await page.evaluate(() => knobs.state())).model;
    await click(page, 'Train on true and on shuffled labels');
    const started = Date.now();
    const s = await until(page, 'both runs', (s) => s.memorise.done, 300000);
    const [truth, shuffled] = s.memorise.runs;
    const last = (a) => a[a.length - 1];
    console.log(`  ${((Date.now() - started) / 1000).toFixed(1)} s: true labels ${truth.trainPercent[5].toFixed(1)}% of training images at epoch 5, ` +
                `test ${last(truth.testPercent).toFixed(1)}%; shuffled ${shuffled.trainPercent[5].toFixed(1)}% at epoch 5, ` +
                `${last(shuffled.trainPercent).toFixed(1)}% at ${s.memorise.epochs}, test ${last(shuffled.testPercent).toFixed(1)}%`);
    assert.equal(truth.trainPercent.length, 41);
    assert.ok(truth.trainPercent[5] >= 99, 'true labels: 99% of the training images within 5 epochs');
    assert.ok(last(truth.testPercent) >= 75, 'true labels: most test images right');
    assert.ok(shuffled.trainPercent[5] <= 60, 'shuffled: slowly');
    assert.ok(last(shuffled.trainPercent) >= 90, 'shuffled: learned by heart');
    assert.ok(Math.abs(last(shuffled.testPercent) - 10) <= 5, 'shuffled: chance on the test images');
    assert.equal(s.model, model, 'the network in the app is not changed');
    await inView(page, 'memorise plot');
    await shot(SIZES[2], 'memorise');
    await click(page, 'Lesson 1: feed it noise');
    const noise = await until(page, 'lesson 1 with noise', (s) => s.lesson === 1 && s.backprop.testImage === -1, 20000);
    assert.equal((await page.evaluate(() => knobs.prediction())).empty, false, 'the noise gets an answer');
    assert.equal(noise.lesson, 1);
    await inView(page, 'Nudge the noise until it says 5');
    await shot(SIZES[2], 'memorise-noise');
  });
  await check('no console errors', async () => { assert.deepEqual(errors, []); });
  await context.close();

  await check('lesson 3: a click on an edge shows that weight\'s chain rule, a_prev x f\'(z) x dC/da, and a click on a neuron its bias\'s', async () => {
    const { page, errors, context } = await openApp(browser, `${url}?lesson=3`, { viewport: { width: 1440, height: 900 } });
    await until(page, 'lesson 3 on a test image', (s) => s.lesson === 3 && s.backprop.testImage === 0 && s.testReady, 120000);
    assert.equal((await page.evaluate(() => knobs.state())).backprop.knob, null, 'no knob picked yet');
    // A click on the edge from hidden 1 neuron 3 to hidden 2 neuron 5, a third of the way along.
    // Between two layers of 16 the 256 edges lie about a pixel apart: the edge picked must pass
    // under the pointer (within 1.5 CSS pixels), whichever of its neighbours it is.
    const centre = (r) => [r.x + r.width / 2, r.y + r.height / 2];
    const [x0, y0] = centre(await page.evaluate(() => knobs.neuronRect(1, 3)));
    const [x1, y1] = centre(await page.evaluate(() => knobs.neuronRect(2, 5)));
    const [cx, cy] = [Math.round(x0 + 0.33 * (x1 - x0)), Math.round(y0 + 0.33 * (y1 - y0))];
    await page.mouse.click(cx, cy);
    const s = await until(page, 'the weight picked', (s) => s.backprop.knob !== null, 5000);
    const k = s.backprop.knob;
    assert.equal(k.layer, 1, `an edge from hidden layer 1 into hidden layer 2: ${JSON.stringify(k)}`);
    const [ax, ay] = centre(await page.evaluate((j) => knobs.neuronRect(1, j), k.from));
    const [bx, by] = centre(await page.evaluate((i) => knobs.neuronRect(2, i), k.to));
    const t = Math.max(0, Math.min(1, ((cx - ax) * (bx - ax) + (cy - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    const miss = Math.hypot(ax + t * (bx - ax) - cx, ay + t * (by - ay) - cy);
    assert.ok(miss <= 1.5, `the picked edge ${k.from} -> ${k.to} passes ${miss.toFixed(2)} px from the click`);
    const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-4 * Math.max(1e-6, Math.abs(b)), `${what}: ${a} vs ${b}`);
    close(k.aPrev * k.fprime * k.dCda, k.dCdknob, 'a_prev x f\'(z) x dC/da');
    close(k.pathSum, k.dCda, 'dC/da, the sum over the paths above');
    assert.equal(k.paths, 10);
    close(k.nudge, -k.dCdknob, 'the lesson\'s nudge');
    await screenshotNotBlank(page, path.join(artifacts, 'lesson3-chain-rule.png'), 100);
    await page.mouse.click(...centre(await page.evaluate(() => knobs.neuronRect(3, 7))));
    const b = (await until(page, 'the bias picked', (s) => s.backprop.knob && s.backprop.knob.from === -1, 5000)).backprop.knob;
    assert.deepEqual([b.layer, b.to, b.aPrev, b.paths], [2, 7, 1, 0], `output 7's bias: ${JSON.stringify(b)}`);
    close(b.dCdknob, b.dCdz, 'dC/db = dC/dz');
    // A pixel: its weight into the first-layer neuron it matters most to; the same click again lets go.
    const pixel = 14 * 28 + 14;
    const pixelAt = centre(await page.evaluate((j) => knobs.neuronRect(0, j), pixel));
    await page.mouse.click(...pixelAt);
    const q = (await until(page, 'the pixel\'s weight picked', (s) => s.backprop.knob && s.backprop.knob.layer === 0, 5000)).backprop.knob;
    assert.equal(q.from, pixel);
    close(q.aPrev * q.fprime * q.dCda, q.dCdknob, 'the pixel\'s weight: a_prev x f\'(z) x dC/da');
    await page.mouse.click(...pixelAt);
    await until(page, 'nothing picked', (s) => s.backprop.knob === null, 5000);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Lesson 1's hand-made neuron (issue 15): painted with a mouse (and a finger on a phone), its
  // top test images follow what was painted; put in the network it costs accuracy, and Play wins
  // it back while turning its knobs.
  await check('hand neuron: a stroke down the middle with orange either side finds 1s; put in, it costs accuracy and Play wins it back', async () => {
    const { page, errors, context } = await openApp(browser, `${url}?lesson=1`, { viewport: { width: 1440, height: 900 } });
    await until(page, 'the data', (s) => s.lesson === 1 && s.trainReady && s.testReady, 120000);
    const blankAt = await reveal(page, 'Blank');
    await click(page, 'Blank');
    let s = await until(page, 'a blank neuron', (s) => s.hand.preset === 'blank' && s.hand.weightsUp === 0, 5000);
    await frames(page, 3);
    const blankAfter = await page.evaluate(() => knobs.controlRect('Blank'));
    assert.ok(Math.abs(blankAfter.y - blankAt.y) < 1, `a starting point leaves the column where it was: ${blankAt.y} -> ${blankAfter.y}`);
    const paint = async (points) => {
      const r = await reveal(page, 'hand canvas');
      const at = ([u, v]) => [r.x + u * r.width, r.y + v * r.height];
      await page.mouse.move(...at(points[0]));
      await page.mouse.down();
      for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 4 });
      await page.mouse.up();
      await frames(page, 3);
    };
    await paint([[0.5, 0.15], [0.5, 0.5], [0.5, 0.85]]);
    s = await until(page, 'the stroke painted', (s) => s.hand.weightsUp >= 20 && s.hand.top.length === 8, 10000);
    assert.equal(s.hand.weightsDown, 0);
    await click(page, 'Down (orange)');
    await paint([[0.33, 0.15], [0.33, 0.85]]);
    await paint([[0.67, 0.15], [0.67, 0.85]]);
    s = await until(page, 'the sides painted', (s) => s.hand.weightsDown >= 40 && s.hand.top.length === 8, 10000);
    const ones = s.hand.topLabels.filter((d) => d === 1).length;
    console.log(`  painted by mouse: ${s.hand.weightsUp} up, ${s.hand.weightsDown} down; top labels ${s.hand.topLabels.join(' ')}; lit % ${s.hand.litPercent.map(Math.round).join(' ')}`);
    assert.ok(ones >= 6, `a stroke down the middle with orange either side is excited most by 1s: ${s.hand.topLabels}`);
    // The eraser takes part of the stroke away.
    await click(page, 'Eraser (to 0)');
    await paint([[0.5, 0.1], [0.5, 0.3]]);
    const erased = await until(page, 'part erased', (t) => t.hand.weightsUp < s.hand.weightsUp, 5000);
    assert.ok(erased.hand.weightsUp > 0, 'only part of the stroke');
    // Put it in as neuron 0 (lesson 1's picked neuron): the result is said where the button is,
    // and nothing above it moves (a message line or a section that shrank would shift the column).
    const placeAt = await reveal(page, 'Put it in the network as neuron 0');
    await click(page, 'Put it in the network as neuron 0');
    s = await until(page, 'placed', (s) => s.hand.placed !== null, 10000);
    await frames(page, 3);
    const placedAt = await page.evaluate(() => knobs.controlRect('Put it in the network as neuron 0'));
    assert.ok(Math.abs(placedAt.y - placeAt.y) < 1, `the button stayed put: ${placeAt.y} -> ${placedAt.y}`);
    const p = s.hand.placed;
    console.log(`  put in as neuron 0: test accuracy ${(100 * p.accuracyBefore).toFixed(1)}% -> ${(100 * p.accuracyAfter).toFixed(1)}%`);
    assert.ok(p.accuracyAfter < p.accuracyBefore, 'it costs accuracy');
    await inView(page, 'Put it in the network as neuron 0');
    await click(page, 'Play');
    s = await until(page, 'half an epoch since', (s) => s.hand.placed.accuracyNow >= 0 && s.hand.placed.examplesSince >= 30000, 120000);
    await click(page, 'Pause');
    const q = s.hand.placed;
    console.log(`  after ${q.examplesSince} images: ${(100 * q.accuracyNow).toFixed(1)}%; alike ${q.similarity.toFixed(3)}`);
    assert.ok(q.accuracyNow > p.accuracyAfter, 'training wins accuracy back');
    assert.ok(q.similarity < 0.999 && q.similarity > 0, 'training turned its knobs too');
    await screenshotNotBlank(page, path.join(artifacts, 'lesson1-hand.png'), 100);
    assert.deepEqual(errors, []);
    await context.close();
  });

  await check('hand neuron on a phone: a finger paints the canvas without scrolling; a swipe from a slider scrolls, a slide moves it', async () => {
    const { page, errors, context } = await openApp(browser, `${url}?lesson=1`, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true });
    await until(page, 'the data', (s) => s.lesson === 1 && s.testReady, 120000);
    await click(page, 'Blank');
    await until(page, 'a blank neuron', (s) => s.hand.weightsUp === 0, 5000);
    const r = await reveal(page, 'hand canvas');
    const cdp = await context.newCDPSession(page);
    const x = Math.round(r.x + r.width / 2), y0 = Math.round(r.y + r.height * 0.2);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
    for (let k = 1; k <= 10; k++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: Math.round(y0 + k * r.height * 0.06) }] });
      await page.waitForTimeout(30);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await frames(page, 3);
    const s = await until(page, 'the finger painted', (s) => s.hand.weightsUp >= 15, 5000);
    const after = await page.evaluate(() => knobs.controlRect('hand canvas'));
    assert.ok(Math.abs(after.y - r.y) < 2, `the column stayed put under the finger: ${r.y} -> ${after.y}`);
    console.log(`  a finger's stroke: ${s.hand.weightsUp} weights up`);
    await screenshotNotBlank(page, path.join(artifacts, 'lesson1-hand-phone.png'), 60);
    // A swipe up that starts on a slider scrolls the lesson and leaves the slider's value; a slide
    // sideways moves it. (ImGui alone would set the value where the finger landed.)
    const swipe = async (x0, y0, dx, dy) => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: y0 }] });
      for (let k = 1; k <= 10; k++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: Math.round(x0 + dx * k / 10), y: Math.round(y0 + dy * k / 10) }] });
        await page.waitForTimeout(40);
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await frames(page, 3);
    };
    const bias = await reveal(page, 'hand bias');
    const b0 = (await page.evaluate(() => knobs.state())).hand.bias;
    // Off the slider's middle, so a value set where the finger landed would differ from b0.
    await swipe(Math.round(bias.x + bias.width * 0.85), Math.round(bias.y + bias.height / 2), 0, -150);
    const moved = await page.evaluate(() => knobs.controlRect('hand bias'));
    assert.equal((await page.evaluate(() => knobs.state())).hand.bias, b0, 'a swipe that began on the slider left its value');
    assert.ok(moved.y < bias.y - 60, `the swipe scrolled the lesson: ${bias.y} -> ${moved.y}`);
    await swipe(Math.round(moved.x + moved.width * 0.5), Math.round(moved.y + moved.height / 2), Math.round(moved.width * 0.3), 0);
    const slid = await until(page, 'the slide moved the bias', (t) => t.hand.bias > b0, 5000);
    console.log(`  swipe on the bias slider: ${b0} kept, the lesson scrolled ${Math.round(bias.y - moved.y)} px; a slide: ${slid.hand.bias.toFixed(2)}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Lesson 3's own digits (issue 15): drawings labelled with real clicks become a second test set
  // whose score is the network's own guesses; kept in the browser across a reload; carried to
  // another browser as IDX files through the real download and file chooser.
  await check('your own digits: labelled drawings are scored as the network guessed them, kept across a reload, and carried as IDX files', async () => {
    const { page, errors, context } = await openApp(browser, `${url}?lesson=3&view=mydigits`, { viewport: { width: 1440, height: 900 } });
    let s = await until(page, 'the data and the view', (s) => s.trainReady && s.testReady && s.myDigits.kept, 120000);
    assert.equal(s.myDigits.count, 0);
    await frames(page, 3);
    assert.equal((await page.evaluate(() => knobs.controlRect('this was a 1'))).enabled, false, 'nothing to label on a test image');
    const drawings = [[1, ONE], [0, ZERO], [1, ONE.map(([x, y]) => [x - 0.2, y])], [7, [[0.25, 0.2], [0.72, 0.2], [0.45, 0.85]]]];
    let right = 0;
    for (const [i, [digit, points]] of drawings.entries()) {
      await page.evaluate(() => knobs.clear());
      await stroke(page, points);
      await frames(page, 2);
      const g = await page.evaluate(() => knobs.prediction());
      assert.equal(g.empty, false, 'a guess for the drawing');
      right += g.digit === digit ? 1 : 0;
      await click(page, `this was a ${digit}`);
      await until(page, 'labelled', (t) => t.myDigits.count === i + 1, 5000);
      // The guess follows the cleared pad in the app's next frame (a frame that draws nothing new
      // is short now, so the test can read in between).
      assert.ok(await settles(page, () => knobs.prediction().empty, undefined, 5000), 'the pad cleared for the next one');
    }
    s = await until(page, 'scored', (t) => t.myDigits.correct >= 0, 5000);
    console.log(`  4 drawings labelled: the network read ${right}; the panel says ${s.myDigits.correct}; per digit ${s.myDigits.perDigit.join(' ')}`);
    assert.equal(s.myDigits.correct, right, "the score is the network's own guesses");
    assert.deepEqual(s.myDigits.perDigit, [1, 2, 0, 0, 0, 0, 0, 1, 0, 0]);
    assert.equal(s.myDigits.plain.total, 4, 'each drawn here, so each is scored without the recipe too');
    await inView(page, 'my cell 1,1');
    await screenshotNotBlank(page, path.join(artifacts, 'lesson3-my-digits.png'), 100);
    await page.reload();
    await page.waitForFunction(() => window.knobs !== undefined);
    s = await until(page, 'read back after a reload', (t) => t.myDigits.kept && t.myDigits.count === 4, 60000);
    assert.deepEqual(s.myDigits.perDigit, [1, 2, 0, 0, 0, 0, 0, 1, 0, 0]);
    await click(page, 'Remove the last one');
    await until(page, 'removed', (t) => t.myDigits.count === 3, 5000);
    await click(page, 'Bring back the 1 removed');
    await until(page, 'brought back', (t) => t.myDigits.count === 4, 5000);
    // The IDX files, downloaded and chosen in another browser (a fresh context: empty storage).
    const files = [];
    for (const label of ['Download images (IDX)', 'Download labels (IDX)']) {
      const [download] = await Promise.all([page.waitForEvent('download'), click(page, label)]);
      const file = path.join(artifacts, download.suggestedFilename());
      await download.saveAs(file);
      files.push(file);
    }
    const images = fs.readFileSync(files[0]), labels = fs.readFileSync(files[1]);
    assert.deepEqual([...images.subarray(0, 8)], [0, 0, 8, 3, 0, 0, 0, 4], 'an IDX images file of 4');
    assert.equal(images.length, 16 + 4 * 784);
    assert.deepEqual([...labels.subarray(8)], [1, 0, 1, 7]);
    const other = await openApp(browser, `${url}?lesson=3&view=mydigits`, { viewport: { width: 1440, height: 900 } });
    await until(other.page, 'an empty set', (t) => t.testReady && t.myDigits.kept && t.myDigits.count === 0, 120000);
    const [chooser] = await Promise.all([other.page.waitForEvent('filechooser'), click(other.page, 'Load IDX files')]);
    await chooser.setFiles(files);
    const t = await until(other.page, 'loaded and scored', (t) => t.myDigits.count === 4 && t.myDigits.correct >= 0, 10000);
    assert.deepEqual(t.myDigits.perDigit, [1, 2, 0, 0, 0, 0, 0, 1, 0, 0]);
    assert.equal(t.myDigits.correct, right, 'the same digits, the same score');
    assert.equal(t.myDigits.plain.total, 0, 'loaded digits have no drawing without the recipe');
    assert.deepEqual(other.errors, []);
    await other.context.close();
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Lesson 2's race of two settings (issue 15): a teacher's link starts one by itself; a student
  // picks another with real clicks. Both must end with a winner whose numbers hold.
  await check('race: a race= link starts lr 0.1 against lr 3 and lr 3 wins; a race picked by clicks runs and is shared', async () => {
    const { page, errors, context } = await openApp(browser, `${url}?race=lr:0.1,3`, { viewport: { width: 1440, height: 900 } });
    let s = await until(page, 'the linked race over', (s) => s.race.over, 180000);
    assert.equal(s.lesson, 2);
    assert.deepEqual([s.race.kind, s.race.target, s.race.values], ['lr', 85, [0.1, 3]]);
    const [slow, fast] = s.race.sides;
    console.log(`  lr race: ${fast.name} at ${fast.reachedExamples} images, ${(fast.reachedSeconds * 1000).toFixed(0)} ms; ` +
                `${slow.name} at ${slow.points[slow.points.length - 1][3].toFixed(1)}%`);
    assert.equal(s.race.winner, 1, 'lr 3 is first to 85%');
    assert.ok(fast.reachedSeconds > 0 && slow.seconds >= fast.reachedSeconds, 'the loser trained as long');
    for (const [examples, seconds, , percent] of slow.points)
      if (seconds <= fast.reachedSeconds) assert.ok(percent < 85, `lr 0.1 short of the finish at ${examples}`);
    await inView(page, 'race plots');
    await screenshotNotBlank(page, path.join(artifacts, 'lesson2-race-lr.png'), 100);
    await click(page, 'images seen');
    assert.equal((await until(page, 'plotted per image', (s) => s.race.plotImages, 5000)).race.plotImages, true);
    assert.equal(s.race.verdict.perImage, 'behind', 'lr 0.1 is behind per image too');
    // A student's race: batch 1 against 64, to 90%.
    await click(page, 'batch size');
    await click(page, '90% right');
    s = await until(page, 'batch picked', (s) => s.race.kind === 'batch' && s.race.target === 90, 5000);
    assert.deepEqual(s.race.values, [1, 64]);
    await click(page, 'Start the race');
    s = await until(page, 'the batch race over', (s) => s.race.over && s.race.kind === 'batch' && s.race.sides[0].name === 'batch 1', 180000);
    const [one, many] = s.race.sides;
    console.log(`  batch race: ${one.name} ${Math.round(one.examplesPerSecond)} images/s, ${many.name} ${Math.round(many.examplesPerSecond)} images/s; winner ${s.race.sides[s.race.winner].name}`);
    assert.ok(s.race.winner >= 0, 'someone reached 90%');
    assert.ok(many.examplesPerSecond > one.examplesPerSecond, 'a batch of 64 goes through more images per second');
    // The words' "per image" verdict, recomputed from the plotted points: the loser's first test
    // after the start against the winner's at as many images or a few more.
    const win = s.race.sides[s.race.winner], other = s.race.sides[1 - s.race.winner];
    const then = other.points.filter((p) => p[1] <= win.reachedSeconds).pop();
    assert.deepEqual(s.race.verdict.otherThen, then);
    const mine = other.points[1];
    const same = win.points.find((p) => p[0] >= mine[0]);
    const verdict = mine[3] > same[3] + 1 ? 'ahead' : mine[3] < same[3] - 1 ? 'behind' : 'level';
    console.log(`  per image: ${other.name} ${mine[3].toFixed(1)}% after ${mine[0]}, ${win.name} ${same[3].toFixed(1)}% after ${same[0]}: ${verdict}`);
    assert.equal(verdict, 'ahead', 'batch 1 was ahead per image early on');
    assert.equal(s.race.verdict.perImage, verdict);
    await inView(page, 'race plots');
    await click(page, 'Share a link');
    const share = await page.evaluate(() => knobs.share());
    assert.equal(share.url, `${url}?${share.query}`, 'the page\'s own query (race=lr:0.1,3) left out');
    assert.match(share.query, /race=batch:1,64/);
    assert.match(share.query, /finish=90/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  await check('phone with touch: choosing a lesson shows it, and a finger swipe scrolls it', async () => {
    const { page, errors, context } = await openApp(browser, url, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true });
    await until(page, 'the data', (s) => s.trainReady && s.testReady, 120000);
    await page.evaluate(() => knobs.setParams('lesson=2'));
    await frames(page, 3);
    const before = await page.evaluate(() => knobs.controlRect('too small: SGD 0.001'));
    assert.ok(before, 'the Lesson tab is shown at once (its buttons are laid out)');
    const cdp = await context.newCDPSession(page);
    const x = 200, y = 600;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (let k = 1; k <= 10; k++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - 30 * k }] });
      await page.waitForTimeout(50);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await frames(page, 3);
    const after = await page.evaluate(() => knobs.controlRect('too small: SGD 0.001'));
    assert.ok(after.y < before.y - 100, `the lesson scrolled up under the finger: ${before.y} -> ${after.y}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

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
