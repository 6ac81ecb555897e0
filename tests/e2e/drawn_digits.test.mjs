#!/usr/bin/env node
// drawn_digits.test.mjs: are digits recognised as a student draws them? Every drawing of
// drawn_digits.mjs (hand-written strokes, 11 varied drawings per digit: sizes, places, slants,
// widths, three brush sizes) is drawn on the pad with real mouse events, pen down and up per
// stroke, and the app's guess is read. Prints the accuracy per digit and overall for the default
// network (3b1b) and for "sharp", and every misread drawing; fails if the default network reads
// fewer than 85% right, or sharp fewer than 95%. Contact sheets go to ARTIFACT_DIR
// (drawn-digits-3b1b.png, drawn-digits-sharp.png): a row per digit, the pad as drawn for the
// first two drawings of each digit and for every misread one (framed in red); set
// KNOBS_DRAWN_ALL=1 to picture all 110 (slower: a screenshot costs about as much as a drawing).
//
//   node tests/e2e/drawn_digits.test.mjs SITE_DIR ARTIFACT_DIR
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../../scripts/serve.mjs';
import { launch, openApp } from './browser.mjs';
import { checker, frames, until } from './helpers.mjs';
import { decodePng } from './png.mjs';
import { BRUSHES, describe, variants } from './drawn_digits.mjs';

const site = process.argv[2] || 'build/wasm/site';
const artifacts = process.argv[3] || 'build/e2e';
fs.mkdirSync(artifacts, { recursive: true });
const NETWORKS = [{ model: '3b1b', threshold: 0.85 }, { model: 'sharp', threshold: 0.95 }];

const tally = checker();
const check = tally.check;
const drawings = variants();

// [SECTION] The pen

