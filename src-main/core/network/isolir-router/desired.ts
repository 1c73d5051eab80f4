/**
 * The router side of the isolir page: the objects PPPoE Desk puts on a MikroTik so that isolated
 * customers' plain HTTP lands on the isolir page. Every object carries the comment `TAG:<key>`; only
 * objects with that comment are ever changed or removed (the operator's own rules are never touched).
 */

export const TAG = 'pppoe-desk:isolir';
export const POOL_NAME = 'pppoe-desk-isolir';
export const ADDRESS_LIST = 'pppoe-desk-isolir';
/** Slow, but enough for DNS and the isolir page. */
export const ISOLIR_RATE_LIMIT = '256k/256k';

export type IsolirMenu = '/ip/pool' | '/ppp/profile' | '/ip/firewall/nat' | '/ip/firewall/filter';

export interface DesiredObject {
  menu: IsolirMenu;
  /** Stable name inside our tag: the comment is `TAG:key`. */
  key: string;
  /** Exactly the properties we set (compared as the router prints them). */
  fields: Record<string, string>;
}

export interface IsolirRouterConfig {
  profileName: string;
  poolRanges: string;
  localAddress: string;
  portalAddress: string;
  portalPort: number;
}

export const commentOf = (key: string) => `${TAG}:${key}`;
/**
 * The isolir profile the sync worker already made (`profile.ensure`, no comment) is taken over rather
 * than refused: its comment says so, and removing the setup puts it back as it was instead of deleting it.
 */
export const ADOPTED = ';adopted';

/** Our key from a comment (`…:profile;adopted` → `profile`), or null when the object is not ours. */
export function keyOf(comment: string | undefined): string | null {
  if (!comment?.startsWith(`${TAG}:`)) return null;
  const key = comment.slice(TAG.length + 1);
  return key.endsWith(ADOPTED) ? key.slice(0, -ADOPTED.length) : key;
}

export const isAdopted = (comment: string | undefined) => keyOf(comment) !== null && comment!.endsWith(ADOPTED);

/** What `profile.ensure` (core/network/queue.ts) creates when a router has no isolir profile. */
export const ENSURED_PROFILE = { 'rate-limit': ISOLIR_RATE_LIMIT, 'address-list': 'ISOLIR' } as const;
/** Fields the setup adds to an adopted profile: unset again on removal. */
export const ADOPTED_EXTRA = ['local-address', 'remote-address', 'dns-server'] as const;

/** Exactly the profile `profile.ensure` made, untouched since: ours, though it carries no comment. */
export function isEnsuredProfile(r: Record<string, string>): boolean {
  return (
    !r.comment &&
    r['rate-limit'] === ENSURED_PROFILE['rate-limit'] &&
    r['address-list'] === ENSURED_PROFILE['address-list'] &&
    ADOPTED_EXTRA.every((f) => !r[f])
  );
}

/**
 * In apply order: the pool before the profile that uses it, the NAT rule, then the forward-chain filter
 * rules in the order the router must evaluate them (DNS and the portal accepted, HTTPS and everything
 * else from the list dropped; HTTPS cannot be redirected, and a dropped one makes browsers and phones
 * fall back to their captive-portal check over plain HTTP, which the NAT rule answers).
 */
export function desiredObjects(c: IsolirRouterConfig): DesiredObject[] {
  const list = ADDRESS_LIST;
  const fwd = (key: string, fields: Record<string, string>): DesiredObject => ({
    menu: '/ip/firewall/filter',
    key,
    fields: { chain: 'forward', 'src-address-list': list, ...fields, comment: commentOf(key) },
  });
  return [
    { menu: '/ip/pool', key: 'pool', fields: { name: POOL_NAME, ranges: c.poolRanges, comment: commentOf('pool') } },
    {
      menu: '/ppp/profile',
      key: 'profile',
      fields: {
        name: c.profileName,
        'local-address': c.localAddress,
        'remote-address': POOL_NAME,
        'address-list': list,
        'rate-limit': ISOLIR_RATE_LIMIT,
        'dns-server': c.localAddress,
        comment: commentOf('profile'),
      },
    },
    {
      menu: '/ip/firewall/nat',
      key: 'http-redirect',
      fields: {
        chain: 'dstnat',
        'src-address-list': list,
        protocol: 'tcp',
        'dst-port': '80',
        action: 'dst-nat',
        'to-addresses': c.portalAddress,
        'to-ports': String(c.portalPort),
        comment: commentOf('http-redirect'),
      },
    },
    fwd('dns-udp', { protocol: 'udp', 'dst-port': '53', action: 'accept' }),
    fwd('dns-tcp', { protocol: 'tcp', 'dst-port': '53', action: 'accept' }),
    fwd('portal', {
      'dst-address': c.portalAddress,
      protocol: 'tcp',
      'dst-port': String(c.portalPort),
      action: 'accept',
    }),
    fwd('https-drop', { protocol: 'tcp', 'dst-port': '443', action: 'drop' }),
    fwd('drop-rest', { action: 'drop' }),
  ];
}

/** Menus in the order objects are removed (rules first, the pool last: the profile uses it). */
export const REMOVE_ORDER: IsolirMenu[] = ['/ip/firewall/filter', '/ip/firewall/nat', '/ppp/profile', '/ip/pool'];
