import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeWords, challengeResponse } from '../../src-main/routeros/connection';
import {
  decodeLength,
  encodeLength,
  encodeSentence,
  parseReply,
  ProtocolError,
  SentenceDecoder,
} from '../../src-main/routeros/protocol';
import { encodeSentence as simEncode, encodeLength as simLength } from '../routeros-sim/wire';

describe('length prefix', () => {
  const cases: Array<[number, number[]]> = [
    [0, [0x00]],
    [0x7f, [0x7f]],
    [0x80, [0x80, 0x80]],
    [0x3fff, [0xbf, 0xff]],
    [0x4000, [0xc0, 0x40, 0x00]],
    [0x1fffff, [0xdf, 0xff, 0xff]],
    [0x200000, [0xe0, 0x20, 0x00, 0x00]],
    [0xfffffff, [0xef, 0xff, 0xff, 0xff]],
    [0x10000000, [0xf0, 0x10, 0x00, 0x00, 0x00]],
    [0xffffffff, [0xf0, 0xff, 0xff, 0xff, 0xff]],
  ];
  it.each(cases)('%i encodes to the documented bytes and back', (n, bytes) => {
    expect([...encodeLength(n)]).toEqual(bytes);
    expect([...simLength(n)]).toEqual(bytes);
    expect(decodeLength(Buffer.from(bytes), 0)).toEqual([bytes.length, n]);
  });

  it('waits for the rest of a multi-byte prefix', () => {
    expect(decodeLength(Buffer.from([0xc0, 0x40]), 0)).toBeNull();
    expect(decodeLength(Buffer.from([]), 0)).toBeNull();
  });

  it.each([0xf8, 0xf9, 0xfc, 0xff, 0xf1, 0xf7])('first byte 0x%s is a protocol error, not a crash', (b) => {
    expect(() => decodeLength(Buffer.from([b, 0, 0, 0, 0]), 0)).toThrow(ProtocolError);
    const d = new SentenceDecoder();
    expect(() => d.push(Buffer.from([0x03, 0x21, 0x72, 0x65, b]))).toThrow(ProtocolError);
  });
});

describe('sentence decoder', () => {
  it('decodes words of every prefix size (1..4 bytes) split into 1-byte chunks', () => {
    const words = ['!re', 'a'.repeat(0x80), 'b'.repeat(0x4000), 'c'.repeat(0x200000), '=.tag=7'];
    const bytes = encodeSentence(words);
    const d = new SentenceDecoder();
    const got: string[][] = [];
    // 1-byte chunks over 2 MB is slow; split the big word region into medium chunks and the edges into single bytes
    let i = 0;
    while (i < bytes.length) {
      const step = i < 0x4200 || i > bytes.length - 20 ? 1 : 65536;
      got.push(...d.push(bytes.subarray(i, Math.min(bytes.length, i + step))));
      i += step;
    }
    expect(got).toEqual([words]);
    expect(d.partial).toBe(false);
  });

  it('matches the simulator encoder and survives any chunking (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }), { minLength: 1, maxLength: 6 }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (sentences, cuts) => {
          const bytes = Buffer.concat(sentences.map((s) => encodeSentence(s)));
          expect(bytes.equals(Buffer.concat(sentences.map((s) => simEncode(s))))).toBe(true);
          const d = new SentenceDecoder();
          const got: string[][] = [];
          let pos = 0;
          let k = 0;
          while (pos < bytes.length) {
            const n = cuts[k++ % cuts.length]!;
            got.push(...d.push(bytes.subarray(pos, pos + n)));
            pos += n;
          }
          expect(got).toEqual(sentences);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('delivers a sentence whose final zero byte arrives alone', () => {
    const bytes = encodeSentence(['!done', '.tag=1']);
    const d = new SentenceDecoder();
    expect(d.push(bytes.subarray(0, bytes.length - 1))).toEqual([]);
    expect(d.push(bytes.subarray(bytes.length - 1))).toEqual([['!done', '.tag=1']]);
  });

  it('rejects absurd word lengths instead of buffering forever', () => {
    const d = new SentenceDecoder();
    expect(() => d.push(Buffer.from([0xf0, 0x7f, 0xff, 0xff, 0xff]))).toThrow(ProtocolError);
  });
});

describe('reply parsing and attributes', () => {
  it('keeps =, tag anywhere, and bare words', () => {
    expect(parseReply(['!re', '.tag=5', '=comment=a=b=c', '=empty=', '=flag'])).toEqual({
      type: '!re',
      tag: '5',
      attrs: { comment: 'a=b=c', empty: '', flag: '' },
      other: [],
    });
    expect(parseReply(['!fatal', 'not logged in'])).toMatchObject({ type: '!fatal', other: ['not logged in'] });
  });

  it('sends booleans as yes/no and skips undefined', () => {
    expect(attributeWords({ disabled: true, 'only-one': false, n: 5, x: undefined, '.id': '*1' })).toEqual([
      '=disabled=yes',
      '=only-one=no',
      '=n=5',
      '=.id=*1',
    ]);
  });

  it('computes the pre-6.43 challenge response', () => {
    // reference value from python3-librouteros' encode_password(token, password)
    expect(challengeResponse('abc', 'ebddd18303a54111e2dea05a92ab46b4')).toBe('006d4ebde672c1b3069a7a66af2103ab69');
  });
});

describe('socket error messages', () => {
  it('maps errno codes (often with empty messages) to readable reasons', async () => {
    const { mapSocketError } = await import('../../src-main/routeros/errors');
    const t = { host: '10.0.0.1', port: 8728, tls: false };
    const m = (code: string) => {
      const e = mapSocketError(Object.assign(new Error(''), { code }), t);
      return `${e.kind}: ${e.message}`;
    };
    expect(m('ECONNREFUSED')).toMatch(/^unreachable: connection refused — is the API service enabled on port 8728\?/);
    expect(m('EHOSTUNREACH')).toMatch(/^unreachable: host 10.0.0.1 is unreachable/);
    expect(m('ENETUNREACH')).toMatch(/^unreachable: network unreachable/);
    expect(m('ETIMEDOUT')).toMatch(/^timeout: connection to 10.0.0.1:8728 timed out/);
    expect(m('ENOTFOUND')).toMatch(/^unreachable: host name "10.0.0.1" not found/);
    expect(m('ECONNRESET')).toMatch(/^closed: the router at 10.0.0.1:8728 reset the connection/);
    expect(m('ERR_SSL_WRONG_VERSION_NUMBER')).toMatch(/^unreachable: TLS handshake/);
    expect(m('')).toMatch(/^closed: connection to 10.0.0.1:8728 failed: socket error/);
    expect(
      mapSocketError(Object.assign(new Error(''), { code: 'ECONNREFUSED' }), { host: 'r', port: 0, tls: true }).message,
    ).toContain('port 8729');
  });
});
