#!/usr/bin/env node
// scripts/serve.mjs: serves a folder of static files on 127.0.0.1 (the web app's site folder),
// with the right MIME types (application/wasm, so browsers compile it while it downloads).
//
//   node scripts/serve.mjs DIR [--port N]     default port 8000; 0 picks a free port
//
// Prints "Knobs is running at http://127.0.0.1:N/" once the server accepts connections, and
// serves until interrupted. Also used by the end-to-end tests (import { serve }).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.gz': 'application/octet-stream', '.knobs': 'application/octet-stream', '.ico': 'image/x-icon',
};

export function serve(root, port = 0) {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${rel}`);
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    });
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
