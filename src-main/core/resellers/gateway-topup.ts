/**
 * "Isi saldo" from the reseller's own sign-in (issue 18): a top-up of their balance paid at a payment
 * gateway. The attempt is a gateway transaction whose payer is the reseller (reseller_id, no customer),
 * asked through the desk's own `askGateway`; the poller, the callbacks and the group-committed credit
 * follow it like a customer's payment, and the credit puts the money in the reseller's ledger once
 * (resellers/topup-credit.ts). A reseller reaches only their own top-ups: another's answers "not found".
 */
import type { GatewayTx } from '../../../src-shared/contract/gateway-payments';
import type { ResellerTopUp } from '../../../src-shared/contract/reseller-self';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import {
  findGatewayTx,
  insertGatewayTx,
  pendingTopUpsOf,
} from '../../data/payments-online/gateway-transactions.repository';
import { gatewayTxViewsOfReseller } from '../../data/payments-online/reconciliation.queries';
import { writeAudit } from '../audit';
import { today } from '../billing/common';
import type { CallContext } from '../context';
import { askGateway, newMerchantRef } from '../gateway-payments/create';
import { gatewayFor, gatewayRow } from '../gateway-payments/gateways';
import { checkOne, wakePoller } from '../gateway-payments/poller';
import { availableGateways } from '../gateway-payments/service';
import { payerAttemptView, toViews, txView } from '../gateway-payments/view';
import { selfReseller } from './self';

/** A reseller's "check now" asks the gateway at most this often per top-up (the poller does the rest). */
export const TOPUP_CHECK_GAP_MS = 10_000;
/** Top-ups waiting for money at once, per reseller (each one is a live VA / QR at the gateway). */
const OPEN_TOPUPS_MAX = 5;

function topUpView(tx: GatewayTx): ResellerTopUp {
  return { ...payerAttemptView(tx), paidAmount: tx.paidAmount, createdAt: tx.createdAt };
}

const offeredMethods = (call: CallContext) =>
  availableGateways(call).flatMap((g) => g.methods.map((method) => ({ provider: g.provider, method })));

export function selfTopUps(call: CallContext) {
  const r = selfReseller(call);
  const rows = gatewayTxViewsOfReseller(call.app.sqlite, r.id, 20);
  return {
    methods: offeredMethods(call),
    items: toViews(call.app, rows).map(topUpView),
  };
}

/**
 * Reserves the attempt (row + audit, one transaction), asks the gateway with the reseller as the payer,
 * and returns what to pay (VA number / QR / checkout link). Refused with nothing written when the method
 * is not on offer or too many top-ups are still waiting.
 */
export async function selfTopUpCreate(
  call: CallContext,
  input: { amount: number; provider: GatewayTx['provider']; method: string },
): Promise<ResellerTopUp> {
  const { app, session } = call;
  const r = selfReseller(call);
  if (!offeredMethods(call).some((m) => m.provider === input.provider && m.method === input.method))
    throw badInput('method', 'This payment method is not offered');
  const now = app.clock.now();
  if (pendingTopUpsOf(app.sqlite, r.id, now.toISOString()) >= OPEN_TOPUPS_MAX)
    throw new AppError('CONFLICT', 'Too many online payments are waiting: use one of them or wait until they expire');
  const gateway = gatewayFor(app, input.provider);
  const expiresAt = new Date(now.getTime() + gatewayRow(app, input.provider).expiryHours * 3_600_000);
  const merchantRef = newMerchantRef(today(app).replaceAll('-', ''));
  const txId = app.sqlite
    .transaction(() => {
      const txId = insertGatewayTx(app.sqlite, {
        merchantRef,
        provider: input.provider,
        customerId: null,
        resellerId: r.id,
        amount: input.amount,
        method: input.method,
        expiresAt: expiresAt.toISOString(),
        createdBy: session?.userId ?? null,
        now: now.toISOString(),
      });
      writeAudit(call, {
        action: 'gateway.payment.create',
        entity: 'gateway_transaction',
        entityId: txId,
        after: {
          provider: input.provider,
          method: input.method,
          merchantRef,
          amount: input.amount,
          reseller: r.code,
          purpose: 'reseller_topup',
        },
      });
      return txId;
    })
    .immediate();
  await askGateway(call, txId, gateway, {
    merchantRef,
    amount: input.amount,
    method: input.method,
    expiresAt: expiresAt.getTime(),
    // The payer fields every adapter takes: a reseller has a name and maybe a phone, no e-mail.
    customer: { name: r.name, phone: r.phone ?? undefined },
    description: `Isi saldo mitra ${r.code}`,
    items: [{ sku: r.code, name: `Isi saldo mitra ${r.code}`, price: input.amount, quantity: 1 }],
  });
  // The background poller plans its next check from the attempts it knows: tell it about this one.
  wakePoller(app);
  return topUpView(txView(app, txId));
}

/** One of my own top-ups; another reseller's (or a customer's) answers exactly like a missing one. */
function ownTopUp(call: CallContext, id: number) {
  const r = selfReseller(call);
  const row = findGatewayTx(call.app.sqlite, id);
  if (!row || row.resellerId !== r.id) throw notFound('Payment');
  return row;
}

export function selfTopUp(call: CallContext, id: number): ResellerTopUp {
  ownTopUp(call, id);
  return topUpView(txView(call.app, id));
}

/** "I have paid": asks the gateway now, at most once per TOPUP_CHECK_GAP_MS per top-up. */
export async function selfTopUpCheck(call: CallContext, id: number): Promise<ResellerTopUp> {
  const row = ownTopUp(call, id);
  const last = row.lastCheckedAt ? Date.parse(row.lastCheckedAt) : -Infinity;
  if (row.creditState === 'none' && call.app.clock.now().getTime() - last >= TOPUP_CHECK_GAP_MS)
    await checkOne(call, row, 'reseller');
  return topUpView(txView(call.app, id));
}
