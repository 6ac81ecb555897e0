// drawn_digits.mjs: hand-written digit strokes for the recognition test (drawn_digits.test.mjs),
// and a deterministic generator of varied drawings made from them.
//
// Each digit has two or three STYLES: the ways people actually write it (a 4 closed or open, a 7
// with or without a bar, a 1 plain, with a flag, or with a flag and a foot, ...). A style is a
// list of pen strokes (pen down ... pen up), in the order a person draws them. A stroke is a list
// of RUNS; a run is a list of points the pen passes through smoothly (a centripetal Catmull-Rom
// spline), and the pen turns a sharp corner where one run ends and the next begins. Points are in
// a "glyph box": x to the right, y down, the digit's height spans y = 0..1, x is in the same unit
// (a glyph is about 0.5..0.7 wide), centred on x = 0.5. None of these come from MNIST.
//
// variants() turns them into drawings on the pad: every drawing gets its own size (45%..90% of
// the pad's height), place (anywhere the whole digit fits, so mostly off-centre), slant (a shear of
// -0.25..0.25), width (0.85..1.15), brush (3%, 4.5% = the app's default, or 6% of the pad), a
// little per-writer wobble of the key points, and a slow tremor along the line. A small PRNG of
// our own (mulberry32) with a fixed seed makes the set the same on every run.

// [SECTION] Building blocks

// Points on an ellipse (centre cx, cy; radii rx, ry) from angle a0 to a1 in degrees, screen
// convention: 0 = right, 90 = down, so decreasing angles go anticlockwise on screen (the way most
// people write a 0). `shrink`: the radii scale linearly to (1 - shrink) by the end (a spiral-ish
// close instead of a perfect circle).
export function arc(cx, cy, rx, ry, a0, a1, shrink = 0) {
  const n = Math.max(2, Math.ceil(Math.abs(a1 - a0) / 15));
  const pts = Array.from({ length: n + 1 }, (_, i) => {
    const t = i / n, a = (a0 + (a1 - a0) * t) * Math.PI / 180, k = 1 - shrink * t;
    return [cx + rx * k * Math.cos(a), cy + ry * k * Math.sin(a)];
  });
  pts.dense = true;  // many points close together: the per-point wobble would make it lumpy
  return pts;
}

// A stroke from runs: each run after the first starts where the previous one ended (a corner).
const S = (...runs) => runs;

// [SECTION] The digits, as people write them

