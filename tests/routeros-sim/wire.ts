/**
 * The simulator's own RouterOS API word codec, written separately from src-main/routeros/protocol.ts on
 * purpose: a bug shared by both would otherwise pass every test. Its fidelity is checked against Debian's
 * python3-librouteros (tests/routeros/librouteros.test.ts).
 */

export function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x4000) return Buffer.from([(n >> 8) | 0x80, n & 0xff]);
  if (n < 0x200000) return Buffer.from([(n >> 16) | 0xc0, (n >> 8) & 0xff, n & 0xff]);
  if (n < 0x10000000) return Buffer.from([((n >>> 24) & 0xff) | 0xe0, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = 0xf0;
  b.writeUInt32BE(n, 1);
  return b;
}

export function encodeSentence(words: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const w of words) {
    const bytes = Buffer.from(w, 'utf8');
    parts.push(encodeLength(bytes.length), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** Incremental decoder of client sentences. Throws on a reserved/control length byte. */
export class WireReader {
  private buf: Buffer = Buffer.alloc(0);
  private words: string[] = [];

  push(chunk: Buffer): string[][] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: string[][] = [];
    let pos = 0;
    for (;;) {
      if (pos >= this.buf.length) break;
      const b = this.buf[pos]!;
      let size: number;
      let len: number;
      if (b < 0x80) {
        size = 1;
        len = b;
      } else if (b < 0xc0) size = 2;
      else if (b < 0xe0) size = 3;
      else if (b < 0xf0) size = 4;
      else if (b === 0xf0) size = 5;
      else throw new Error(`control byte 0x${b.toString(16)} from client`);
      if (pos + size > this.buf.length) break;
      if (size === 2) len = ((b & 0x3f) << 8) | this.buf[pos + 1]!;
      else if (size === 3) len = ((b & 0x1f) << 16) | this.buf.readUInt16BE(pos + 1);
      else if (size === 4) len = (b & 0x0f) * 0x1000000 + this.buf.readUIntBE(pos + 1, 3);
      else if (size === 5) len = this.buf.readUInt32BE(pos + 1);
      if (pos + size + len! > this.buf.length) break;
      pos += size;
      if (len! === 0) {
        out.push(this.words);
        this.words = [];
      } else {
        this.words.push(this.buf.toString('utf8', pos, pos + len!));
        pos += len!;
      }
    }
    this.buf = this.buf.subarray(pos);
    return out;
  }
}
