/**
 * Stands in for `pako` inside the history worker: isomorphic-git inflates every object with
 * `pako.inflate`, a new JavaScript decompressor per object (61% of a history build's CPU);
 * node:zlib does the same work natively. The worker only reads objects: pack parsing
 * (`pako.Inflate`, used by fetch) is refused rather than half-supported.
 */
import zlib from 'node:zlib';

/** The parts of pako isomorphic-git calls, natively. */
const nativePako = {
  inflate: (data: Uint8Array): Uint8Array => zlib.inflateSync(data),
  deflate: (data: Uint8Array): Uint8Array => zlib.deflateSync(data),
  Inflate: class {
    constructor() {
      throw new Error('pako.Inflate is not available in the history worker (it only reads objects)');
    }
  },
};
export default nativePako;
