#!/usr/bin/env node
// server.test.mjs: scripts/serve.mjs as an attacker's web page would use it. Any page a developer
// visits can send requests to 127.0.0.1, so odd requests must get a status, never a crash, and
// nothing outside the site folder may leak: NUL bytes, encoded and double-encoded "..",
// backslashes, absolute-form and over-long URLs, methods other than GET and HEAD, a file the
// server may not read, a FIFO, and symlinks out of the folder. After every request the server
// must still answer.
//
//   node tests/server.test.mjs
//
// The server runs as its own process (`node scripts/serve.mjs SITE --port 0`), as scripts/demo
// runs it. Run as root, it is started as `nobody`, so that a file with mode 000 is unreadable to
// it (root reads everything).
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let failures = 0, passed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (err) {
    failures++;
    console.log(`FAIL ${name}\n     ${err.message.split('\n').join('\n     ')}`);
  }
}

// --- A site folder with traps beside it ---------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'knobs-serve-'));
const site = path.join(tmp, 'site'), outside = path.join(tmp, 'outside');
fs.mkdirSync(path.join(site, 'sub'), { recursive: true });
fs.mkdirSync(outside);
fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>knobs</title>');
fs.writeFileSync(path.join(site, 'knobs-app.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
fs.writeFileSync(path.join(site, '3b1b.knobs'), Buffer.from('KNOBS'));
const bigWasm = Buffer.alloc(65536, 7);  // compressible, past the compression threshold
const gzipped = zlib.gzipSync(Buffer.alloc(65536, 9));
fs.writeFileSync(path.join(site, 'big.wasm'), bigWasm);
fs.writeFileSync(path.join(site, 'data.idx.gz'), gzipped);
fs.writeFileSync(path.join(site, 'sub', 'index.html'), 'sub');
fs.writeFileSync(path.join(site, '.secret'), 'dotfile');
fs.writeFileSync(path.join(site, 'unreadable.txt'), 'no one may read this');
fs.chmodSync(path.join(site, 'unreadable.txt'), 0o000);
fs.writeFileSync(path.join(outside, 'secret.txt'), 'SECRET OUTSIDE THE SITE');
fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(site, 'leak.txt'));  // a file link out
fs.symlinkSync(outside, path.join(site, 'leakdir'));                            // a folder link out
fs.symlinkSync('index.html', path.join(site, 'alias.html'));                    // a link that stays inside
execFileSync('mkfifo', [path.join(site, 'pipe.txt')]);  // stat() says it exists; reading it would block forever
for (const dir of [tmp, site, path.join(site, 'sub'), outside]) fs.chmodSync(dir, 0o755);
for (const f of ['index.html', 'knobs-app.wasm', '3b1b.knobs', 'big.wasm', 'data.idx.gz', 'sub/index.html', '.secret']) {
  fs.chmodSync(path.join(site, f), 0o644);
}
fs.chmodSync(path.join(outside, 'secret.txt'), 0o644);

// Root reads a mode-000 file anyway: run the server as nobody when every folder on the way to
// the repository lets others in (true of this project's machines; said if not).
function othersCanReach(p) {
  for (let dir = p; ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o005) !== 0o005) return false;
    if (dir === path.dirname(dir)) return true;
  }
}
const isRoot = process.getuid && process.getuid() === 0;
const asNobody = isRoot && othersCanReach(repo) && othersCanReach(path.join(repo, 'node_modules', 'serve-static'));
const unreadableForServer = !isRoot || asNobody;
if (isRoot && !asNobody) console.log('note: the repository is not readable by nobody; the server runs as root, who reads mode 000 files');

// --- The server, as its own process ---------------------------------------------------------------
const child = spawn(process.execPath, [path.join(repo, 'scripts', 'serve.mjs'), site, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
});
let stderr = '';
child.stderr.on('data', (d) => { stderr += d; });
const port = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/running at http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(Number(m[1]));
  });
  child.on('exit', (code) => reject(new Error(`the server exited (${code}) before it listened: ${stderr}`)));
  setTimeout(() => reject(new Error('the server did not start in 20 s')), 20000);
});
let exited = null;
child.on('exit', (code, signal) => { exited = `code ${code}, signal ${signal}`; });

