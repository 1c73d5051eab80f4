/**
 * RouterOS API wire format: words are length-prefixed byte strings, a sentence ends with a zero-length
 * word. The decoder is incremental: a word, a length prefix or the final zero byte may be split across
 * any number of TCP segments (node-routeros stalls on the last case, see ROUTEROS.md defect 6).
 */
import crypto from 'node:crypto';

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** Longest word we accept; anything larger is garbage rather than a reply (16 MiB). */
export const MAX_WORD_BYTES = 16 * 1024 * 1024;

export function encodeLength(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`bad word length ${n}`);
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x4000) return Buffer.from([0x80 | (n >> 8), n & 0xff]);
  if (n < 0x200000) return Buffer.from([0xc0 | (n >> 16), (n >> 8) & 0xff, n & 0xff]);
  if (n < 0x10000000) return Buffer.from([0xe0 | (n >>> 24), (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = 0xf0;
  b.writeUInt32BE(n, 1);
  return b;
}

export function encodeWord(word: string): Buffer {
  const bytes = Buffer.from(word, 'utf8');
  return Buffer.concat([encodeLength(bytes.length), bytes]);
}

export function encodeSentence(words: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const w of words) parts.push(encodeWord(w));
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/**
 * Reads a length prefix at `pos`: `null` when more bytes are needed, `[prefixSize, length]` otherwise.
 * A first byte >= 0xF8 is a reserved control byte; 0xF1..0xF7 are not valid prefixes either.
 */
export function decodeLength(buf: Buffer, pos: number): [number, number] | null {
  if (pos >= buf.length) return null;
  const b = buf[pos]!;
  if (b < 0x80) return [1, b];
  if (b >= 0xf8) throw new ProtocolError(`reserved control byte 0x${b.toString(16)} in reply`);
  if (b > 0xf0) throw new ProtocolError(`invalid length prefix byte 0x${b.toString(16)}`);
  const size = b < 0xc0 ? 2 : b < 0xe0 ? 3 : b < 0xf0 ? 4 : 5;
  if (pos + size > buf.length) return null;
  switch (size) {
    case 2:
      return [2, ((b & 0x3f) << 8) | buf[pos + 1]!];
    case 3:
      return [3, ((b & 0x1f) << 16) | buf.readUInt16BE(pos + 1)];
    case 4:
      return [4, (b & 0x0f) * 0x1000000 + buf.readUIntBE(pos + 1, 3)];
    default:
      return [5, buf.readUInt32BE(pos + 1)];
  }
}

/** Incremental sentence decoder. `push` returns every sentence completed by the chunk. */
export class SentenceDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private words: string[] = [];
  /** Bytes still needed before the next parse attempt is worthwhile (avoids re-concatenating big words). */
  private need = 1;

  push(chunk: Buffer): string[][] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered < this.need) return [];
    const buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    const out: string[][] = [];
    let pos = 0;
    this.need = 1;
    for (;;) {
      const h = decodeLength(buf, pos);
      if (!h) {
        this.need = Math.max(1, buf.length - pos + 1);
        break;
      }
      const [size, len] = h;
      if (len > MAX_WORD_BYTES) throw new ProtocolError(`word of ${len} bytes is larger than any reply`);
      if (pos + size + len > buf.length) {
        this.need = size + len;
        break;
      }
      pos += size;
      if (len === 0) {
        out.push(this.words);
        this.words = [];
      } else {
        this.words.push(buf.toString('utf8', pos, pos + len));
        pos += len;
      }
    }
    const rest = buf.subarray(pos);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  /** True when a sentence or word is partly received. */
  get partial(): boolean {
    return this.buffered > 0 || this.words.length > 0;
  }
}

export interface ParsedReply {
  /** `!re`, `!done`, `!trap`, `!fatal`, `!empty`... */
  type: string;
  tag?: string;
  attrs: Record<string, string>;
  /** Words that are neither attributes nor API attributes (the reason text of `!fatal`). */
  other: string[];
}

/** Splits a reply sentence into its type, `.tag`, `=name=value` attributes and bare words. */
export function parseReply(words: string[]): ParsedReply {
  const reply: ParsedReply = { type: words[0] ?? '', attrs: {}, other: [] };
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('=')) {
      const eq = w.indexOf('=', 1);
      if (eq < 0) reply.attrs[w.slice(1)] = '';
      else reply.attrs[w.slice(1, eq)] = w.slice(eq + 1);
    } else if (w.startsWith('.tag=')) reply.tag = w.slice(5);
    else reply.other.push(w);
  }
  return reply;
}

export type AttrValue = string | number | boolean | undefined;

/** Attribute words as RouterOS expects them; booleans are sent as yes/no. */
export function attributeWords(attrs: Record<string, AttrValue> = {}): string[] {
  const words: string[] = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    words.push(`=${k}=${typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)}`);
  }
  return words;
}

/** Response to a pre-6.43 login challenge: "00" + md5(0x00 + password + challenge bytes). */
export function challengeResponse(password: string, challengeHex: string): string {
  const md5 = crypto.createHash('md5');
  md5.update(Buffer.from([0]));
  md5.update(Buffer.from(password, 'utf8'));
  md5.update(Buffer.from(challengeHex, 'hex'));
  return `00${md5.digest('hex')}`;
}
