// data-worker.js: fetches and un-gzips the data sets off the page's thread (web/knobs.js asks).
// The training images are 9.4 MB gzip'd in six parts; un-gzipping one takes a frame or two of CPU,
// which the page's thread should spend drawing.
//
// From the page:  {id, url}
// To the page:    {id, bytes} (an ArrayBuffer, transferred) | {id, error}
//
// (A host that serves .gz files with Content-Encoding: gzip has the browser un-gzip them already:
// only bytes that still start with gzip's magic 1f 8b are un-gzipped here.)
'use strict';
async function fetchBytes(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(300000) });
  if (!response.ok) throw new Error(`${url.replace(/^.*\//, 'data/')}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
self.onmessage = (e) => {
  const { id, url } = e.data || {};
  if (typeof id !== 'number' || typeof url !== 'string') return;
  fetchBytes(url).then(
    (bytes) => self.postMessage({ id, bytes: bytes.buffer }, [bytes.buffer]),
    (err) => self.postMessage({ id, error: String(err.message || err) }));
};
