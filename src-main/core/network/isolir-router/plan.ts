/**
 * Dry run of the isolir router setup: reads the four menus once each and says, object by object, what
 * applying (or removing) would do. Nothing is written here; setup.ts carries the plan out.
 */
import crypto from 'node:crypto';
import type { IsolirChange, IsolirPlan } from '../../../../src-shared/contract/isolir-router';
import type { RouterClient, RouterRow } from '../../../routeros/client';
import {
  ADOPTED,
  ADOPTED_EXTRA,
  desiredObjects,
  ENSURED_PROFILE,
  isAdopted,
  isEnsuredProfile,
  keyOf,
  REMOVE_ORDER,
  type DesiredObject,
  type IsolirMenu,
  type IsolirRouterConfig,
} from './desired';

const MENUS: IsolirMenu[] = ['/ip/pool', '/ppp/profile', '/ip/firewall/nat', '/ip/firewall/filter'];

export type RouterState = Record<IsolirMenu, RouterRow[]>;

export async function readState(client: RouterClient): Promise<RouterState> {
  const rows = await Promise.all(MENUS.map((m) => client.run(`${m}/print`)));
  return Object.fromEntries(MENUS.map((m, i) => [m, rows[i]!])) as RouterState;
}

const isTrue = (v: string | undefined) => v === 'true' || v === 'yes';
const ours = (r: RouterRow) => keyOf(r.comment) !== null;
const label = (r: RouterRow) =>
  [r['.id'], r.chain, r.action, r.comment ? `"${r.comment}"` : ''].filter(Boolean).join(' ');

/**
 * Where a new rule goes: before the next of our rules already on the router (keeps our order), else before
 * the operator's first static rule of that chain, else at the end. Our rules go FIRST in the chain on
 * purpose: default configurations accept established/related and LAN traffic early, which would let
 * isolated customers through; ours only match the isolir address list, so nothing else changes.
 */
function anchorFor(rows: RouterRow[], chain: string, laterKeys: string[]): RouterRow | undefined {
  for (const k of laterKeys) {
    const r = rows.find((x) => keyOf(x.comment) === k);
    if (r) return r;
  }
  return rows.find((r) => r.chain === chain && !ours(r) && !isTrue(r.dynamic));
}

/** The profile `profile.ensure` made, with this name and no comment: taken over, not refused. */
const ensuredProfile = (d: DesiredObject, rows: RouterRow[]) =>
  d.menu === '/ppp/profile' ? rows.find((r) => r.name === d.fields.name && isEnsuredProfile(r)) : undefined;

function changeFor(d: DesiredObject, state: RouterState, later: DesiredObject[]): IsolirChange {
  const rows = state[d.menu];
  const have = rows.find((r) => keyOf(r.comment) === d.key) ?? ensuredProfile(d, rows);
  if (have && (isAdopted(have.comment) || !have.comment))
    d = { ...d, fields: { ...d.fields, comment: `${d.fields.comment}${ADOPTED}` } };
  const base = { menu: d.menu, key: d.key, fields: d.fields };
  if (!have) {
    const chain = d.fields.chain;
    const anchor = chain
      ? anchorFor(
          rows,
          chain,
          later.filter((l) => l.menu === d.menu).map((l) => l.key),
        )
      : undefined;
    return {
      ...base,
      action: 'add',
      id: null,
      changes: [],
      placeBefore: anchor?.['.id'] ?? null,
      placeBeforeLabel: anchor ? label(anchor) : null,
    };
  }
  const changes = Object.entries(d.fields)
    .filter(([k, v]) => (have[k] ?? '') !== v)
    .map(([field, to]) => ({ field, from: have[field] ?? null, to }));
  return {
    ...base,
    action: changes.length ? 'set' : 'keep',
    id: have['.id'] ?? null,
    changes,
    placeBefore: null,
    placeBeforeLabel: null,
  };
}

/** Names our pool and profile would take but that belong to someone else: applying would refuse. */
function conflicts(desired: DesiredObject[], state: RouterState): string[] {
  const out: string[] = [];
  for (const d of desired) {
    if (d.menu !== '/ip/pool' && d.menu !== '/ppp/profile') continue;
    const clash = state[d.menu].find(
      (r) =>
        r.name === d.fields.name && keyOf(r.comment) !== d.key && !(d.menu === '/ppp/profile' && isEnsuredProfile(r)),
    );
    if (clash)
      out.push(
        d.menu === '/ip/pool'
          ? `Pool ${d.fields.name} already exists on the router and was not made by PPPoE Desk`
          : `Profile ${d.fields.name} already exists on the router and was not made by PPPoE Desk; choose another isolir profile name for this router`,
      );
  }
  return out;
}

export function fingerprint(changes: IsolirChange[]): string {
  const essential = changes.map((c) => [c.menu, c.key, c.action, c.id, c.changes, c.placeBefore]);
  return crypto.createHash('sha256').update(JSON.stringify(essential)).digest('hex').slice(0, 16);
}

export function applyPlan(config: IsolirRouterConfig, state: RouterState, problems: string[]): IsolirPlan {
  const desired = desiredObjects(config);
  const wanted = new Set(desired.map((d) => `${d.menu}|${d.key}`));
  const changes = desired.map((d, i) => changeFor(d, state, desired.slice(i + 1)));
  // Ours but no longer wanted (an older version's rule): removed.
  for (const menu of REMOVE_ORDER)
    for (const r of state[menu]) {
      const key = keyOf(r.comment);
      if (key !== null && !wanted.has(`${menu}|${key}`)) changes.push(removal(menu, key, r));
    }
  return finish('apply', changes, [...problems, ...conflicts(desired, state)]);
}

function removal(menu: IsolirMenu, key: string, r: RouterRow): IsolirChange {
  const fields = Object.fromEntries(Object.entries(r).filter(([k]) => k !== '.id'));
  const base = { menu, key, fields, id: r['.id'] ?? null, placeBefore: null, placeBeforeLabel: null };
  if (!isAdopted(r.comment)) return { ...base, action: 'remove', changes: [] };
  // Taken over from profile.ensure: put back as it made it (`to: ''` = unset), not deleted.
  const changes = [
    ...Object.entries(ENSURED_PROFILE)
      .filter(([k, v]) => r[k] !== v)
      .map(([field, to]) => ({ field, from: r[field] ?? null, to })),
    ...[...ADOPTED_EXTRA, 'comment'].filter((f) => r[f]).map((field) => ({ field, from: r[field]!, to: '' })),
  ];
  return { ...base, action: 'set', changes };
}

export function removePlan(state: RouterState, problems: string[]): IsolirPlan {
  const changes: IsolirChange[] = [];
  for (const menu of REMOVE_ORDER)
    for (const r of state[menu]) {
      const key = keyOf(r.comment);
      if (key !== null) changes.push(removal(menu, key, r));
    }
  return finish('remove', changes, problems);
}

function finish(mode: 'apply' | 'remove', changes: IsolirChange[], problems: string[]): IsolirPlan {
  const pending = changes.filter((c) => c.action !== 'keep').length;
  return { mode, changes, problems, pending, fingerprint: fingerprint(changes) };
}
