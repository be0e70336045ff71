// An uploaded workbook is a zip file, and a zip of a few hundred kilobytes can unpack to gigabytes.
// Before the workbook library opens it, every entry is unpacked here against a budget (Node's
// inflate stops at its limit), so a hostile file costs at most the budget, never the server's memory.
import { inflateRawSync } from 'node:zlib';

/** What a branch's workbook unpacks to at most (a real one is well under 1 MB). */
export const MAX_UNPACKED_BYTES = 16 * 1024 * 1024;
export const MAX_ENTRIES = 500;

export type ZipCheck = { ok: true } | { ok: false; reason: 'not-zip' | 'too-large' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfDirectory(buf: Buffer): number {
  for (let at = buf.length - 22; at >= Math.max(0, buf.length - 22 - 0xffff); at--) {
    if (buf.readUInt32LE(at) === EOCD) return at;
  }
  return -1;
}

/** Checks that `buf` is a plain zip (stored or deflated entries, no zip64, no encryption) within the budget. */
export function checkZip(buf: Buffer, budget = MAX_UNPACKED_BYTES, maxEntries = MAX_ENTRIES): ZipCheck {
  const notZip = { ok: false, reason: 'not-zip' } as const;
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) return notZip;
  const end = findEndOfDirectory(buf);
  if (end < 0) return notZip;
  const entries = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  if (entries === 0 || entries === 0xffff || entries > maxEntries)
    return entries > maxEntries ? { ok: false, reason: 'too-large' } : notZip;
  let left = budget;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return notZip;
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const packed = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    if (flags & 1 || packed === 0xffffffff || declared === 0xffffffff) return notZip;
    if (declared > left) return { ok: false, reason: 'too-large' };
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return notZip;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + packed > buf.length) return notZip;
    const data = buf.subarray(start, start + packed);
    let size: number;
    if (method === 0) size = packed;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, left) }).length;
      } catch (err) {
        return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? { ok: false, reason: 'too-large' } : notZip;
      }
    } else return notZip;
    left -= size;
    if (left < 0) return { ok: false, reason: 'too-large' };
    at += 46 + skip;
  }
  return { ok: true };
}
