/**
 * A new client request id for a money write: a version 4 UUID. Made from crypto.getRandomValues, not
 * crypto.randomUUID, which browsers offer only in secure contexts (a phone on a plain-http address has none).
 */
export function newRequestId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One id per submission of a form: the same id for the same content until one send goes through (a
 * resend after a lost answer, the cashier pressing again, or going back to the same figures after a
 * refusal such as the large-amount confirmation), a new one once it went through or when the content
 * differs (another amount, another customer: another payment). A content sent before the last success is
 * a new request.
 */
export class SubmissionIds {
  private ids = new Map<string, string>();

  /** The id to send `content` with. */
  idFor(content: unknown): string {
    const key = JSON.stringify(content);
    let id = this.ids.get(key);
    if (!id) this.ids.set(key, (id = newRequestId()));
    return id;
  }

  /** The request went through: the next submission is a new request, even with the same content. */
  finished(): void {
    this.ids.clear();
  }
}