export const STYLES = {
  0: {
    // Start at the top, round anticlockwise, a little past the start.
    oval: [S(arc(0.5, 0.5, 0.3, 0.48, -80, -450))],
    // Narrow, starting top-right, the close drifting inside (a loop that does not quite meet).
    narrow: [S(arc(0.5, 0.5, 0.22, 0.49, -60, -430, 0.08))],
    // Round, clockwise from the top (some people do).
    clockwise: [S(arc(0.5, 0.5, 0.36, 0.47, -100, 265))],
  },
  1: {
    plain: [S([[0.53, 0.0], [0.5, 0.5], [0.47, 1.0]])],
    flag: [S([[0.3, 0.22], [0.55, 0.0]], [[0.54, 0.5], [0.53, 1.0]])],
    // Flag and a foot (a continental 1): the foot is a second stroke.
    foot: [S([[0.32, 0.2], [0.55, 0.0]], [[0.55, 1.0]]), S([[0.32, 1.0], [0.78, 1.0]])],
  },
  2: {
    plain: [S([[0.2, 0.25], [0.3, 0.08], [0.5, 0.0], [0.7, 0.07], [0.77, 0.24], [0.7, 0.44], [0.46, 0.7], [0.18, 0.98]],
              [[0.85, 0.97]])],
    // The turn at the bottom is a small loop before the base line.
    loop: [S([[0.22, 0.22], [0.35, 0.05], [0.55, 0.0], [0.72, 0.1], [0.75, 0.3], [0.63, 0.52], [0.42, 0.74], [0.24, 0.9],
              [0.22, 0.99], [0.33, 0.98], [0.36, 0.9], [0.3, 0.88], [0.3, 0.96], [0.5, 0.99], [0.86, 0.96]])],
  },
  3: {
    round: [S([[0.22, 0.15], [0.4, 0.02], [0.62, 0.02], [0.76, 0.14], [0.74, 0.3], [0.6, 0.42], [0.42, 0.47]],
              [[0.62, 0.5], [0.78, 0.62], [0.8, 0.8], [0.66, 0.95], [0.45, 0.99], [0.2, 0.9]])],
    // A flat top, a diagonal down to the middle, then the lower bowl.
    flat: [S([[0.2, 0.02], [0.78, 0.02]], [[0.45, 0.4]], [[0.65, 0.45], [0.8, 0.62], [0.78, 0.82], [0.6, 0.97], [0.38, 0.98], [0.18, 0.88]])],
  },
  4: {
    // Closed: down-left diagonal and across in one stroke, then the upright.
    closed: [S([[0.6, 0.0], [0.15, 0.66]], [[0.86, 0.66]]), S([[0.64, 0.18], [0.64, 1.0]])],
    // Open: down and across, then a long upright.
    open: [S([[0.22, 0.0], [0.18, 0.58]], [[0.82, 0.56]]), S([[0.68, 0.0], [0.68, 1.0]])],
  },
  5: {
    // Stem and belly first, the top bar last.
    twoStrokes: [S([[0.28, 0.03], [0.24, 0.45]], [[0.42, 0.38], [0.62, 0.4], [0.77, 0.56], [0.78, 0.76], [0.65, 0.93], [0.45, 0.99], [0.2, 0.9]]),
                 S([[0.28, 0.03], [0.8, 0.02]])],
    // One stroke: the bar from the right, down, and round.
    oneStroke: [S([[0.8, 0.02], [0.28, 0.03]], [[0.24, 0.45]], [[0.42, 0.38], [0.62, 0.4], [0.77, 0.56], [0.78, 0.76], [0.65, 0.93], [0.45, 0.99], [0.2, 0.9]])],
  },
  6: {
    curved: [S([[0.72, 0.04], [0.5, 0.05], [0.33, 0.2], [0.24, 0.45], [0.23, 0.7], [0.32, 0.9], [0.5, 0.99], [0.7, 0.92], [0.78, 0.75],
                [0.7, 0.57], [0.5, 0.52], [0.32, 0.6], [0.24, 0.72]])],
    // A straight stem down to a smaller loop.
    stem: [S([[0.64, 0.0], [0.3, 0.55], [0.25, 0.75], [0.35, 0.95], [0.55, 0.99], [0.72, 0.85], [0.7, 0.66], [0.52, 0.56], [0.35, 0.62], [0.27, 0.74]])],
  },
  7: {
    plain: [S([[0.15, 0.05], [0.85, 0.03]], [[0.62, 0.4], [0.45, 1.0]])],
    // With a bar across the stem (a second stroke).
    bar: [S([[0.15, 0.05], [0.85, 0.03]], [[0.62, 0.4], [0.45, 1.0]]), S([[0.38, 0.52], [0.8, 0.5]])],
    // A little tick down at the start of the top.
    tick: [S([[0.16, 0.17], [0.15, 0.03]], [[0.85, 0.04]], [[0.5, 1.0]])],
  },
  8: {
    // One stroke: from the top right, an S down, then back up to the start.
    oneStroke: [S([[0.72, 0.14], [0.55, 0.02], [0.33, 0.05], [0.25, 0.2], [0.35, 0.36], [0.5, 0.47], [0.7, 0.6], [0.78, 0.78], [0.65, 0.95],
                   [0.45, 0.98], [0.25, 0.85], [0.27, 0.68], [0.45, 0.52], [0.63, 0.4], [0.74, 0.25], [0.7, 0.1], [0.58, 0.03]])],
    // Two loops, a smaller one on top of a bigger one (a snowman).
    twoLoops: [S(arc(0.5, 0.25, 0.2, 0.24, -90, -450)), S(arc(0.5, 0.73, 0.26, 0.26, -90, 270))],
  },
  9: {
    // The loop anticlockwise from its right, then a straight tail down.
    straight: [S([[0.72, 0.15], [0.55, 0.02], [0.35, 0.05], [0.24, 0.22], [0.33, 0.4], [0.52, 0.43], [0.7, 0.32], [0.74, 0.15]],
                 [[0.72, 0.5], [0.68, 1.0]])],
    // The tail curls left at the bottom.
    curled: [S([[0.72, 0.15], [0.55, 0.02], [0.35, 0.05], [0.24, 0.22], [0.33, 0.4], [0.52, 0.43], [0.7, 0.32], [0.74, 0.15]],
               [[0.74, 0.55], [0.66, 0.88], [0.5, 0.99], [0.32, 0.94]])],
  },
};