// One stroke as a person draws it: to the start, pen down, along the line, pen up. The moves are
// sent without waiting for each to be handled (awaited one by one, every move costs the renderer
// a frame or more on SwiftShader: ~0.5 s each); they stay in order, and the app takes every one
// (knobs.js passes the coalesced events on, the app queues them until its next frame, and a
// press takes the samples that follow it in its frame). The app reads the pointer once per frame,
// so the pen lifts only after a frame has taken the last moves (as a person's pen lingers a
// moment), and the next press waits for a frame after the lift (a
// press in the same frame as a release would join two strokes).
async function penStroke(page, rect, points) {
  const at = ([u, v]) => [rect.x + u * rect.width, rect.y + v * rect.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  await Promise.all(points.slice(1).map((p) => page.mouse.move(...at(p))));
  await frames(page, 1);
  await page.mouse.up();
  await frames(page, 1);
}

// [SECTION] The brush

// Sets the pen's radius (% of the pad) with the brush= URL setting, as a course page would (typing
// into the slider with Ctrl+click depends on the key reaching the app in the click's frame, which
// a loaded machine does not guarantee); the size is then measured on the pad.
async function setBrush(page, percent) {
  // The URL setting a course page would use (brush=4.5, % of the pad); measured on the pad below.
  await page.evaluate((p) => knobs.setParams(`brush=${p}`), percent);
  await frames(page, 2);
}

// The pad's pixels (a screenshot of it), as { width, height, channels, px }.
async function padPixels(page) {
  const r = await page.evaluate(() => knobs.drawPadRect());
  return decodePng(await page.screenshot({ clip: { x: r.x + 2, y: r.y + 2, width: r.width - 4, height: r.height - 4 } }));
}

// The brush's radius (% of the pad), measured: a horizontal line across the pad, and the height
// of its solid part (ink >= 1/2 reaches 0.8 of the radius from the line: pad.cpp's brush_ink).
async function measureBrush(page) {
  await page.evaluate(() => knobs.clear());
  await frames(page, 2);
  const rect = await page.evaluate(() => knobs.drawPadRect());
  await penStroke(page, rect, Array.from({ length: 41 }, (_, i) => [0.25 + 0.5 * i / 40, 0.5]));
  await frames(page, 2);
  const img = await padPixels(page);
  const lum = (x, y) => { const i = (y * img.width + x) * img.channels; return img.px[i] + img.px[i + 1] + img.px[i + 2]; };
  const x = img.width >> 1, bg = lum(x, 4), top = lum(x, img.height >> 1), mid = (bg + top) / 2;
  let rows = 0;
  for (let y = 0; y < img.height; y++) if (lum(x, y) > mid) rows++;
  await page.evaluate(() => knobs.clear());
  await frames(page, 2);
  return 100 * rows / (1.6 * (img.width + 4));
}

// [SECTION] Contact sheets (a small PNG writer: 8-bit RGB)

const CRC = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
function encodePng(width, height, rgb) {
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = CRC[(c ^ b) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4), sum = Buffer.alloc(4), body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    len.writeUInt32BE(data.length);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const raw = Buffer.alloc(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) rgb.copy(raw, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
                        chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Rows = digits, columns = the drawings of that digit; each cell the pad shrunk to CELL pixels,
// framed red when misread.
function contactSheet(file, shots, wrong) {
  const CELL = 96, cols = Math.max(...drawings.map((d) => d.index)) + 1;
  const W = cols * CELL, H = 10 * CELL, rgb = Buffer.alloc(W * H * 3, 40);
  drawings.forEach((d, k) => {
    const img = shots[k];
    if (!img) return;
    const ox = d.index * CELL, oy = d.digit * CELL;
    for (let y = 2; y < CELL - 2; y++)
      for (let x = 2; x < CELL - 2; x++) {
        const sx = Math.floor((x - 2) * img.width / (CELL - 4)), sy = Math.floor((y - 2) * img.height / (CELL - 4));
        const i = (sy * img.width + sx) * img.channels, o = ((oy + y) * W + ox + x) * 3;
        rgb[o] = img.px[i]; rgb[o + 1] = img.px[i + 1]; rgb[o + 2] = img.px[i + 2];
      }
    if (wrong.has(k))
      for (let y = 0; y < CELL; y++)
        for (let x = 0; x < CELL; x++)
          if (x < 3 || y < 3 || x >= CELL - 3 || y >= CELL - 3) rgb.set([230, 40, 40], ((oy + y) * W + ox + x) * 3);
  });
  fs.writeFileSync(file, encodePng(W, H, rgb));
}

// [SECTION] The run

const { server, url } = await serve(site);
const browser = await launch();
// Only the pad and the guess (as a course page embeds it, show=draw,guess) in a 1024x768 window:
// the same pad, brush, recipe and networks as the full app, with frames several times cheaper on
// SwiftShader (the network view's 13,000 edges are not drawn).
const { page, errors } = await openApp(browser, `${url}?show=draw,guess`, { viewport: { width: 1024, height: 768 } });
const results = {};  // model -> [{digit, guess, p}] in the order of `drawings`
const shots = [];
const started = Date.now();
try {
  await check('the page loads with the 3b1b network', async () => {
    const s = await until(page, 'the data', (s) => s.testReady, 120000);
    assert.equal(s.model, '3b1b');
    const r = await page.evaluate(() => knobs.drawPadRect());
    console.log(`  (the pad: ${r.width.toFixed(0)} x ${r.height.toFixed(0)} CSS px)`);
  });

  await check('brush= sets the pen\'s size (measured on the pad)', async () => {
    for (const b of [BRUSHES[0], BRUSHES.at(-1), 4.5]) {
      await setBrush(page, b);
      const m = await measureBrush(page);
      assert.ok(Math.abs(m / b - 1) < 0.2, `asked for a ${b}% brush, measured ${m.toFixed(2)}%`);
    }
  });

  // Drawn brush by brush (three brush changes per network, not 110), in the same order each time.
  const order = drawings.map((d, k) => k).sort((a, b) => drawings[a].brush - drawings[b].brush || a - b);
  for (const { model, threshold } of NETWORKS) {
    const t0 = Date.now();
    await check(`${model}: ${drawings.length} drawn digits, read one by one`, async () => {
      if (model !== '3b1b') {
        await page.evaluate((m) => knobs.setParams(`model=${m}`), model);
        await until(page, `the ${model} network`, (s) => s.model === model, 60000);
      }
      const res = (results[model] = []);
      let brush = null;
      for (const k of order) {
        const d = drawings[k];
        if (d.brush !== brush) {
          await setBrush(page, d.brush);
          brush = d.brush;
        }
        // Clear, and a frame later the guess is "empty" (one round trip: each costs on SwiftShader).
        const before = await page.evaluate(() => {
          knobs.clear();
          return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() =>
            resolve({ empty: knobs.prediction().empty, rect: knobs.drawPadRect() }))));
        });
        assert.equal(before.empty, true, `${describe(d)}: the guess is empty after knobs.clear()`);
        for (const s of d.strokes) await penStroke(page, before.rect, s);
        await frames(page, 2);  // the pad's last change reaches the network and the guess
        const p = await page.evaluate(() => knobs.prediction());
        assert.equal(p.empty, false, `${describe(d)}: the pad is empty after drawing`);
        res[k] = { digit: d.digit, guess: p.digit, p: p.probabilities[p.digit], pRight: p.probabilities[d.digit] };
        // Pictures (a screenshot costs as much as a drawing): the first two of each digit, and misreads.
        if (!shots[k] && (d.index < 2 || p.digit !== d.digit || process.env.KNOBS_DRAWN_ALL)) shots[k] = await padPixels(page);
      }
    });
    const res = results[model] || [];
    const secs = (Date.now() - t0) / 1000;
    console.log(`\n${model}: per digit (right / drawn), ${secs.toFixed(0)} s`);
    let right = 0, total = 0;
    for (let digit = 0; digit <= 9; digit++) {
      const mine = res.filter((r) => r && r.digit === digit);
      const ok = mine.filter((r) => r.guess === digit).length;
      right += ok; total += mine.length;
      const byStyle = {};
      drawings.forEach((d, k) => { if (d.digit === digit && res[k]) (byStyle[d.style] ||= [0, 0])[res[k].guess === digit ? 0 : 1]++; });
      console.log(`  ${digit}: ${String(ok).padStart(2)}/${mine.length}  ${(100 * ok / Math.max(1, mine.length)).toFixed(0).padStart(3)}%   ` +
                  Object.entries(byStyle).map(([s, [y, n]]) => `${s} ${y}/${y + n}`).join(', '));
    }
    const accuracy = right / Math.max(1, total);
    console.log(`  overall: ${right}/${total} = ${(100 * accuracy).toFixed(1)}% (needs ${100 * threshold}%)`);
    const wrong = new Set(res.map((r, k) => (r && r.guess !== r.digit ? k : -1)).filter((k) => k >= 0));
    if (wrong.size) console.log(`  misread:`);
    for (const k of wrong) {
      const r = res[k];
      console.log(`    ${describe(drawings[k])} -> ${r.guess} (${r.p.toFixed(2)}; ${r.digit}: ${r.pRight.toFixed(2)})`);
    }
    const sheet = path.join(artifacts, `drawn-digits-${model}.png`);
    contactSheet(sheet, shots, wrong);
    console.log(`  contact sheet: ${sheet}\n`);
    await check(`${model}: at least ${100 * threshold}% of the drawn digits are read right`, async () => {
      assert.equal(total, drawings.length, 'every drawing was read');
      assert.ok(accuracy >= threshold, `${(100 * accuracy).toFixed(1)}% right`);
    });
  }

  await check('no console errors', async () => {
    assert.deepEqual(errors, []);
  });
} finally {
  await browser.close();
  server.close();
}
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s in the browser)`);
tally.report('drawn digits');
