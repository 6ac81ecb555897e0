#!/usr/bin/env node
// scripts/serve.mjs: serves the web app's site folder on 127.0.0.1 for scripts/demo and the tests.
//
//   node scripts/serve.mjs DIR [--port N]     default port 8000; 0 picks a free port
//
// Prints "Knobs is running at http://127.0.0.1:N/" once the server accepts connections, and
// serves until interrupted. Also used by the end-to-end tests and the app bench (import { serve }).
//
// The files are served by serve-static (with send and finalhandler), not by our own code: they
// decode the path, refuse NUL bytes (400) and ".." (403), answer only GET and HEAD (405 for the
// rest), set the types (application/wasm, so browsers compile while downloading), ranges and
// validators, and turn every file-system error into a status instead of an exception. Any web page
// a developer visits can send requests to 127.0.0.1, so ours adds only what they do not do:
//   - only readable regular files inside the folder: a symlink that leads out of it, a FIFO (which
//     would stall the response forever), a device or a file it may not read is refused with 403;
//   - Access-Control-Allow-Origin: * on every answer: the files are public, and an iframe
//     sandboxed without allow-same-origin has an opaque origin that must still fetch the wasm;
//   - X-Content-Type-Options: nosniff on every answer, and Cache-Control: no-cache.
// Answers are compressed by the compression middleware where the browser accepts it and the type
// is worth it, as static hosts do: the app's 1.3 MB wasm goes out as about 0.6 MB (brotli), the
// data sets, gzip'd already, as they are.
import compression from 'compression';
import finalhandler from 'finalhandler';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import parseurl from 'parseurl';
import serveStatic from 'serve-static';

const EXTRA_TYPES = { '.knobs': 'application/octet-stream' };  // types mime-db does not know

// The file a request names, if it lies inside root once symlinks are followed: calls back with
// 'ok' (a regular file or folder inside), 'refused' (outside, or not a regular file) or 'pass'
// (a path serve-static answers by itself: undecodable, NUL, "..", or nothing there).
function checkTarget(root, req, callback) {
  let rel;
  try {
    rel = decodeURIComponent(parseurl(req).pathname);  // read exactly as serve-static reads it
  } catch {
    return callback('pass');
  }
  if (rel.includes('\0')) return callback('pass');
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.join(root, path.normalize(rel));
  if (!file.startsWith(root + path.sep)) return callback('pass');
  fs.realpath(file, (err, real) => {
    if (err) return callback(err.code === 'EACCES' ? 'refused' : 'pass');
    if (real !== root && !real.startsWith(root + path.sep)) return callback('refused');
    fs.stat(real, (statErr, st) => {
      if (statErr) return callback('pass');
      if (st.isDirectory()) return callback('ok');
      if (!st.isFile()) return callback('refused');
      fs.access(real, fs.constants.R_OK, (accessErr) => callback(accessErr ? 'refused' : 'ok'));  // else a 500
    });
  });
}

// options.headers: more headers for every answer (a test's host policy, e.g. a strict CSP).
export function serve(root, port = 0, options = {}) {
  root = fs.realpathSync(path.resolve(root));
  const files = serveStatic(root, {
    fallthrough: false,  // errors (404, 405, ...) go to finalhandler, which answers with their status
    dotfiles: 'ignore',
    index: ['index.html'],
    cacheControl: false,
    setHeaders(res, file) {
      res.setHeader('Cache-Control', 'no-cache');
      const type = EXTRA_TYPES[path.extname(file)];
      if (type) res.setHeader('Content-Type', type);
    },
  });
  const squeeze = compression();
  const server = http.createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    for (const [name, value] of Object.entries(options.headers || {})) res.setHeader(name, value);
    const done = finalhandler(req, res, { onerror: () => {} });  // no stack traces in the terminal
    squeeze(req, res, () => checkTarget(root, req, (verdict) => {
      if (verdict === 'refused') {
        const err = new Error('Forbidden');
        err.status = 403;
        done(err);
      } else {
        files(req, res, done);
      }
    }));
  });
  // A request Node's parser rejects (a header line too long, a malformed request line) gets its
  // status and a closed connection, never an exception.
  server.on('clientError', (err, socket) => {
    if (socket.writable && !socket.destroyed) {
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else {
      socket.destroy();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port');
  const portArg = args.includes('--port') ? args[args.indexOf('--port') + 1] : '8000';
  const port = Number(portArg);
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`serve: ${dir || '(no folder)'} has no index.html (build the web app first: scripts/demo does)`);
    process.exit(2);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: --port ${portArg}: expected a port number from 1 to 65535`);
    process.exit(2);
  }
  serve(dir, port).then(({ url }) => {
    console.log(`Knobs is running at ${url}`);
    console.log('(Ctrl+C to stop)');
  }).catch((err) => {
    if (err.code === 'EADDRINUSE') console.error(`serve: port ${port} is taken by another program; try scripts/demo --port ${port + 1}`);
    else if (err.code === 'EACCES') console.error(`serve: not allowed to use port ${port}; try a port above 1024`);
    else console.error(`serve: ${err.message}`);
    process.exit(1);
  });
}
