import type { Channel } from '../../../../src-shared/contract';

/** One REST route of /api/v1 and the contract channel behind it. */
export interface Route {
  method: 'GET' | 'POST';
  /** Path below /api/v1, `{id}` for a numeric id. */
  path: string;
  channel: Channel;
  summary: string;
  tag: string;
}

/**
 * The resources a third party expects, each served by the same channel (validation, service, errors) as
 * the staff screens. Field names are the contract's.
 */
export const ROUTES: Route[] = [
  { method: 'GET', path: '/customers', channel: 'customers.list', summary: 'List customers', tag: 'customers' },
  { method: 'GET', path: '/customers/{id}', channel: 'customers.get', summary: 'Get a customer', tag: 'customers' },
  { method: 'POST', path: '/customers', channel: 'customers.create', summary: 'Create a customer', tag: 'customers' },
  { method: 'GET', path: '/packages', channel: 'packages.list', summary: 'List internet packages', tag: 'packages' },
  { method: 'GET', path: '/packages/{id}', channel: 'packages.get', summary: 'Get a package', tag: 'packages' },
  { method: 'GET', path: '/accounts', channel: 'pppoe.list', summary: 'List PPPoE accounts', tag: 'accounts' },
  { method: 'GET', path: '/accounts/{id}', channel: 'pppoe.get', summary: 'Get a PPPoE account', tag: 'accounts' },
  { method: 'POST', path: '/accounts', channel: 'pppoe.create', summary: 'Create a PPPoE account', tag: 'accounts' },
  { method: 'GET', path: '/invoices', channel: 'invoices.list', summary: 'List invoices', tag: 'invoices' },
  { method: 'GET', path: '/invoices/{id}', channel: 'invoices.get', summary: 'Get an invoice', tag: 'invoices' },
  { method: 'GET', path: '/payments', channel: 'payments.list', summary: 'List payments', tag: 'payments' },
  { method: 'GET', path: '/payments/{id}', channel: 'payments.get', summary: 'Get a payment', tag: 'payments' },
  { method: 'POST', path: '/payments', channel: 'payments.create', summary: 'Record a payment', tag: 'payments' },
];

export type RouteMatch = { route: Route; id?: number } | { methods: string[] } | null;

/** The route for a method and a path below /api/v1; `{ methods }` when only the method is wrong. */
export function matchRoute(method: string, subPath: string): RouteMatch {
  const parts = subPath.split('/').filter(Boolean);
  const methods: string[] = [];
  for (const route of ROUTES) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    let id: number | undefined;
    const fits = pattern.every((p, i) => {
      if (p !== '{id}') return p === parts[i];
      if (!/^[1-9]\d{0,15}$/.test(parts[i] ?? '')) return false;
      id = Number(parts[i]);
      return true;
    });
    if (!fits) continue;
    if (route.method === method) return id === undefined ? { route } : { route, id };
    methods.push(route.method);
  }
  return methods.length ? { methods } : null;
}
