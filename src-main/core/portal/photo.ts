import { TICKET_PHOTO_MAX_BYTES } from '../../../src-shared/contract/ticket-schemas';
import { badInput } from '../../../src-shared/result';

/** The image type a file's first bytes show (JPEG, PNG, WebP), or null. */
export function sniffImageType(buf: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

/**
 * A ticket photo as sent (type + base64), checked by its bytes: the declared type must be what the
 * file really is, and it must fit the limit. A renamed PDF or script is refused whatever it is called.
 */
export function checkTicketPhoto(photo: { type: string; base64: string } | null | undefined) {
  if (!photo) return null;
  const buf = Buffer.from(photo.base64, 'base64');
  if (buf.length > TICKET_PHOTO_MAX_BYTES) throw badInput('photo', 'The photo must be at most 1 MB');
  const real = sniffImageType(buf);
  if (!real || real !== photo.type) throw badInput('photo', 'The photo must be a JPEG, PNG or WebP image');
  return { data: buf, type: real };
}