// One request as raw bytes (clients would clean up what an attacker sends as is): the status,
// the headers and the body of the answer, or the closed connection if there is none.
function raw(request, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no answer in ${timeoutMs} ms`));
    });
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', (err) => {  // (the server may close while a too-long request is still being sent)
      if (!chunks.length) reject(err);
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head, ...rest] = text.split('\r\n\r\n');
      const lines = head.split('\r\n');
      const status = Number((lines[0].match(/^HTTP\/1\.1 (\d{3})/) || [])[1] || 0);
      const headers = {};
      for (const line of lines.slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status, headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(request);
  });
}
const get = (target, method = 'GET') => raw(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);

async function stillServing() {
  assert.equal(exited, null, `the server exited: ${exited}\n${stderr}`);
  const r = await get('/');
  assert.equal(r.status, 200, 'GET / after the odd request');
}

async function expectStatus(target, status, method = 'GET') {
  const r = await get(target, method);
  assert.equal(r.status, status, `${method} ${target.slice(0, 80)}: got ${r.status}`);
  assert.ok(!r.body.includes('SECRET OUTSIDE'), 'the file outside the site leaked');
  assert.ok(!r.body.includes('root:x:0:0'), '/etc/passwd leaked');
  await stillServing();
  return r;
}

// --- What a browser needs ----------------------------------------------------------------------
await check('GET / is the index page, with CORS open, nosniff and no-cache', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/html/);
  assert.equal(r.headers['access-control-allow-origin'], '*');
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.headers['cache-control'], 'no-cache');
  assert.match(r.body, /<title>knobs<\/title>/);
});
await check('the wasm is application/wasm (streaming compile), a .knobs model application/octet-stream', async () => {
  const w = await get('/knobs-app.wasm');
  assert.equal(w.status, 200);
  assert.equal(w.headers['content-type'], 'application/wasm');
  assert.equal(w.headers['access-control-allow-origin'], '*');
  const m = await get('/3b1b.knobs');
  assert.equal(m.status, 200);
  assert.equal(m.headers['content-type'], 'application/octet-stream');
});
// (A browser's request: every encoding it takes; the body as sent, not decoded by the client.)
function fetchEncoded(target) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: target, headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
await check('answers are compressed where the browser takes it: the wasm yes, gzip\'d data not twice', async () => {
  const w = await fetchEncoded('/big.wasm');
  assert.equal(w.status, 200);
  assert.equal(w.headers['content-type'], 'application/wasm');
  assert.match(w.headers['content-encoding'] || '', /^(br|gzip)$/);
  assert.ok(w.body.length < bigWasm.length / 10, `${w.body.length} bytes sent for ${bigWasm.length}`);
  const decoded = w.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(w.body) : zlib.gunzipSync(w.body);
  assert.ok(decoded.equals(bigWasm), 'the wasm decodes to its own bytes');
  assert.equal(w.headers['access-control-allow-origin'], '*');
  const d = await fetchEncoded('/data.idx.gz');
  assert.equal(d.status, 200);
  assert.equal(d.headers['content-encoding'], undefined);
  assert.ok(d.body.equals(gzipped), 'the .gz file comes as it is on disk');
});
await check('HEAD answers the headers without the body; a folder redirects to its slash, then its index', async () => {
  const h = await get('/index.html', 'HEAD');
  assert.equal(h.status, 200);
  assert.equal(h.body, '');
  const d = await expectStatus('/sub', 301);
  assert.equal(d.headers.location, '/sub/');
  const i = await expectStatus('/sub/', 200);
  assert.equal(i.body, 'sub');
});
await check('a link that stays inside the folder is served', async () => {
  const r = await expectStatus('/alias.html', 200);
  assert.match(r.body, /<title>knobs<\/title>/);
});
await check('errors carry the same headers (a sandboxed page can read the status)', async () => {
  const r = await expectStatus('/missing.js', 404);
  assert.equal(r.headers['access-control-allow-origin'], '*');
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
});

// --- What an attacker sends ----------------------------------------------------------------------
await check('NUL bytes: encoded -> 400; raw in the request line -> 400', async () => {
  await expectStatus('/%00', 400);
  await expectStatus('/index.html%00.txt', 400);
  await expectStatus('/\0index.html', 400);
});
await check('"..": plain, encoded, mixed-case encoded -> 403; double-encoded -> 404', async () => {
  await expectStatus('/../../../../etc/passwd', 403);
  await expectStatus('/sub/../../outside/secret.txt', 403);
  await expectStatus('/%2e%2e/%2e%2e/etc/passwd', 403);
  await expectStatus('/%2E%2E%2Foutside%2Fsecret.txt', 403);
  await expectStatus('/%252e%252e/%252e%252e/etc/passwd', 404);
});
await check('backslashes, raw and encoded, never climb out', async () => {
  await expectStatus('/..\\..\\etc\\passwd', 403);
  await expectStatus('/%5c..%5c..%5cetc%5cpasswd', 403);
  await expectStatus('/sub\\index.html', 404);
});
await check('absolute-form URLs are read as paths on this server (it is no proxy)', async () => {
  const r = await expectStatus('http://evil.example/index.html', 200);
  assert.match(r.body, /<title>knobs<\/title>/);
  await expectStatus('http://evil.example/../../etc/passwd', 403);
});
await check('over-long URLs: a long name -> 404; past the header limit -> 431', async () => {
  await expectStatus('/' + 'a'.repeat(5000), 404);
  await expectStatus('/' + 'a/'.repeat(3000) + 'x', 404);
  await expectStatus('/' + 'a'.repeat(100000), 431);
});
await check('methods other than GET and HEAD -> 405 with Allow', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH']) {
    const r = await expectStatus('/index.html', 405, method);
    assert.match(r.headers.allow || '', /GET/);
  }
});
await check('a malformed request line -> 400', async () => {
  const r = await raw('NOT A REQUEST\r\n\r\n');
  assert.equal(r.status, 400);
  await stillServing();
});
await check('dotfiles -> 404', async () => {
  await expectStatus('/.secret', 404);
});
await check('symlinks out of the folder -> 403 (a file link, a folder link, encoded)', async () => {
  await expectStatus('/leak.txt', 403);
  await expectStatus('/leakdir/secret.txt', 403);
  await expectStatus('/%6ceak.txt', 403);
});
await check('a FIFO (stat-able, reading would block) -> 403 at once', async () => {
  await expectStatus('/pipe.txt', 403);
});
await check('a file the server may not read -> 403', async () => {
  if (unreadableForServer) {
    await expectStatus('/unreadable.txt', 403);
  } else {  // root reads it: the check is that it is an ordinary answer, not a crash
    await expectStatus('/unreadable.txt', 200);
  }
});
await check('a file that vanishes between requests -> 404, then served again when back', async () => {
  fs.renameSync(path.join(site, 'knobs-app.wasm'), path.join(site, 'knobs-app.wasm.old'));
  await expectStatus('/knobs-app.wasm', 404);
  fs.renameSync(path.join(site, 'knobs-app.wasm.old'), path.join(site, 'knobs-app.wasm'));
  await expectStatus('/knobs-app.wasm', 200);
});
await check('200 odd requests in parallel: every one answered, the server still up', async () => {
  const targets = ['/%00', '/../x', '/%2e%2e/x', '/leak.txt', '/pipe.txt', '/' + 'b'.repeat(3000), '/index.html'];
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => get(targets[i % targets.length])));
  assert.ok(answers.every((a) => a.status >= 200 && a.status < 600), 'every request got a status');
  await stillServing();
});

child.kill('SIGTERM');
fs.chmodSync(path.join(site, 'unreadable.txt'), 0o644);
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
