// data-worker.js: fetches and un-gzips the data sets off the page's thread (web/knobs.js asks).
// The training images are 9.4 MB gzip'd in six parts; un-gzipping one takes a frame or two of CPU,
// which the page's thread should spend drawing.
//
// From the page:  {id, url}
// To the page:    {id, bytes} (an ArrayBuffer, transferred) | {id, error}
//
// Two downloads at a time, in the order asked: the page asks for every file of a data set at once,
// and the first parts needed share the link with one other rather than with all. (Two, not one:
// one HTTP stream alone leaves part of a slow link unused; on Chrome's emulated 20 Mbit/s link
// one file came at 1.7 MB/s, two at once at 2.1 MB/s together.) The next download starts the
// moment one has arrived, without waiting for the page's thread (busy drawing) to ask;
// un-gzipping overlaps it.
//
// (A host that serves .gz files with Content-Encoding: gzip has the browser un-gzip them already:
// only bytes that still start with gzip's magic 1f 8b are un-gzipped here.)
'use strict';
async function download(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(300000) });
  if (!response.ok) throw new Error(`${url.replace(/^.*\//, 'data/')}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
async function gunzip(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const AT_ONCE = 2;
const waiting = [];  // [{url, resolve, reject}], in the order asked
let underWay = 0;
function startNext() {
  while (underWay < AT_ONCE && waiting.length) {
    const job = waiting.shift();
    underWay++;
    download(job.url).then(job.resolve, job.reject).finally(() => { underWay--; startNext(); });
  }
}
function inTurn(url) {
  return new Promise((resolve, reject) => { waiting.push({ url, resolve, reject }); startNext(); });
}
self.onmessage = (e) => {
  const { id, url } = e.data || {};
  if (typeof id !== 'number' || typeof url !== 'string') return;
  inTurn(url).then(gunzip).then(
    (bytes) => self.postMessage({ id, bytes: bytes.buffer }, [bytes.buffer]),
    (err) => self.postMessage({ id, error: String(err.message || err) }));
};
