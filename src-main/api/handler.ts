import type { z } from 'zod';
import type { Procedure } from '../../src-shared/contract/define';
import type { CallContext } from '../core/context';

/** A handler per channel of a contract: validated input in, JSON-safe output (sync or async) out. */
export type HandlersFor<T extends Record<string, Procedure>> = {
  [K in keyof T]: (
    input: z.output<T[K]['input']>,
    call: CallContext,
  ) => z.input<T[K]['output']> | Promise<z.input<T[K]['output']>>;
};
