import { afterEach, describe, expect, it } from 'vitest';
import { portalWorld, type PortalWorld } from '../portal/fixtures';

let w: PortalWorld;
afterEach(async () => w?.close());

describe('kode unik in the customer portal', () => {
  it('the bill shows the exact transfer amount of each open invoice and the accounts', async () => {
    w = await portalWorld();
    await w.t.ok('settings.update', {
      kodeUnikEnabled: true,
      bankAccounts: [{ bank: 'Mandiri', number: '123-00-0456789-0', holder: 'Budi Net' }],
    });
    const cookie = await w.signIn(w.a.code, w.a.password);
    const r = await w.call('portal.home', {}, cookie);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const [inv] = r.value.bill.openInvoices;
    const [tr] = r.value.bill.transfers!;
    expect(tr!.invoiceNumber).toBe(inv!.invoiceNumber);
    expect(tr!.base).toBe(inv!.amount - inv!.paidAmount);
    expect(tr!.payable).toBe(tr!.base + tr!.code);
    expect(r.value.payTo.bankAccounts).toEqual([{ bank: 'Mandiri', number: '123-00-0456789-0', holder: 'Budi Net' }]);
    // The desk's invoice PDF tells the same amount.
    expect((await w.t.ok('invoices.document', { id: inv!.id })).transfer!.payable).toBe(tr!.payable);
  });

  it('off: no transfer amounts', async () => {
    w = await portalWorld();
    const cookie = await w.signIn(w.a.code, w.a.password);
    const r = await w.call('portal.home', {}, cookie);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.bill.transfers).toEqual([]);
  });
});
