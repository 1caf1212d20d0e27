/** Pixel size of a PNG, JPEG or GIF from its header, so documents lay images out at their own shape. Pure. */

/** An image kind the document writers embed. */
export type ImageKind = 'png' | 'jpg' | 'gif';

/** Kind and size of an image, or undefined when the bytes are not one the writers embed. */
export function imageSize(bytes: Uint8Array): { kind: ImageKind; width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return sized('png', view.getUint32(16), view.getUint32(20));
  }
  if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) {
    return sized('gif', view.getUint16(6, true), view.getUint16(8, true));
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, view);
  return undefined;
}

function sized(kind: ImageKind, width: number, height: number): { kind: ImageKind; width: number; height: number } | undefined {
  return width > 0 && height > 0 ? { kind, width, height } : undefined;
}

/** Walks JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegSize(bytes: Uint8Array, view: DataView): ReturnType<typeof imageSize> {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    const length = view.getUint16(at + 2);
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return sized('jpg', view.getUint16(at + 7), view.getUint16(at + 5));
    }
    if (length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
}
