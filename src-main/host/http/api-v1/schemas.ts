import { z } from 'zod';
import { procedures, type Channel } from '../../../../src-shared/contract';

export type JsonSchema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
};

const cache = new Map<string, JsonSchema>();

/** A channel's input or output as JSON Schema (2020-12, as OpenAPI 3.1 uses), generated from the zod contract. */
export function channelSchema(channel: Channel, io: 'input' | 'output'): JsonSchema {
  const key = `${channel}|${io}`;
  let s = cache.get(key);
  if (!s) {
    // Preprocessing (trim, '' → null) is not representable: the JSON side then shows the accepted type.
    const generated = z.toJSONSchema(procedures[channel][io], { io, unrepresentable: 'any', target: 'draft-2020-12' });
    const { $schema: _drop, ...rest } = generated;
    s = rest as JsonSchema;
    cache.set(key, s);
  }
  return s;
}

function typesOf(s: JsonSchema | undefined): string[] {
  if (!s) return [];
  if (Array.isArray(s.type)) return s.type;
  if (typeof s.type === 'string') return [s.type];
  const any = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  return any ? any.flatMap(typesOf) : [];
}

/**
 * Query parameters → a list channel's input. Numbers and booleans are read as such where the contract
 * expects them (anything else stays text, so the contract's own message names the field); `sort.field=x`
 * fills the nested object. Unknown names pass through and the strict schema refuses them.
 */
export function queryToInput(channel: Channel, params: URLSearchParams): Record<string, unknown> {
  const schema = channelSchema(channel, 'input');
  const out: Record<string, unknown> = {};
  for (const [name, raw] of params) {
    const path = name.split('.');
    let target = out;
    let prop: JsonSchema | undefined = schema;
    for (const part of path.slice(0, -1)) {
      prop = prop?.properties?.[part];
      const next = target[part];
      target[part] = next && typeof next === 'object' ? next : {};
      target = target[part] as Record<string, unknown>;
    }
    const last = path[path.length - 1] ?? name;
    const types = typesOf(prop?.properties?.[last]);
    let value: unknown = raw;
    if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw);
    else if (types.includes('boolean') && (raw === 'true' || raw === 'false')) value = raw === 'true';
    target[last] = value;
  }
  return out;
}
