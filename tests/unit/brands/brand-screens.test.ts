import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';

/*
 * Issue 18, the screens' server side: the brand filter on the customer and package lists, the brand
 * limit written together with a user (create / edit), and the limits the Users list shows.
 */
let t: TestApp;
afterEach(() => t?.close());

const pkgInput = (name: string, brandId: number) => ({
  name,
  bandwidthUp: 1024,
  bandwidthDown: 2048,
  price: 100_000,
  billingCycle: 'monthly' as const,
  brandId,
});
const userInput = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  fullName: `User ${username}`,
  role: 'staff' as const,
  password: 'Rahasia-Kuat-1',
  mustChangePassword: false,
  ...extra,
});

async function twoBrands() {
  t = await testApp();
  const beta = await t.ok('brands.create', { name: 'Beta Net', invoicePrefix: 'BETA' });
  await t.ok('customers.create', { name: 'Pelanggan Alfa', brandId: 1 });
  await t.ok('customers.create', { name: 'Pelanggan Beta', brandId: beta.id });
  await t.ok('packages.create', pkgInput('Paket Alfa', 1));
  await t.ok('packages.create', pkgInput('Paket Beta', beta.id));
  return beta.id;
}

describe('brand screens (server side)', () => {
  it('filters the customer and package lists by brand, within what the user may see', async () => {
    const beta = await twoBrands();
    const names = (r: { items: { name: string }[] }) => r.items.map((x) => x.name);
    expect(names(await t.ok('customers.list', { brandId: beta }))).toEqual(['Pelanggan Beta']);
    expect(names(await t.ok('customers.list', { brandId: 1, search: 'Pelanggan' }))).toEqual(['Pelanggan Alfa']);
    expect(names(await t.ok('customers.list', {}))).toEqual(['Pelanggan Alfa', 'Pelanggan Beta']);
    expect(names(await t.ok('packages.list', { brandId: beta }))).toEqual(['Paket Beta']);
    expect((await t.ok('customers.list', { brandId: beta })).total).toBe(1);

    await t.ok('users.create', userInput('kasir-alfa', { brandIds: [1] }));
    const { token } = await t.ok('auth.login', { username: 'kasir-alfa', password: 'Rahasia-Kuat-1' });
    // Asking for another brand's rows gives nothing, not that brand's rows.
    expect(names(await t.ok('customers.list', { brandId: beta }, token))).toEqual([]);
    expect(names(await t.ok('packages.list', { brandId: beta }, token))).toEqual([]);
    expect(names(await t.ok('customers.list', {}, token))).toEqual(['Pelanggan Alfa']);
  });

  it('writes the brand limit with the new user, audited, and lists it', async () => {
    const beta = await twoBrands();
    const u = await t.ok('users.create', userInput('kasir-beta', { brandIds: [beta] }));
    expect(await t.ok('brands.userBrands', { userId: u.id })).toEqual({ brandIds: [beta] });
    const other = await t.ok('users.create', userInput('kasir-semua'));
    expect(await t.ok('brands.userLimits', {})).toEqual({ items: [{ userId: u.id, brandIds: [beta] }] });
    expect((await t.ok('brands.userBrands', { userId: other.id })).brandIds).toEqual([]);
    const audit = await t.ok('audit.list', { entity: 'user', entityId: String(u.id) });
    expect(audit.items.map((a) => a.action).sort()).toEqual(['user.brands', 'user.create']);
  });

  it('refuses a bad limit on create and writes no user', async () => {
    await twoBrands();
    const r = await t.call('users.create', userInput('kasir-x', { brandIds: [99] }));
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'brandIds.0' }] } });
    const admin = await t.call('users.create', userInput('bos-x', { role: 'admin', brandIds: [1] }));
    expect(admin).toMatchObject({ ok: false, error: { issues: [{ path: 'brandIds' }] } });
    expect((await t.ok('users.list', { search: '-x' })).total).toBe(0);
  });

  it('changes the limit on edit, lifts it with an empty list, and drops it when the user becomes Admin', async () => {
    const beta = await twoBrands();
    const u = await t.ok('users.create', userInput('kasir-dua'));
    await t.ok('users.update', { id: u.id, brandIds: [beta, 1] });
    expect((await t.ok('brands.userBrands', { userId: u.id })).brandIds).toEqual([1, beta]);
    // Other edits leave the limit alone.
    await t.ok('users.update', { id: u.id, fullName: 'Kasir Dua' });
    expect((await t.ok('brands.userBrands', { userId: u.id })).brandIds).toEqual([1, beta]);
    await t.ok('users.update', { id: u.id, brandIds: [] });
    expect((await t.ok('brands.userBrands', { userId: u.id })).brandIds).toEqual([]);
    await t.ok('users.update', { id: u.id, brandIds: [beta] });
    await t.ok('users.update', { id: u.id, role: 'admin' });
    expect((await t.ok('brands.userBrands', { userId: u.id })).brandIds).toEqual([]);
    const bad = await t.call('users.update', { id: u.id, brandIds: [beta] });
    expect(bad).toMatchObject({ ok: false, error: { issues: [{ path: 'brandIds' }] } });
  });
});
