import { z } from 'zod';
import { optionalText, procedure, timestamp } from './define';

/** A SHA-256 fingerprint as Node prints it: 32 hex bytes joined by colons. */
export const fingerprint = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'Not a SHA-256 fingerprint');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'Must be 64 hex characters');

/**
 * "Bagikan di jaringan kantor": the staff app served over HTTPS on the office LAN, and the pairing of a
 * seat (another PC) with it.
 */
export const lanShareContract = {
  /** This PC's addresses to choose from, where the shared host listens now and its certificate. */
  'lanShare.status': procedure({
    permission: 'settings.read',
    input: z.object({}).strict().default({}),
    output: z.object({
      interfaces: z.array(z.object({ name: z.string(), address: z.string(), family: z.enum(['IPv4', 'IPv6']) })),
      urls: z.array(z.string()),
      fingerprint: z.string().nullable(),
      error: z.string().nullable(),
    }),
  }),
  /** A new pairing code (the previous one stops working): short, valid a few minutes, for one seat. */
  'lanShare.newPairingCode': procedure({
    permission: 'settings.write',
    input: z.object({}).strict().default({}),
    output: z.object({ code: z.string(), expiresAt: timestamp }),
  }),
  /**
   * A seat proves it knows the pairing code for the certificate it sees (so a machine in the middle with
   * another certificate is refused) and the office proves the same back. The code itself never travels.
   */
  'pairing.verify': procedure({
    permission: 'public',
    input: z
      .object({
        nonce: hex64,
        /** HMAC-SHA256(code, "seat|" + nonce + "|" + fingerprint the seat sees). */
        proof: hex64,
        seatName: optionalText(60, 'Seat name'),
      })
      .strict(),
    output: z.object({ proof: hex64, officeName: z.string(), fingerprint }),
  }),
};
