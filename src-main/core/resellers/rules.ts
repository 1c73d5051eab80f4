/**
 * The reseller's share per package. A discount: the reseller pays the bill minus the share from their
 * balance. A commission: they pay the full bill and the share comes back as its own movement.
 * Rounding (stated): a percent share is rounded DOWN to whole rupiah (in the ISP's favour); a flat share
 * is never more than the amount paid.
 */
import { BASIS_POINTS, type ResellerRule } from '../../../src-shared/contract/resellers';
import { badInput, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import {
  deleteRule,
  findReseller,
  listRules,
  packageExists,
  upsertRule,
  type RuleRow,
} from '../../data/resellers/resellers.repository';

export interface Rule {
  kind: 'discount' | 'commission';
  mode: 'percent' | 'flat';
  value: number;
}

/** The share of a payment of `amount` rupiah under a rule (0 without one). Integer rupiah, rounded down. */
export function shareOf(rule: Rule | undefined, amount: number): number {
  if (!rule || amount <= 0) return 0;
  if (rule.mode === 'flat') return Math.min(rule.value, amount);
  // Integer arithmetic: amount ≤ 10^12 and value ≤ 10^4 stay below 2^53.
  return Math.floor((amount * rule.value) / BASIS_POINTS);
}

/** What the balance pays (debit) and gets back (credit) for a bill payment of `amount`. */
export function splitPayment(rule: Rule | undefined, amount: number) {
  const share = shareOf(rule, amount);
  if (rule?.kind === 'discount') return { share, debit: amount - share, commission: 0 };
  return { share, debit: amount, commission: share };
}

const toRule = (r: RuleRow): ResellerRule => ({ ...r, shareAtPrice: shareOf(r, r.price) });

export function rulesOf(call: CallContext, resellerId: number): ResellerRule[] {
  return listRules(call.app.sqlite, resellerId).map(toRule);
}

export function setRule(
  call: CallContext,
  input: { resellerId: number; internetPackageId: number; kind: Rule['kind']; mode: Rule['mode']; value: number },
): ResellerRule[] {
  if (input.mode === 'percent' && input.value > BASIS_POINTS) throw badInput('value', 'A percent must be at most 100%');
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      if (!findReseller(db, input.resellerId)) throw notFound('Reseller');
      const pkg = packageExists(db, input.internetPackageId);
      if (!pkg) throw badInput('internetPackageId', 'Package not found');
      const before = listRules(db, input.resellerId).find((r) => r.internetPackageId === pkg.id);
      upsertRule(db, input.resellerId, input, app.clock.now().toISOString());
      writeAudit(call, {
        action: 'reseller.rule',
        entity: 'reseller',
        entityId: input.resellerId,
        before: before ? { package: pkg.name, kind: before.kind, mode: before.mode, value: before.value } : null,
        after: { package: pkg.name, kind: input.kind, mode: input.mode, value: input.value },
      });
      return rulesOf(call, input.resellerId);
    })
    .immediate();
}

export function removeRule(call: CallContext, input: { resellerId: number; internetPackageId: number }) {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const before = listRules(db, input.resellerId).find((r) => r.internetPackageId === input.internetPackageId);
      if (!before) throw notFound('Rule');
      deleteRule(db, input.resellerId, input.internetPackageId);
      writeAudit(call, {
        action: 'reseller.rule_remove',
        entity: 'reseller',
        entityId: input.resellerId,
        before: { package: before.packageName, kind: before.kind, mode: before.mode, value: before.value },
      });
      return rulesOf(call, input.resellerId);
    })
    .immediate();
}
