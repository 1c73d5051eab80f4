import { z } from 'zod';
import { requiredText } from './define';

/** Ticket categories as customers pick them: an outage, a billing question, anything else. */
export const TICKET_CATEGORIES = ['gangguan', 'tagihan', 'lainnya'] as const;
export const TICKET_STATUSES = ['open', 'answered', 'closed'] as const;
/** A ticket photo after base64 decoding. */
export const TICKET_PHOTO_MAX_BYTES = 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const ticketCategory = z.enum(TICKET_CATEGORIES, { error: 'Choose a category: gangguan, tagihan or lainnya' });
export const ticketText = requiredText(2000, 'Message');

/** An optional photo as base64; its bytes are checked on the server (type and size), not only its name. */
export const ticketPhoto = z
  .object({
    type: z.enum(PHOTO_TYPES, { error: 'The photo must be a JPEG, PNG or WebP image' }),
    base64: z
      .string()
      .max(Math.ceil(TICKET_PHOTO_MAX_BYTES / 3) * 4 + 4, 'The photo must be at most 1 MB')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'The photo must be a JPEG, PNG or WebP image'),
  })
  .strict()
  .nullable()
  .optional();

export const ticketMessage = z.object({
  id: z.number().int(),
  author: z.enum(['customer', 'staff']),
  /** The staff member's name (shown to staff; the portal shows it too, as "Petugas: …"). */
  staffName: z.string().nullable(),
  body: z.string(),
  hasPhoto: z.boolean(),
  createdAt: z.string(),
});

export const ticketSummary = z.object({
  id: z.number().int(),
  category: z.enum(TICKET_CATEGORIES),
  status: z.enum(TICKET_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The first line of the first message, for lists. */
  subject: z.string(),
});

export const photoFile = z.object({ mimeType: z.enum(PHOTO_TYPES), base64: z.string() });