// [SECTION] Curves

// Centripetal Catmull-Rom through pts, about `step` apart (glyph units), first and last included.
function spline(pts, step) {
  if (pts.length < 2) return pts.slice();
  const P = [[2 * pts[0][0] - pts[1][0], 2 * pts[0][1] - pts[1][1]], ...pts,
             [2 * pts.at(-1)[0] - pts.at(-2)[0], 2 * pts.at(-1)[1] - pts.at(-2)[1]]];
  const out = [pts[0]];
  const dist = (a, b) => Math.hypot(b[0] - a[0], b[1] - a[1]);
  for (let i = 1; i + 2 < P.length; i++) {
    const [p0, p1, p2, p3] = [P[i - 1], P[i], P[i + 1], P[i + 2]];
    const t0 = 0, t1 = t0 + Math.sqrt(dist(p0, p1)) + 1e-9, t2 = t1 + Math.sqrt(dist(p1, p2)) + 1e-9, t3 = t2 + Math.sqrt(dist(p2, p3)) + 1e-9;
    const lerp = (a, b, ta, tb, t) => [a[0] + (b[0] - a[0]) * (t - ta) / (tb - ta), a[1] + (b[1] - a[1]) * (t - ta) / (tb - ta)];
    const n = Math.max(1, Math.ceil(dist(p1, p2) * 1.3 / step));  // 1.3: curves are longer than their chords
    for (let k = 1; k <= n; k++) {
      const t = t1 + (t2 - t1) * k / n;
      const a1 = lerp(p0, p1, t0, t1, t), a2 = lerp(p1, p2, t1, t2, t), a3 = lerp(p2, p3, t2, t3, t);
      const b1 = lerp(a1, a2, t0, t2, t), b2 = lerp(a2, a3, t1, t3, t);
      out.push(lerp(b1, b2, t1, t2, t));
    }
  }
  return out;
}

// A stroke (runs) as one dense polyline in glyph units.
export function strokePolyline(runs, step = 0.02) {
  let out = [];
  for (const run of runs) {
    const pts = out.length ? [out.at(-1), ...run] : run;
    const seg = spline(pts, step);
    out = out.length ? out.concat(seg.slice(1)) : seg;
  }
  return out;
}

// [SECTION] Variants

// mulberry32: a small deterministic PRNG; returns floats in [0, 1).
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BRUSHES = [3.0, 4.5, 6.0];  // brush radius, % of the pad (the app's slider: 2..9, default 4.5)

