/**
 * A payment attempt at a gateway for one invoice or all open invoices of a customer. The desk calls it
 * through `gatewayPayments.create`; the customer portal calls the same `createGatewayPayment`.
 */
import crypto from 'node:crypto';
import type { GatewayTx } from '../../../src-shared/contract/gateway-payments';
import { AppError, badInput } from '../../../src-shared/result';
import { findPayableInvoice, openPayableInvoices } from '../../data/billing/invoices.repository';
import { findCustomer } from '../../data/customers.repository';
import { recordGatewayError, recordGatewaySuccess } from '../../data/payments-online/gateway-settings.repository';
import {
  findGatewayTx,
  insertGatewayTx,
  insertGatewayTxInvoice,
  setGatewayTxCreated,
  setGatewayTxObserved,
} from '../../data/payments-online/gateway-transactions.repository';
import {
  isGatewayError,
  nextCheckAt,
  type CreatedPayment,
  type CreatePaymentInput,
  type PaymentGateway,
} from '../../integrations/payments';
import { writeAudit } from '../audit';
import { today } from '../billing/common';
import type { CallContext } from '../context';
import { gatewayFor, gatewayRow } from './gateways';
import { pollStateOf } from './observe';
import { gatewayPollPolicy } from './poll-timing';
import type { In } from './types';
import { txView } from './view';

