#!/usr/bin/env node
// native_smoke.mjs: the desktop app in a real window (Xvfb + Mesa's OpenGL 3.3), driven by its
// own scripted pointer: it must start, draw 120 frames, recognise the "1" and the "0" it draws,
// write a non-blank screenshot and its state, and exit 0. Bad options must exit 2 with a message.
//
//   node tests/native_smoke.mjs path/to/knobs ARTIFACT_DIR
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pngContent } from './e2e/png.mjs';

const [app, artifacts = 'build/native-smoke'] = process.argv.slice(2);
fs.mkdirSync(artifacts, { recursive: true });
const shot = path.join(artifacts, 'native.png'), state = path.join(artifacts, 'native.json');
fs.rmSync(shot, { force: true });
fs.rmSync(state, { force: true });

let passed = 0, failed = 0;
function check(name, fn) {
  try { fn(); passed++; console.log(`ok - ${name}`); } catch (err) { failed++; console.log(`FAIL - ${name}\n  ${err.message}`); }
}

const run = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1440x900x24', app, '--script', 'digits', '--frames', '120',
                                   '--screenshot', shot, '--state', state], { encoding: 'utf8', timeout: 300000 });
check('the app runs 120 frames under Xvfb and exits 0', () => {
  assert.equal(run.status, 0, `exit ${run.status}: ${run.stderr}`);
});
check('the screenshot is 1440x900 and not blank', () => {
  const c = pngContent(fs.readFileSync(shot));
  assert.equal(c.width, 1440);
  assert.equal(c.height, 900);
  assert.ok(c.busy > 0.2 && c.colours > 200, `busy ${c.busy.toFixed(3)}, ${c.colours} colours`);
});
check('the scripted "1" and "0" are recognised by the pretrained network', () => {
  const s = JSON.parse(fs.readFileSync(state, 'utf8'));
  assert.equal(s.frames, 120);
  assert.equal(s.script.one.digit, 1, JSON.stringify(s.script.one));
  assert.equal(s.script.zero.digit, 0, JSON.stringify(s.script.zero));
  assert.equal(s.state.model, '3b1b');
  assert.ok(s.state.testAccuracy > 0.95, `test accuracy ${s.state.testAccuracy}`);
});
// The same settings a web page takes from its URL: lesson 2, no plots, an absurd rate clamped.
const lessonShot = path.join(artifacts, 'native-params.png'), lessonState = path.join(artifacts, 'native-params.json');
const withParams = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1440x900x24', app, '--frames', '60', '--params',
                                          'lesson=descent&hide=plots&lr=1e9', '--screenshot', lessonShot, '--state', lessonState],
                             { encoding: 'utf8', timeout: 300000 });
check('--params opens lesson 2, hides the plots and clamps lr=1e9 with a note', () => {
  assert.equal(withParams.status, 0, `exit ${withParams.status}: ${withParams.stderr}`);
  const s = JSON.parse(fs.readFileSync(lessonState, 'utf8')).state;
  assert.equal(s.lesson, 2);
  assert.equal(s.hidden.plots, true);
  assert.equal(s.settings.lr, 10);
  assert.match(s.pageNote, /lr=1e9 is out of range: set to 10/);
  const c = pngContent(fs.readFileSync(lessonShot));
  assert.ok(c.busy > 0.2 && c.colours > 200, `busy ${c.busy.toFixed(3)}, ${c.colours} colours`);
});
check('bad options exit 2 and say what was wrong', () => {
  for (const [args, text] of [[['--frames', '0'], /--frames 0: expected a positive count/], [['--bogus'], /unknown option --bogus/],
                              [['--size', '5x5'], /--size 5x5/], [['--scale', 'NaN'], /--scale NaN/]]) {
    const r = spawnSync(app, args, { encoding: 'utf8' });
    assert.equal(r.status, 2, `${args.join(' ')}: exit ${r.status}`);
    assert.match(r.stderr, text);
  }
});
console.log(`native smoke: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
