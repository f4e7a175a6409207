/**
 * One gzip file assembled from separately compressed pieces, so that the
 * whole-dataset download is made from each month's piece, compressed once and
 * kept in the month cache, instead of compressing every row again every hour.
 * Each piece is a raw DEFLATE stream ended by a full flush (byte-aligned, no
 * reference to earlier data), so pieces can be laid end to end; the file is
 * one ordinary gzip member (RFC 1952): header, the pieces, an empty final
 * block, then the CRC-32 and length of the whole text, the CRC combined from
 * the pieces' own as zlib's crc32_combine does. Every gzip reader reads it,
 * including those that stop after a first member.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One compressed piece of a gzip file. */
export interface DeflateChunk {
  /** Raw DEFLATE data ending with a full flush (not final). */
  deflated: Uint8Array;
  /** CRC-32 of the uncompressed piece. */
  crc: number;
  /** Length of the uncompressed piece in bytes. */
  length: number;
}

/** Compresses one piece of text (UTF-8). */
export function deflateChunk(text: string): DeflateChunk {
  const bytes = Buffer.from(text, 'utf8');
  return {
    deflated: deflateRawSync(bytes, { finishFlush: constants.Z_FULL_FLUSH }),
    crc: crc32(bytes),
    length: bytes.length,
  };
}

/** gzip header: deflate, no name, no timestamp (files are byte-identical from build to build), Unix. */
const GZIP_HEADER = Uint8Array.of(0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03);
/** An empty final block with fixed Huffman codes: ends the DEFLATE stream. */
const FINAL_BLOCK = Uint8Array.of(0x03, 0x00);

/**
 * The gzip file of the pieces, in order: header, pieces, then a trailer
 * written once every piece is known. Yields buffers to be written as they come.
 */
export function* gzipOfChunks(chunks: Iterable<DeflateChunk>): Generator<Uint8Array> {
  yield GZIP_HEADER;
  let crc = 0;
  let length = 0;
  for (const chunk of chunks) {
    yield chunk.deflated;
    crc = crc32Combine(crc, chunk.crc, chunk.length);
    length = (length + chunk.length) % 2 ** 32;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length, 4);
  yield FINAL_BLOCK;
  yield trailer;
}

/** Product of a 32×32 matrix over GF(2) (one column per bit) and a vector. */
function times(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let index = 0; vector !== 0; index += 1, vector >>>= 1) if (vector & 1) sum ^= matrix[index]!;
  return sum >>> 0;
}

function square(matrix: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const result = new Uint32Array(32);
  for (let index = 0; index < 32; index += 1) result[index] = times(matrix, matrix[index]!);
  return result;
}

/**
 * CRC-32 of A followed by B from crc(A), crc(B) and B's length, as zlib's
 * crc32_combine: applies `length` zero bytes to crc(A) by repeated squaring
 * of the one-zero-bit operator, then adds crc(B).
 */
export function crc32Combine(crcA: number, crcB: number, length: number): number {
  if (length <= 0) return crcA >>> 0;
  let odd = new Uint32Array(32);
  odd[0] = 0xedb88320; // the CRC-32 polynomial: the operator of one zero bit
  for (let index = 1, row = 1; index < 32; index += 1, row <<= 1) odd[index] = row >>> 0;
  let even = square(odd); // two zero bits
  odd = square(even); // four zero bits
  let crc = crcA >>> 0;
  let remaining = length;
  do {
    even = square(odd); // the first pass applies one zero byte (eight bits)
    if (remaining & 1) crc = times(even, crc);
    remaining = Math.floor(remaining / 2);
    if (remaining === 0) break;
    odd = square(even);
    if (remaining & 1) crc = times(odd, crc);
    remaining = Math.floor(remaining / 2);
  } while (remaining !== 0);
  return (crc ^ crcB) >>> 0;
}
