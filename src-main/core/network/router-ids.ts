/** The router side of idempotent upserts and removes: names → `.id`s, read once per run. */
import { RouterError, type RouterClient } from '../../routeros/client';

const lc = (s: string) => s.toLowerCase();

/**
 * Properties cleared with `unset` rather than set to an empty value: an IP-typed property does not
 * take an empty string on every RouterOS version, while `unset =numbers= =value-name=` works on all.
 */
const UNSETTABLE: Record<string, readonly string[]> = {
  '/ppp/secret': ['remote-address'],
  '/ppp/profile': ['remote-address'],
};

/** Read along with the ids: a secret's comment tells whether it is the app's (see ownsSecret). */
const ALSO_READ: Record<string, readonly string[]> = { '/ppp/secret': ['comment'] };

const NONE: readonly string[] = [];

/** The UNSETTABLE properties asked to be empty (cleared with `unset`, not set). */
const cleared = (attrs: Record<string, string>, unsettable: readonly string[]) =>
  unsettable.filter((k) => attrs[k] === '');

/** `attrs` without those cleared ones: what `set` sends. */
function withoutCleared(attrs: Record<string, string>, unsettable: readonly string[]) {
  const sent: Record<string, string> = {};
  for (const k in attrs) if (!(attrs[k] === '' && unsettable.includes(k))) sent[k] = attrs[k]!;
  return sent;
}

export interface Known {
  id: string;
  /** Current values of the menu's UNSETTABLE properties, so `unset` is only sent when something is set. */
  values: Record<string, string>;
  comment?: string;
}

/**
 * name → `.id` of a router menu, read once per run with one print (cheap even for thousands of rows)
 * and kept current as this worker adds and removes items.
 */
export class RouterIds {
  private maps = new Map<string, Map<string, Known>>();
  constructor(private readonly client: RouterClient) {}

  private proplist(menu: string) {
    return ['.id', 'name', ...(UNSETTABLE[menu] ?? []), ...(ALSO_READ[menu] ?? [])].join(',');
  }

  private known(menu: string, row: Record<string, string | undefined>): Known {
    return {
      id: row['.id']!,
      values: Object.fromEntries((UNSETTABLE[menu] ?? []).map((k) => [k, row[k] ?? ''])),
      comment: row.comment,
    };
  }

  async load(menu: string) {
    if (this.maps.has(menu)) return;
    const rows = await this.client.run(`${menu}/print`, { '.proplist': this.proplist(menu) });
    this.maps.set(
      menu,
      new Map(rows.filter((r) => r.name !== undefined).map((r) => [lc(r.name!), this.known(menu, r)])),
    );
  }

  private async find(menu: string, name: string): Promise<Known | undefined> {
    const m = this.maps.get(menu);
    if (m) return m.get(lc(name));
    const rows = await this.client.run(
      `${menu}/print`,
      { '.proplist': this.proplist(menu) },
      { queries: [`?name=${name}`] },
    );
    return rows[0] ? this.known(menu, rows[0]) : undefined;
  }

  /** `set` what has a value; `unset` the UNSETTABLE properties asked to be empty that are not already. */
  private async update(menu: string, item: Known, attrs: Record<string, string>, clear: readonly string[]) {
    await this.client.run(`${menu}/set`, { '.id': item.id, ...attrs });
    for (const k of clear)
      if (item.values[k]) await this.client.run(`${menu}/unset`, { numbers: item.id, 'value-name': k });
  }

  /**
   * Makes the item match `attrs`: `set` when one of that name (or `previousName`) exists, else `add`.
   * `mayChange` vets an existing item first (a secret someone else made is refused, not overwritten).
   * Resolves with the item's `.id`.
   */
  async upsert(
    menu: string,
    name: string,
    previousName: string | null,
    attrs: Record<string, string>,
    dup: RegExp,
    mayChange: (found: Known) => void = () => undefined,
  ): Promise<string | undefined> {
    const unsettable = UNSETTABLE[menu] ?? NONE;
    // Plain loops and no awaits for what the loaded map answers: this runs once per secret of a
    // 5,000-secret sync, and each await or copy here showed in its profile.
    const m = this.maps.get(menu);
    let item = m ? m.get(lc(name)) : await this.find(menu, name);
    if (item === undefined && previousName) item = m ? m.get(lc(previousName)) : await this.find(menu, previousName);
    let id = item?.id;
    let sent: Record<string, string> | undefined;
    if (item !== undefined) {
      mayChange(item);
      sent = withoutCleared(attrs, unsettable);
      await this.update(menu, item, sent, cleared(attrs, unsettable));
    } else {
      try {
        // An empty value on add is at best noise and at worst "invalid value" on some versions: leave it out.
        const added: Record<string, string> = {};
        for (const k in attrs) if (attrs[k] !== '') added[k] = attrs[k]!;
        const ret = await this.client.run(`${menu}/add`, added);
        id = ret[0]?.ret;
      } catch (err) {
        // Someone created it since we looked: adopt it.
        if (!(err instanceof RouterError && err.kind === 'trap' && dup.test(err.message))) throw err;
        const rows = await this.client.run(
          `${menu}/print`,
          { '.proplist': this.proplist(menu) },
          { queries: [`?name=${name}`] },
        );
        if (!rows[0]) throw err;
        const found = this.known(menu, rows[0]);
        mayChange(found);
        id = found.id;
        sent = withoutCleared(attrs, unsettable);
        await this.update(menu, found, sent, cleared(attrs, unsettable));
      }
    }
    if (m) {
      if (previousName) m.delete(lc(previousName));
      if (id !== undefined) {
        // What the item now holds: the values sent, empty where cleared (or, on add, left out).
        const values: Record<string, string> = {};
        for (const k of unsettable) values[k] = attrs[k] ?? item?.values[k] ?? '';
        m.set(lc(name), { id, values, comment: attrs.comment ?? item?.comment });
      }
    }
    return id;
  }

  /** Adds the item only when there is none with that name. */
  async ensure(menu: string, name: string, attrs: Record<string, string>) {
    if ((await this.find(menu, name)) !== undefined) return;
    try {
      const ret = await this.client.run(`${menu}/add`, attrs);
      const id = ret[0]?.ret;
      if (id !== undefined) this.maps.get(menu)?.set(lc(name), this.known(menu, { '.id': id, ...attrs }));
    } catch (err) {
      if (!(err instanceof RouterError && err.kind === 'trap' && /same name already exists/i.test(err.message)))
        throw err;
    }
  }

  async remove(menu: string, name: string) {
    const item = await this.find(menu, name);
    if (item === undefined) return; // already gone: removing is idempotent
    try {
      await this.client.run(`${menu}/remove`, { '.id': item.id });
    } catch (err) {
      if (!(err instanceof RouterError && err.kind === 'trap' && /no such item/i.test(err.message))) throw err;
    }
    this.maps.get(menu)?.delete(lc(name));
  }
}
