import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../../src-main/logging/logger';
import { maskDigits, maskPersonalText } from '../../../src-main/logging/mask';

describe('personal data in logs', () => {
  it('masks phone and ID numbers by field name at any depth, keeping the last 3 digits', () => {
    const out = redact({
      customer: { code: 'CUST0001', phone: '0812-3456-7890', idCard: '3201123456789012' },
      nik: 3201123456789012,
      list: [{ customerPhone: '+62 812 3456 7890' }],
      passport: 'AB1234567',
      kodeUnik: 123,
      amount: 150000,
    });
    const text = JSON.stringify(out);
    for (const s of ['3456', '7890', '320112345678', '1234567']) expect(text).not.toContain(s);
    expect(out).toMatchObject({
      customer: { code: 'CUST0001', phone: '****-****-*890', idCard: '*************012' },
      kodeUnik: 123,
      amount: 150000,
    });
  });

  it('masks NIKs and Indonesian mobile numbers inside free text', () => {
    const cases: [string, string][] = [
      ['pelanggan 081234567890 ditambahkan', 'pelanggan *********890 ditambahkan'],
      ['to=+6281234567890 failed', 'to=+**********890 failed'],
      ['kirim ke 62 812-3456-7890', 'kirim ke ** ***-****-*890'],
      ['NIK 3201123456789012 sudah ada', 'NIK *************012 sudah ada'],
      ['NIK 3201.1234.5678.9012', 'NIK ****.****.****.*012'],
    ];
    for (const [input, masked] of cases) expect(maskPersonalText(input)).toBe(masked);
  });

  it('leaves numbers that are neither alone: amounts, dates, codes, ports, IPs and ids', () => {
    for (const text of [
      'Rp 150.000 paid on 2026-11-24T03:00:00.000Z',
      'INV-202611-000123 for CUST0001',
      'router 192.168.88.1:8728 took 812 ms',
      'secret *1A id 12345678',
      'sha 0123456789abcdef0123456789abcdef',
      'bytes 81234567890',
    ])
      expect(redactText(text)).toBe(text);
  });

  it('still drops secrets in the same line', () => {
    expect(redactText('password=hunter22 phone 081234567890')).toBe('password=[redacted] phone *********890');
    expect(maskDigits('0812', 3)).toBe('*812');
  });
});
