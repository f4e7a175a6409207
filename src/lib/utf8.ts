/**
 * Strict UTF-8 decoding of data files. Node's `readFileSync(file, 'utf8')`
 * silently turns every invalid byte into U+FFFD, so a registry saved in
 * Latin-1 would publish « Pr�fecture »; here such a file is refused with the
 * line and byte offset a contributor needs to find the culprit. Pure: it also
 * runs in the browser.
 */
import { DataError } from './data-error.ts';

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 bytes; throws a DataError at the first invalid byte. A byte-order mark is kept (parseCsv drops it). */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return strictDecoder.decode(bytes);
  } catch (error) {
    const offset = firstInvalidByte(bytes);
    const line = countLineFeeds(bytes, offset) + 1;
    const byte = bytes[offset]?.toString(16).toUpperCase().padStart(2, '0') ?? 'end of file';
    throw new DataError(
      file,
      line,
      `the file is not valid UTF-8: byte 0x${byte} at byte offset ${offset} is not part of any character (save the file as UTF-8)`,
      { cause: error },
    );
  }
}

/**
 * Offset of the first byte that is not part of a well-formed UTF-8 sequence
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). Only
 * run once decoding has failed, so its speed does not matter.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return bytes.length;
}

/** Length of the well-formed sequence starting at `index`, or 0 when it is malformed. */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index]!;
  if (lead < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[index + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

function countLineFeeds(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let index = bytes.indexOf(0x0a); index !== -1 && index < end; index = bytes.indexOf(0x0a, index + 1)) count += 1;
  return count;
}
