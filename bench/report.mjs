// report.mjs: reads the benchmark's JSON lines and prints one table, every row also as a ratio
// to Knobs native measured in the same run, then the goals (ratios; informational, not a test).
//   node bench/report.mjs results.jsonl
import fs from 'node:fs';

const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const find = (impl, workload) => rows.find((r) => r.impl === impl && r.workload === workload);
const peakOf = (impl) => {
  // The peak of the machine the row's code runs on: native code vs WebAssembly (tfjs-cpu is JS,
  // which gets no more than wasm's 128-bit SIMD).
  const p = find(impl === 'knobs-native' || impl === 'numpy' ? 'knobs-native' : 'knobs-wasm', 'peak');
  return p ? (p.examples * p.flops_per_example) / median(p.seconds) : NaN;
};

const pad = (s, n) => String(s).padStart(n);
const fmtTime = (s) => (s >= 1e-3 ? `${s.toFixed(3)} s` : `${(s * 1e6).toFixed(2)} us`);
console.log('impl          work  time (median, min-max)              test acc  examples/s  GFLOP/s  % peak  vs native');
for (const w of ['peak', 'W1', 'W2', 'W3']) {
  const base = find('knobs-native', w);
  for (const r of rows.filter((x) => x.workload === w)) {
    const t = median(r.seconds);
    const flops = (r.examples * r.flops_per_example) / t;
    const range = r.seconds.length > 1 ? `(${fmtTime(Math.min(...r.seconds))} - ${fmtTime(Math.max(...r.seconds))})` : '';
    const pct = w === 'peak' ? '' : `${((100 * flops) / peakOf(r.impl)).toFixed(0)}%`;
    console.log(
      `${r.impl.padEnd(13)} ${w.padEnd(5)} ${(fmtTime(t) + ' ' + range).padEnd(36)} ` +
        `${w === 'W1' || w === 'W2' ? (100 * r.accuracy).toFixed(2) + '%' : ''.padEnd(6)}`.padEnd(9) +
        ` ${pad(w === 'peak' ? '' : Math.round(r.examples / t), 10)}  ${pad((flops / 1e9).toFixed(1), 7)}  ${pad(pct, 6)}` +
        // time ratio to Knobs native; for the peak rows, how many times fewer FLOP/s than native
        `  ${base ? pad((w === 'peak' ? (base.examples * base.flops_per_example) / median(base.seconds) / flops : t / median(base.seconds)).toFixed(2) + 'x', 8) : ''}`,
    );
  }
}

// The goals, as ratios measured in this run.
const pctPeak = (w) => {
  const r = find('knobs-native', w);
  return r ? (100 * (r.examples * r.flops_per_example)) / median(r.seconds) / peakOf('knobs-native') : NaN;
};
const t = (impl, w) => (find(impl, w) ? median(find(impl, w).seconds) : NaN);
const fastestTfjs = (w) => Math.min(t('tfjs-wasm', w), t('tfjs-cpu', w));
const goals = [
  ['W1: fastest TF.js / Knobs wasm', fastestTfjs('W1') / t('knobs-wasm', 'W1'), '>=', 10],
  ['W2: fastest TF.js / Knobs wasm', fastestTfjs('W2') / t('knobs-wasm', 'W2'), '>=', 5],
  ['W3: Knobs wasm, one forward pass (us)', t('knobs-wasm', 'W3') * 1e6, '<=', 3],
  ['W1: Knobs wasm / Knobs native', t('knobs-wasm', 'W1') / t('knobs-native', 'W1'), '<=', 2.5],
  ['W2: Knobs wasm / Knobs native', t('knobs-wasm', 'W2') / t('knobs-native', 'W2'), '<=', 2.5],
  ['W1: Knobs native, % of one core\'s peak', pctPeak('W1'), '>=', 40],  // issue 14 (was 25)
  ['W2: Knobs native, % of one core\'s peak', pctPeak('W2'), '>=', 50],
];
const accOk = ['W1', 'W2'].every((w) => {
  const k = find('knobs-wasm', w);
  const others = ['tfjs-wasm', 'tfjs-cpu'].map((i) => find(i, w)).filter(Boolean);
  return k && others.every((o) => k.accuracy >= o.accuracy - 0.01);
});
console.log('\ngoals (measured in this run):');
for (const [what, value, op, target] of goals) {
  const met = op === '>=' ? value >= target : value <= target;
  console.log(`  ${what.padEnd(42)} ${pad(value.toFixed(2), 8)}  goal ${op} ${target}  ${met ? 'met' : 'MISSED'}`);
}
console.log(`  Knobs wasm test accuracy >= TF.js's, within 1 point (different random starts)   ${accOk ? 'met' : 'MISSED'}`);
