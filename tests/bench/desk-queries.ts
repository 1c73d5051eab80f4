/** The desk's search needles the benches time (platform, billing) and search-profile.ts profiles, in one place. */

/** customers.list: names, codes, phone and e-mail fragments, a one-letter and a long digit needle. */
export const CUSTOMER_SEARCHES = [
  'budi',
  'santoso',
  'CUST0420',
  '0812',
  'mail.id',
  'wati lest',
  'Hendra',
  'x',
  'rt 7',
  'saputra 4',
  '3200000000000',
  'nur',
];

/** cashdesk.lookup: customers, PPPoE usernames and an invoice number. */
export const DESK_LOOKUPS = [
  'budi',
  'santoso',
  'CUST00420',
  '0812',
  'pel4711',
  'INV-202611-000042',
  'wati lest',
  'hendra',
  'nur',
  'rt 7',
];
