import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idCardRule, phoneRule } from '../../../src-renderer/components/contactRules';
import { fieldError, integerRule, rupiahRule, rupiahValue } from '../../../src-renderer/components/numberField';
import i18n from '../../../src-renderer/i18n';
import { normalizeIdCard, phoneProblem } from '../../../src-shared/validators';
import { testApp, type TestApp } from '../../helpers/app';

/*
 * The inputs the walkthrough saw silently changed or accepted (issue 12 §5). Each is refused twice:
 * on the field, in Indonesian, before anything is sent (the renderer's rules), and by the API with
 * a per-field issue, with nothing written. tests/e2e/input-validation.spec.ts types them into the screens.
 */

let t: TestApp;
beforeAll(async () => {
  await i18n.changeLanguage('id');
});
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const issuePaths = (r: { ok: boolean; error?: { code: string; issues?: { path: string }[] } }) => {
  expect(r.ok).toBe(false);
  expect(r.error!.code).toBe('BAD_INPUT');
  return r.error!.issues!.map((i) => i.path);
};

describe('refused on the field, in Indonesian', () => {
  it('money fields', () => {
    expect(rupiahRule()('-50000')).toBe('Tidak boleh negatif'); // opening cash
    expect(rupiahRule()('-100000')).toBe('Tidak boleh negatif'); // package price
    expect(rupiahRule()('5o.ooo')).toBe('Bukan angka: tulis angka saja, mis. 50.000');
    expect(rupiahRule()('50.00')).toMatch(/^Titik hanya untuk ribuan/);
    expect(rupiahRule()('1e5')).toMatch(/^Bukan angka/);
    expect(rupiahRule()('')).toBe('Wajib diisi');
    expect(rupiahRule({ required: false })('')).toBeNull();
    // Nothing to send: a refused text has no value at all (not 5, not 50.000).
    expect(rupiahValue('5o.ooo')).toBeUndefined();
    expect(rupiahValue('-50000')).toBeUndefined();
    // What is accepted is exact.
    expect(rupiahRule()('Rp 50.000')).toBeNull();
    expect(rupiahValue('Rp 50.000')).toBe(50_000);
    expect(rupiahValue('50rb')).toBe(50_000);
  });

  it('whole-number fields', () => {
    expect(integerRule({ min: 8 })('-5')).toBe('Tidak boleh negatif'); // kbps
    expect(integerRule({ min: 8 })('5')).toBe('Minimal 8');
    expect(integerRule({ min: 1, max: 28 })('29')).toBe('Maksimal 28');
    expect(integerRule({ min: 1, max: 65535 })('87,28')).toMatch(/^Harus bilangan bulat/);
    expect(fieldError('rupiah', '2000000000000')).toBe('Maksimal Rp 1.000.000.000.000');
  });

  it('phone and ID number (the setup wizard, Settings and the customer form use the same rules)', () => {
    expect(phoneRule('abc-telp')).toBe('Telepon harus 6–15 digit (boleh spasi, strip dan + di depan)');
    expect(phoneRule('0-----')).not.toBeNull(); // one digit is not a phone number
    expect(phoneRule('0812-3456-7890')).toBeNull();
    expect(phoneRule('+62 812 3456 7890')).toBeNull();
    expect(phoneRule('')).toBeNull();
    expect(idCardRule('12ab')).toBe('Nomor KTP harus NIK 16 digit atau nomor paspor (1–2 huruf lalu 6–8 angka)');
    expect(idCardRule('3273 0101 0101 0001')).toBeNull();
    expect(normalizeIdCard('3273.0101.0101.0001')).toBe('3273010101010001');
    expect(normalizeIdCard('b 1234567')).toBe('B1234567');
    expect(phoneProblem('081234567801')).toBeNull(); // the demo data's phones stay valid
  });
});

describe('refused by the API, nothing written', () => {
  it('negative opening cash', async () => {
    expect(issuePaths(await t.call('shifts.open', { openingCash: -50_000 }))).toEqual(['openingCash']);
    expect(await t.ok('shifts.current', {})).toBeNull();
  });

  it('negative price and speed, fractional price', async () => {
    const pkg = { name: 'Negatif', bandwidthUp: 1024, bandwidthDown: 2048, price: 100_000, billingCycle: 'monthly' };
    expect(issuePaths(await t.call('packages.create', { ...pkg, price: -100_000 } as never))).toEqual(['price']);
    expect(issuePaths(await t.call('packages.create', { ...pkg, price: 100_000.5 } as never))).toEqual(['price']);
    expect(issuePaths(await t.call('packages.create', { ...pkg, bandwidthDown: -5 } as never))).toEqual([
      'bandwidthDown',
    ]);
    expect((await t.ok('packages.list', {})).total).toBe(0);
  });

  it('a phone that is not one, in Settings (the setup wizard saves there) and for a customer', async () => {
    const before = await t.ok('settings.get', {});
    expect(issuePaths(await t.call('settings.update', { ispName: 'Net Baru', ispPhone: 'abc-telp' }))).toEqual([
      'ispPhone',
    ]);
    expect(await t.ok('settings.get', {})).toEqual(before); // not even the valid ISP name
    expect(issuePaths(await t.call('customers.create', { name: 'Budi', phone: 'abc-telp' }))).toEqual(['phone']);
    expect(issuePaths(await t.call('customers.create', { name: 'Budi', idCard: '12ab' }))).toEqual(['idCard']);
    expect((await t.ok('customers.list', {})).total).toBe(0);
    // The same values written properly are stored in their normal form.
    await t.ok('settings.update', { ispPhone: '0812-3456-7890' });
    const c = await t.ok('customers.create', {
      name: 'Budi',
      phone: ' 0812 3456 7890 ',
      idCard: '3273-0101-0101-0001',
    });
    expect(c).toMatchObject({ phone: '0812 3456 7890', idCard: '3273010101010001' });
  });
});