/** Our reference, unique per attempt and readable on a bank statement: PD-20261124-9F2C41A7. */
export function newMerchantRef(ymd: string): string {
  return `PD-${ymd}-${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
}

/** Failures after which the provider may hold the transaction: the poller looks it up by reference. */
const maybeCreated = (e: unknown) => isGatewayError(e) && (e.ambiguous || e.retryable);

/**
 * Reserves the attempt (row + invoices + audit, one transaction), asks the gateway, stores what to show
 * the customer. A failure that may have reached the gateway leaves the attempt pending for the poller;
 * a refusal marks it failed. Returns the attempt with its VA number / QR string / checkout link.
 */
export async function createGatewayPayment(
  call: CallContext,
  input: In<'gatewayPayments.create'>,
  /** `actor`: who asked when no staff session did (the portal: `customer:<code>`), for the audit rows. */
  opts: { actor?: string } = {},
): Promise<GatewayTx> {
  const { app, session } = call;
  const settings = gatewayRow(app, input.provider);
  if (!settings.enabled) throw badInput('provider', `The ${input.provider} gateway is not enabled`);
  if (!settings.methods.includes(input.method))
    throw badInput('method', `Method ${input.method} is not enabled for ${input.provider}`);
  const gateway = gatewayFor(app, input.provider);
  const customer = findCustomer(app.sqlite, input.customerId);
  if (!customer) throw badInput('customerId', 'Customer not found');

  const now = app.clock.now();
  const expiresAt = new Date(now.getTime() + settings.expiryHours * 3_600_000);
  const merchantRef = newMerchantRef(today(app).replaceAll('-', ''));
  const { txId, bills } = app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      let bills = openPayableInvoices(db, customer.id);
      if (input.invoiceId !== undefined) {
        const chosen = findPayableInvoice(db, input.invoiceId);
        if (!chosen || chosen.customerId !== customer.id)
          throw badInput('invoiceId', 'That invoice belongs to another customer');
        bills = bills.filter((b) => b.id === chosen.id);
        if (!bills.length) throw new AppError('CONFLICT', `Invoice ${chosen.invoiceNumber} is not open`);
      }
      if (!bills.length) throw new AppError('CONFLICT', 'This customer has no open invoice');
      const amount = bills.reduce((s, b) => s + b.amount - b.paidAmount, 0);
      const txId = insertGatewayTx(db, {
        merchantRef,
        provider: input.provider,
        customerId: customer.id,
        amount,
        method: input.method,
        expiresAt: expiresAt.toISOString(),
        createdBy: session?.userId ?? null,
        now: now.toISOString(),
      });
      for (const b of bills) insertGatewayTxInvoice(db, txId, b.id, b.amount - b.paidAmount);
      writeAudit(call, {
        actor: opts.actor,
        action: 'gateway.payment.create',
        entity: 'gateway_transaction',
        entityId: txId,
        after: {
          provider: input.provider,
          method: input.method,
          merchantRef,
          amount,
          invoices: bills.map((b) => b.id),
        },
      });
      return { txId, bills };
    })
    .immediate();

  await askGateway(
    call,
    txId,
    gateway,
    {
      merchantRef,
      amount: bills.reduce((s, b) => s + b.amount - b.paidAmount, 0),
      method: input.method,
      expiresAt: expiresAt.getTime(),
      customer: { name: customer.name, email: customer.email ?? undefined, phone: customer.phone ?? undefined },
      description: `Tagihan ${bills.map((b) => b.invoiceNumber).join(', ')}`.slice(0, 200),
      items: bills.map((b) => ({
        sku: b.invoiceNumber,
        name: b.invoiceNumber,
        price: b.amount - b.paidAmount,
        quantity: 1,
      })),
    },
    opts.actor,
  );
  return txView(app, txId);
}

/**
 * Asks the gateway to create the reserved attempt `txId` and stores what to show the payer (VA number,
 * QR string, checkout link) and the first poll time. A failure that may have reached the gateway leaves
 * the attempt pending for the poller; a refusal marks it failed; either way the caller gets a CONFLICT.
 * Shared by a customer's bills and a reseller's top-up (core/resellers/gateway-topup.ts).
 */
export async function askGateway(
  call: CallContext,
  txId: number,
  gateway: PaymentGateway,
  request: CreatePaymentInput,
  actor?: string,
): Promise<void> {
  const { app } = call;
  let created: CreatedPayment;
  try {
    created = await gateway.createPayment(request);
  } catch (e) {
    failCreate(call, txId, e, actor);
    const detail = e instanceof Error ? e.message : String(e);
    throw new AppError('CONFLICT', `The payment gateway did not create the payment: ${detail}`);
  }

  app.sqlite
    .transaction(() => {
      const at = app.clock.now();
      const tx = findGatewayTx(app.sqlite, txId)!;
      const exp = created.expiresAt ?? Date.parse(tx.expiresAt);
      const next = nextCheckAt({ ...pollStateOf(tx), expiresAt: exp }, gatewayPollPolicy());
      const i = created.instructions;
      setGatewayTxCreated(app.sqlite, txId, {
        providerRef: created.providerRef,
        feeCustomer: created.fees?.customer ?? 0,
        expiresAt: new Date(exp).toISOString(),
        vaNumber: i.vaNumber ?? null,
        bank: i.bank ?? null,
        billerCode: i.billerCode ?? null,
        qrString: i.qrString ?? null,
        payCode: i.payCode ?? null,
        checkoutUrl: i.checkoutUrl ?? null,
        rawStatus: created.rawStatus,
        rawLast: JSON.stringify(created.raw ?? null).slice(0, 20_000),
        nextPollAt: new Date(next ?? at.getTime()).toISOString(),
        now: at.toISOString(),
      });
      recordGatewaySuccess(app.sqlite, tx.provider, at.toISOString());
    })
    .immediate();
}

function failCreate(call: CallContext, txId: number, e: unknown, actor?: string): void {
  const { app } = call;
  const message = e instanceof Error ? e.message : String(e);
  app.sqlite
    .transaction(() => {
      const at = app.clock.now().toISOString();
      const tx = findGatewayTx(app.sqlite, txId)!;
      const pending = maybeCreated(e);
      setGatewayTxObserved(app.sqlite, txId, {
        status: pending ? 'pending' : 'failed',
        rawStatus: null,
        rawLast: null,
        providerRef: null,
        paidAmount: null,
        paidAt: null,
        lastCheckedAt: null,
        consecutiveErrors: 0,
        // May exist at the provider: the poller looks it up by our reference (first check as scheduled).
        nextPollAt: pending
          ? new Date(nextCheckAt(pollStateOf(tx), gatewayPollPolicy()) ?? Date.now()).toISOString()
          : null,
        now: at,
      });
      if (!isGatewayError(e) || e.retryable) recordGatewayError(app.sqlite, tx.provider, at, message);
      writeAudit(call, {
        actor,
        action: 'gateway.payment.create_failed',
        entity: 'gateway_transaction',
        entityId: txId,
        after: { merchantRef: tx.merchantRef, pendingLookup: pending },
        reason: message.slice(0, 300),
      });
    })
    .immediate();
}
