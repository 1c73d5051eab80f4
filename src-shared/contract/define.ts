import { z } from 'zod';
import './messages'; // plain messages for checks without their own, before any schema is used
import type { Permission } from '../permissions';

export interface Procedure<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  permission: Permission;
  /** Channels that change data: the host pushes a `data.changed` event after they succeed. */
  mutates?: string;
}

export const procedure = <I extends z.ZodType, O extends z.ZodType>(p: Procedure<I, O>) => p;

/** Optional free text: trims, turns '' into null, caps the length. */
export const optionalText = (max: number, label = 'Text') =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v),
    z.string().max(max, `${label} must be at most ${max} characters`).nullable().optional(),
  );

export const requiredText = (max: number, label = 'This field') =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: `${label} is required` })
      .min(1, `${label} is required`)
      .max(max, `${label} must be at most ${max} characters`),
  );

export const id = z.number({ error: 'Must be an id' }).int('Must be an id').positive('Must be an id');
export const byId = z.object({ id });

export const page = z.number().int().min(1).max(1_000_000).default(1);
export const pageSize = z.number().int().min(1, 'At least 1').max(500, 'At most 500').default(25);
export const sortDir = z.enum(['asc', 'desc']).default('asc');
export const searchText = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z.string().max(100, 'Search must be at most 100 characters').optional(),
);

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Timestamps cross the boundary as ISO strings (UTC). */
export const timestamp = z.string();
/** A local time of day, `HH:mm` on the 24-hour clock (quiet hours and the like, in the ISP's zone). */
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Time must be HH:mm (24-hour)');
