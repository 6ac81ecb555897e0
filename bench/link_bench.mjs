#!/usr/bin/env node
// bench/link_bench.mjs: the app over a school's network. Headless Chromium with the Chrome
// DevTools Protocol's network emulation (20 Mbit/s down, 5 up, 40 ms latency), an empty cache
// and no service worker, as a student opening the page for the first time in a browser that is
// already running (a page with a WebGL canvas opened first, from a data: URL, starts the
// browser's GPU process, as any page a student had open would have). Measured from the
// navigation's start:
//   - the first interactive frame (window.knobs exists: the app has drawn and takes input),
//   - the test images there (the guess for a drawing, the test accuracy),
//   - the first 10,000 training images there (Play can train on them; the rest stream in),
//   - all the training images there,
//   - 95% test accuracy on all 10,000 test images, with Play pressed as soon as the app takes it
//     (a fresh random start of the default 784-16-16-10, as bench/app_bench.mjs).
//
//   node bench/link_bench.mjs SITE_DIR [--runs N] [--seconds S]
import { serve } from '../scripts/serve.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const args = process.argv.slice(2);
const site = args[0] || 'build/wasm/site';
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 3);
const limit = Number(args.includes('--seconds') ? args[args.indexOf('--seconds') + 1] : 90);
const LINK = { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 5e6 / 8 };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

const { server, url } = await serve(site);
const browser = await launch();
const results = [];
try {
  const warm = await browser.newContext();
  await (await warm.newPage()).goto('data:text/html,<canvas id=c></canvas><script>c.getContext("webgl2").clear(16384)</script>');
  await warm.close();
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', LINK);
    const start = Date.now();
    const since = () => (Date.now() - start) / 1000;
    await page.goto(`${url}index.html?model=random`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.knobs !== undefined, null, { timeout: limit * 1000, polling: 20 });
    const r = { interactive: since(), test: null, part: null, train: null, playing: null, reached: null };
    // Play as soon as the app takes it: pressed again until it plays (it says why it cannot yet).
    while (since() < limit && r.reached === null) {
      const s = await page.evaluate(() => knobs.state());
      if (s.testReady && r.test === null) r.test = since();
      if (s.trainImages > 0 && r.part === null) r.part = since();
      if (s.trainReady && r.train === null) r.train = since();
      if (!s.playing && r.playing === null) await page.evaluate(() => knobs.play(true));
      else if (s.playing && r.playing === null) r.playing = since();
      if (s.testLog.some((t) => t.accuracy >= 0.95)) r.reached = since();
      if (process.env.KNOBS_BENCH_VERBOSE && Math.floor(since() * 20) % 10 === 0)
        console.log(`  ${since().toFixed(1)} s: ${s.trainImages} training images, run on ${s.runImages}, ` +
                    `${s.examples} examples, ${Math.round(s.examplesPerSecond)}/s, test ${(100 * (s.testAccuracy || 0)).toFixed(1)}%`);
      await page.waitForTimeout(50);
    }
    results.push(r);
    const f = (x) => (x === null ? '-' : `${x.toFixed(2)} s`);
    console.log(`run ${run + 1}: first interactive frame ${f(r.interactive)}; test images ${f(r.test)}; first 10,000 training ` +
                `images ${f(r.part)}; all ${f(r.train)}; playing ${f(r.playing)}; 95% test accuracy ${r.reached === null ? `not within ${limit} s` : f(r.reached)}` +
                (errors.length ? `; page errors: ${errors.join(' | ')}` : ''));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const all = (k) => results.every((r) => r[k] !== null);
const m = (k) => (all(k) ? median(results.map((r) => r[k])).toFixed(2) : 'not in every run');
console.log('\nheadline over a 20 Mbit/s, 40 ms link, empty cache (median of runs):');
console.log(`  seconds to the first interactive frame          ${m('interactive')}   goal <= 1.5`);
console.log(`  seconds from opening to 95% test accuracy       ${m('reached')}   goal <= 8`);
// (All 60,000 may land after 95% is reached, when the run stops watching: the median of the runs
// that saw them, and how many did.)
const seen = (k) => {
  const got = results.filter((r) => r[k] !== null).map((r) => r[k]);
  if (got.length === results.length) return `${median(got).toFixed(2)} s`;
  return got.length ? `${median(got).toFixed(2)} s in ${got.length} of ${results.length} runs` : 'after 95% in every run';
};
console.log(`  (test images there ${seen('test')}, the first 10,000 training images ${seen('part')}, all ${seen('train')}, ` +
            `Play training ${seen('playing')})`);
process.exit(all('reached') ? 0 : 1);
