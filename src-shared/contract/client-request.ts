import { z } from 'zod';

/*
 * A client request id on money writes (issue 17): the seat or phone makes one id per submission of a money
 * form (a UUID) and sends it again, unchanged, when the answer was lost on the way. The office records the
 * id in the same transaction as the money, so a repeat returns the first result instead of taking the
 * money twice (core/client-requests.ts).
 */

/** A UUID, or any similar random token of 16–64 letters, digits, `-` or `_`. */
export const CLIENT_REQUEST_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{15,63}$/;

export const clientRequestId = z
  .string({ error: 'The request id must be text' })
  .regex(CLIENT_REQUEST_ID_PATTERN, 'The request id must be 16 to 64 letters, digits, - or _ (a UUID)')
  .optional();

/** On an answer: true when it is the first result of an earlier request with the same id (nothing new was written). */
export const replayed = z.boolean().optional();
