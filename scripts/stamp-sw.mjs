#!/usr/bin/env node
// scripts/stamp-sw.mjs: writes the site's service worker with this build's content hash.
//
//   node scripts/stamp-sw.mjs web/sw.js SITE_DIR
//
// BUILD in sw.js becomes the first 16 hex digits of a SHA-256 over every file of the site (path
// and bytes, in sorted order; sw.js itself left out), so any change to the app, the page, the
// models or the data makes a new service worker with a cache of its own (web/sw.js says why).
// The file is rewritten only when its text changes, so an unchanged build stays unchanged.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const [template, site] = process.argv.slice(2);
if (!template || !site) {
  console.error('usage: stamp-sw.mjs web/sw.js SITE_DIR');
  process.exit(2);
}

function filesUnder(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(path.join(dir, entry.name), rel));
    else if (entry.isFile() && rel !== 'sw.js') out.push(rel);
  }
  return out;
}

const hash = crypto.createHash('sha256');
for (const rel of filesUnder(site).sort()) {
  hash.update(rel + '\0');
  hash.update(fs.readFileSync(path.join(site, rel)));
}
const build = hash.digest('hex').slice(0, 16);
const text = fs.readFileSync(template, 'utf8');
const stamped = text.replace(/^const BUILD = '[^']*';$/m, `const BUILD = '${build}';`);
if (stamped === text && !text.includes(`'${build}'`)) {
  console.error(`stamp-sw: ${template} has no line "const BUILD = '...';" to stamp`);
  process.exit(1);
}
const out = path.join(site, 'sw.js');
if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== stamped) fs.writeFileSync(out, stamped);
console.log(`sw.js: build ${build}`);