// The drawings: for each digit, `perDigit` variants cycling through its styles. Each is
// {digit, style, index, size, slant, width, brush, centre: [x, y], strokes: [[[u, v], ...], ...]}
// with the strokes in pad units (0..1, y down), densely sampled (points about 1.5% of the pad apart).
export function variants({ perDigit = 11, seed = 20240611 } = {}) {
  const out = [];
  for (let digit = 0; digit <= 9; digit++) {
    const styles = Object.entries(STYLES[digit]);
    for (let i = 0; i < perDigit; i++) {
      const rnd = prng(seed + digit * 1000 + i);
      const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
      const [style, strokes] = styles[i % styles.length];
      const size = 0.45 + 0.45 * rnd();
      const slant = -0.25 + 0.5 * rnd();
      const width = 0.85 + 0.3 * rnd();
      const brush = BRUSHES[Math.floor(rnd() * BRUSHES.length)];
      // The writer's hand: the glyph's shape bent smoothly (about one wave across it, up to ~0.03
      // of its height), key points moved a little (sd 0.02; the points of an arc barely), then a
      // slow tremor along the line.
      const warp = Array.from({ length: 4 }, () => [0.015 * gauss(), 0.5 + rnd(), 2 * Math.PI * rnd()]);
      const bend = ([x, y]) => [x + warp[0][0] * Math.sin(warp[0][1] * 2 * Math.PI * y + warp[0][2]) + warp[1][0] * Math.sin(warp[1][1] * 2 * Math.PI * x + warp[1][2]),
                                y + warp[2][0] * Math.sin(warp[2][1] * 2 * Math.PI * x + warp[2][2]) + warp[3][0] * Math.sin(warp[3][1] * 2 * Math.PI * y + warp[3][2])];
      const wobbled = strokes.map((runs) => runs.map((run) => {
        const sd = run.dense ? 0.003 : 0.02;
        return run.map((p) => bend(p)).map(([x, y]) => [x + sd * gauss(), y + sd * gauss()]);
      }));
      const glyph = wobbled.map((runs) => {
        const line = strokePolyline(runs, 0.02 / size);  // ~1.5% of the pad apart once scaled (1.3 more per chord)
        const f1 = 2 + 3 * rnd(), f2 = 2 + 3 * rnd(), ph1 = 7 * rnd(), ph2 = 7 * rnd();
        let s = 0;
        return line.map((p, k) => {
          if (k) s += Math.hypot(p[0] - line[k - 1][0], p[1] - line[k - 1][1]);
          return [p[0] + 0.006 * Math.sin(f1 * s * 2 * Math.PI + ph1), p[1] + 0.006 * Math.sin(f2 * s * 2 * Math.PI + ph2)];
        });
      });
      // Glyph -> pad: centre, widen, slant (the top leans right for slant > 0), scale.
      const shaped = glyph.map((line) => line.map(([x, y]) => {
        const gx = (x - 0.5) * width, gy = y - 0.5;
        return [(gx - slant * gy) * size, gy * size];
      }));
      const xs = shaped.flat().map((p) => p[0]), ys = shaped.flat().map((p) => p[1]);
      const margin = brush / 100 + 0.01;
      let [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const fit = Math.min(1, (1 - 2 * margin) / (maxX - minX), (1 - 2 * margin) / (maxY - minY));
      [minX, maxX, minY, maxY] = [minX * fit, maxX * fit, minY * fit, maxY * fit];
      // Anywhere it fits: the place is uniform over the free room (so usually off-centre).
      const cx = margin - minX + (1 - 2 * margin - (maxX - minX)) * rnd();
      const cy = margin - minY + (1 - 2 * margin - (maxY - minY)) * rnd();
      out.push({
        digit, style, index: i, size: size * fit, slant, width, brush, centre: [cx, cy],
        strokes: shaped.map((line) => line.map(([x, y]) => [cx + x * fit, cy + y * fit])),
      });
    }
  }
  return out;
}

// "4 open #7 (size 0.52, slant -0.12, width 1.03, brush 3%, centre 0.31,0.60)"
export function describe(v) {
  return `${v.digit} ${v.style} #${v.index} (size ${v.size.toFixed(2)}, slant ${v.slant >= 0 ? '+' : ''}${v.slant.toFixed(2)}, ` +
         `width ${v.width.toFixed(2)}, brush ${v.brush}%, centre ${v.centre.map((c) => c.toFixed(2)).join(',')})`;
}
