/**
 * Test helpers of the toolkit tests: reading back the zip files the site
 * writes (.ods, .odt) with Node's own CRC-32 and with an independent unzip
 * (fflate), checking XML well-formedness with a strict parser (saxes), and
 * parsing .ics files.
 */
import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

export interface ReadEntry {
  name: string;
  method: number;
  extraLength: number;
  data: Buffer;
}

/** The entries of a zip, from its central directory, each checked against its CRC. */
export function readZip(bytes: Uint8Array): ReadEntry[] {
  const buffer = Buffer.from(bytes);
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const count = buffer.readUInt16LE(end + 10);
  let position = buffer.readUInt32LE(end + 16);
  const entries: ReadEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (buffer.readUInt32LE(position) !== 0x02014b50) throw new Error(`bad central record at ${position}`);
    const method = buffer.readUInt16LE(position + 10);
    const crc = buffer.readUInt32LE(position + 16);
    const size = buffer.readUInt32LE(position + 20);
    const nameLength = buffer.readUInt16LE(position + 28);
    const extra = buffer.readUInt16LE(position + 30);
    const comment = buffer.readUInt16LE(position + 32);
    const offset = buffer.readUInt32LE(position + 42);
    const name = buffer.subarray(position + 46, position + 46 + nameLength).toString('utf8');
    if (buffer.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const localName = buffer.readUInt16LE(offset + 26);
    const localExtra = buffer.readUInt16LE(offset + 28);
    const data = buffer.subarray(offset + 30 + localName + localExtra, offset + 30 + localName + localExtra + size);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch for ${name}`);
    entries.push({ name, method, extraLength: localExtra, data });
    position += 46 + nameLength + extra + comment;
  }
  return entries;
}

/**
 * The zip's entries as fflate, an unzip written by others, reads them; throws
 * when they differ from what readZip found, so that a bug shared by the
 * site's zip writer and this suite's reader cannot pass unnoticed.
 */
export function readZipIndependently(bytes: Uint8Array): Map<string, Buffer> {
  const files = new Map(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, Buffer.from(data)]));
  const ours = readZip(bytes);
  const theirs = [...files.keys()];
  if (JSON.stringify(ours.map((entry) => entry.name)) !== JSON.stringify(theirs))
    throw new Error(`entries differ: ${JSON.stringify(theirs)}`);
  for (const entry of ours)
    if (!entry.data.equals(files.get(entry.name)!)) throw new Error(`content of ${entry.name} differs`);
  return files;
}

/**
 * Throws unless `text` is well-formed, namespace-correct XML: one root,
 * every element closed, attributes quoted and unique, entities defined,
 * `&` and `<` escaped, every prefix declared.
 */
export function checkWellFormedXml(text: string, name = 'XML'): void {
  const parser = new SaxesParser({ xmlns: true });
  const errors: string[] = [];
  parser.on('error', (error) => errors.push(error.message));
  parser.write(text).close();
  if (errors.length > 0) throw new Error(`${name} is not well-formed: ${errors[0]}`);
}

/** One iCalendar component with its properties (name → values) and children. */
export interface CalendarComponent {
  name: string;
  properties: Map<string, string[]>;
  children: CalendarComponent[];
}

/**
 * Parses an .ics strictly: CRLF line ends, physical lines of at most 75
 * octets, balanced BEGIN/END. Returns the root component.
 */
export function parseCalendar(text: string): CalendarComponent {
  if (!text.endsWith('\r\n')) throw new Error('the file does not end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const [index, line] of physical.entries()) {
    if (line.includes('\n') || line.includes('\r')) throw new Error(`line ${index + 1}: bare LF or CR`);
    if (Buffer.byteLength(line, 'utf8') > 75)
      throw new Error(`line ${index + 1} is ${Buffer.byteLength(line, 'utf8')} octets`);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const stack: CalendarComponent[] = [];
  let root: CalendarComponent | undefined;
  for (const line of logical) {
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`no colon in "${line}"`);
    const name = line.slice(0, colon).split(';')[0]!.toUpperCase();
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') {
      const component = { name: value, properties: new Map(), children: [] };
      if (stack.length) stack.at(-1)!.children.push(component);
      else if (root) throw new Error('two root components');
      else root = component;
      stack.push(component);
    } else if (name === 'END') {
      if (stack.at(-1)?.name !== value) throw new Error(`END:${value} does not close ${stack.at(-1)?.name}`);
      stack.pop();
    } else {
      const component = stack.at(-1);
      if (!component) throw new Error(`property ${name} outside a component`);
      component.properties.set(name, [...(component.properties.get(name) ?? []), value]);
    }
  }
  if (!root || stack.length) throw new Error('unbalanced BEGIN/END');
  return root;
}

/** Reverses RFC 5545 TEXT escaping. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, character: string) => (character.toLowerCase() === 'n' ? '\n' : character));
}
