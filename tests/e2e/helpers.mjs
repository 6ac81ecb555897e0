// helpers.mjs: what the browser tests (tests/e2e/*.test.mjs) and scripts/screenshots.mjs
// share: named checks with a tally, strokes and clicks with real mouse events, waiting on the
// app's state, non-blank screenshots.
//
// A "target" is the page Knobs runs in, or { page, frame, dx, dy } for Knobs inside an iframe
// (frame: its Frame, dx/dy: where its viewport sits in the page's, for the page's mouse).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pngContent } from './png.mjs';

const unwrap = (t) => (t.dx !== undefined ? t : { page: t, frame: t, dx: 0, dy: 0 });

export function checker() {
  const tally = { passed: 0, failed: 0 };
  tally.check = async (name, fn) => {
    try {
      await fn();
      tally.passed++;
      console.log(`ok - ${name}`);
    } catch (err) {
      tally.failed++;
      console.log(`FAIL - ${name}\n  ${String(err.stack || err).split('\n').slice(0, 30).join('\n  ')}`);
    }
  };
  // The last line of a run, and its exit code.
  tally.report = (what) => {
    console.log(`${what}: ${tally.passed} passed, ${tally.failed} failed`);
    process.exit(tally.failed ? 1 : 0);
  };
  return tally;
}

// A "1" and a "0" in pad units (0..1).
export const ONE = Array.from({ length: 12 }, (_, i) => [0.52 - 0.05 * i / 11, 0.18 + 0.64 * i / 11]);
export const ZERO = Array.from({ length: 41 }, (_, i) => {
  const t = i / 40 * 2 * Math.PI * 1.04;
  return [0.5 + 0.22 * Math.sin(t), 0.5 - 0.32 * Math.cos(t)];
});

// A stroke through points in pad units, with real mouse events.
export async function stroke(target, points) {
  const { page, frame, dx, dy } = unwrap(target);
  const r = await frame.evaluate(() => knobs.drawPadRect());
  const at = ([u, v]) => [dx + r.x + u * r.width, dy + r.y + v * r.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p));
  await page.mouse.up();
}

// Resolves after n animation frames (the app runs one frame per animation frame).
export function frames(target, n) {
  return unwrap(target).frame.evaluate((n) => new Promise((resolve) => {
    const step = (k) => (k ? requestAnimationFrame(() => step(k - 1)) : resolve());
    step(n);
  }), n);
}

// Clicks a button (or menu item) by its label, once a frame has laid it out (a menu's items
// exist from the frame after the menu opens).
export async function click(target, label) {
  const { page, frame, dx, dy } = unwrap(target);
  // A frame first: what the test did just before (a message line, a new tab) may move the button,
  // and the rectangles are those of the last frame drawn.
  await frames(target, 2);
  let c = null;
  for (let tries = 0; tries < 50 && !c; tries++) {
    c = await frame.evaluate((l) => knobs.controlRect(l), label);
    if (!c) await page.waitForTimeout(100);
  }
  assert.ok(c, `the "${label}" button is on screen`);
  // ...and where it stays for a frame: a line that comes or goes above it moves it.
  for (let tries = 0; tries < 20; tries++) {
    await frames(target, 1);
    const again = await frame.evaluate((l) => knobs.controlRect(l), label);
    if (!again || (again.x === c.x && again.y === c.y)) break;
    c = again;
  }
  if (c.visible === false) c = await reveal(target, label);
  assert.ok(c.enabled, `the "${label}" button is enabled`);
  await page.mouse.click(dx + c.x + c.width / 2, dy + c.y + c.height / 2);
  await frames(target, 2);  // the app sees a click in its next frame: never two clicks in one frame
}

// Scrolls a control's column with the mouse wheel, as a person would, until the control is wholly
// in view; returns its rectangle.
export async function reveal(target, label) {
  const { page, frame, dx, dy } = unwrap(target);
  const height = (await frame.evaluate(() => innerHeight));
  let c = null;
  for (let tries = 0; tries < 40; tries++) {
    c = await frame.evaluate((l) => knobs.controlRect(l), label);
    assert.ok(c, `the "${label}" control is on screen`);
    if (c.visible) return c;
    const below = c.y + c.height > height / 2;
    // The wheel over the control's column: at its x, half-way down the viewport.
    await page.mouse.move(dx + c.x + Math.min(c.width / 2, 20), dy + height / 2);
    await page.mouse.wheel(0, below ? 120 : -120);
    await frames(target, 2);
  }
  throw new Error(`could not scroll "${label}" into view: ${JSON.stringify(c)}`);
}

// Waits (polling: frames are slow on a CPU-drawn WebGL) until cond(state) holds.
export async function until(target, what, cond, timeout = 60000) {
  const { page, frame } = unwrap(target);
  const end = Date.now() + timeout;
  let s;
  while (Date.now() < end) {
    s = await frame.evaluate(() => knobs.state());
    if (cond(s)) return s;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(s).slice(0, 300)}`);
}

// Polls fn (which may be async: waitForFunction does not await a predicate's promise, a promise
// being truthy) in the page until it returns true; returns its last value when timeout runs out.
export async function settles(target, fn, arg, timeout = 60000) {
  const { page, frame } = unwrap(target);
  let v;
  for (const end = Date.now() + timeout; Date.now() < end; await page.waitForTimeout(250)) {
    v = await frame.evaluate(fn, arg);
    if (v === true) return v;
  }
  return v;
}

// Saves a screenshot as a test artifact and fails if it is blank (too few colours or pixels
// unlike the background).
export async function screenshotNotBlank(page, file, minColours = 200, options = {}) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, ...options });
  const c = pngContent(fs.readFileSync(file));
  assert.ok(c.busy > 0.2 && c.colours > minColours, `${path.basename(file)}: busy ${c.busy.toFixed(3)}, ${c.colours} colours`);
}
