import { z } from 'zod';
import { TIME_ZONES } from './dates';
import { phoneOrEmpty } from './validators';

const prefix = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{1,8}$/, 'Prefix: 1–8 capital letters or digits');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Time must be HH:mm (24-hour)');
const days = (min: number, max: number) =>
  z
    .number({ error: 'Number of days is required' })
    .int('Whole days')
    .min(min, `At least ${min} days`)
    .max(max, `At most ${max} days`);
const count = (min: number, max: number) =>
  z
    .number({ error: 'A number is required' })
    .int('A whole number')
    .min(min, `At least ${min}`)
    .max(max, `At most ${max}`);

const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const quad = `${octet}(\\.${octet}){3}`;
const ipv4 = new RegExp(`^${quad}$`);
const ipv4OrEmpty = new RegExp(`^(${quad})?$`);
const ipv4Range = new RegExp(`^${quad}-${quad}$`);

/** Every setting with its default. Stored as JSON per key; unknown keys are rejected. */
export const settingsShape = {
  ispName: z
    .string()
    .trim()
    .min(1, 'ISP name is required')
    .max(120, 'ISP name must be at most 120 characters')
    .default('PPPoE Desk ISP'),
  ispAddress: z.string().trim().max(300, 'Address must be at most 300 characters').default(''),
  ispPhone: phoneOrEmpty.default(''),
  /** Logo as a data: URL (PNG/JPEG), used on receipts and invoices. */
  ispLogo: z
    .string()
    .max(700_000, 'Logo must be smaller than 500 KB')
    .regex(/^(data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+)?$/, 'Logo must be a PNG or JPEG image')
    .default(''),
  timeZone: z.enum(TIME_ZONES, { error: 'Time zone must be WIB, WITA or WIT' }).default('Asia/Jakarta'),
  language: z.enum(['id', 'en'], { error: 'Language must be Indonesian or English' }).default('id'),
  customerCodePrefix: prefix.default('CUST'),
  invoicePrefix: prefix.default('INV'),
  paymentPrefix: prefix.default('PAY'),
  refundPrefix: prefix.default('RFD'),
  /** Days from invoice date to due date. */
  dueDays: days(0, 90).default(10),
  /** Days after the due date before isolir. */
  graceDays: days(0, 90).default(3),
  isolirMode: z.enum(['profile', 'disable'], { error: 'Isolir mode is profile or disable' }).default('profile'),
  /**
   * The isolir page as the router reaches it: the dst-nat of isolated customers' HTTP goes to this
   * address and port (the portal's address on the ISP's network). Empty = the router setup cannot be applied.
   */
  isolirPortalAddress: z
    .string()
    .trim()
    .regex(ipv4OrEmpty, 'Isolir page address must be an IPv4 address (e.g. 192.168.88.10)')
    .default(''),
  isolirPortalPort: z
    .number({ error: 'Isolir page port must be a number' })
    .int('Isolir page port must be a whole number')
    .min(1, 'Isolir page port must be between 1 and 65535')
    .max(65535, 'Isolir page port must be between 1 and 65535')
    .default(80),
  /** Addresses the isolir profile gives out (its own pool), and the router's side of those sessions. */
  isolirPoolRanges: z
    .string()
    .trim()
    .regex(ipv4Range, 'Isolir pool must be an address range like 172.30.0.2-172.30.3.254')
    .default('172.30.0.2-172.30.3.254'),
  isolirLocalAddress: z
    .string()
    .trim()
    .regex(ipv4, 'Isolir local address must be an IPv4 address (e.g. 172.30.0.1)')
    .default('172.30.0.1'),
  /** Where customers transfer to: shown on the isolir page and the portal. */
  bankAccounts: z
    .array(
      z
        .object({
          bank: z.string().trim().min(1, 'Bank name is required').max(60, 'Bank name must be at most 60 characters'),
          number: z
            .string()
            .trim()
            .regex(/^[0-9 .-]{4,30}$/, 'Account number: 4–30 digits (spaces, dots or dashes allowed)'),
          holder: z
            .string()
            .trim()
            .min(1, 'Account holder is required')
            .max(100, 'Account holder must be at most 100 characters'),
        })
        .strict(),
    )
    .max(5, 'At most 5 bank accounts')
    .default([]),
  autoInvoiceRun: z.boolean().default(true),
  invoiceRunDay: z
    .number({ error: 'Day of month is required' })
    .int('Day of month must be a whole number')
    .min(1, 'Day of month: 1 to 28')
    .max(28, 'Day of month: 1 to 28 (every month has a 28th)')
    .default(1),
  invoiceRunTime: hhmm.default('07:00'),
  /**
   * Billing terms of a subscription created with a PPPoE account (or by import, or by the unbilled-accounts
   * fix): its billing day is the start date's day (capped at 28) or one fixed day for everyone, and the
   * first invoice is pro-rated from the start date when the start is past the billing day.
   */
  billingDayMode: z
    .enum(['start_date', 'fixed'], { error: 'Billing day is the start date or a fixed day' })
    .default('start_date'),
  fixedBillingDay: z
    .number({ error: 'Day of month is required' })
    .int('Day of month must be a whole number')
    .min(1, 'Day of month: 1 to 28')
    .max(28, 'Day of month: 1 to 28 (every month has a 28th)')
    .default(1),
  prorateFirstInvoice: z.boolean().default(true),
  automationEnabled: z.boolean().default(true),
  expiryAlertDays: days(1, 90).default(7),
  receiptWidth: z.union([z.literal(58), z.literal(80)], { error: 'Receipt width is 58 or 80 mm' }).default(58),
  /** A payment above this needs an explicit confirmation flag. */
  paymentConfirmLimit: z
    .number({ error: 'Amount is required' })
    .int('Amount in whole rupiah')
    .min(0, 'Amount cannot be negative')
    .max(1_000_000_000_000, 'Amount is too large')
    .default(5_000_000),
  allowNegativeDeposit: z.boolean().default(false),
  sessionTimeoutMinutes: z
    .number({ error: 'Minutes are required' })
    .int('Whole minutes')
    .min(1, 'At least 1 minute')
    .max(24 * 60, 'At most 1440 minutes (24 hours)')
    .default(30),
  backupFolder: z.string().trim().max(1000, 'Folder path is too long').default(''),
  /** Folders "Back up to folder" may write into (besides backupFolder), each checked when saved. */
  backupAllowedFolders: z
    .array(z.string().trim().min(1, 'Folder path is required').max(1000, 'Folder path is too long'))
    .max(20, 'At most 20 folders')
    .default([]),
  backupTime: hhmm.default('02:00'),
  backupKeepDaily: count(1, 365).default(7),
  backupKeepWeekly: count(0, 520).default(4),
  backupKeepMonthly: count(0, 240).default(12),
  /** The customer portal (core/portal): off until the ISP turns it on; its own address and port. */
  portalEnabled: z.boolean().default(false),
  portalHost: z
    .union([z.ipv4(), z.ipv6()], { error: 'Portal address must be an IP address, e.g. 0.0.0.0 or 192.168.88.10' })
    .default('0.0.0.0'),
  portalPort: z
    .number({ error: 'Portal port is required' })
    .int('Portal port must be a whole number')
    .min(1, 'Portal port: 1 to 65535')
    .max(65535, 'Portal port: 1 to 65535')
    .default(8080),
  /** "Bagikan di jaringan kantor": the staff app over HTTPS on the chosen LAN addresses (off by default). */
  lanShareEnabled: z.boolean().default(false),
  lanShareHosts: z
    .array(z.union([z.ipv4(), z.ipv6()], { error: 'Each shared address must be an IP address of this PC' }))
    .max(8, 'At most 8 addresses')
    .default([]),
  lanSharePort: z
    .number({ error: 'Port is required' })
    .int('Port must be a whole number')
    .min(1, 'Port: 1 to 65535')
    .max(65535, 'Port: 1 to 65535')
    .default(8443),
  updateUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^(https?:\/\/\S+)?$/, 'Update URL must start with http:// or https://')
    .default(''),
  /**
   * Kode unik for bank transfers: each open bill asks its balance plus a small code (1 to this maximum),
   * unique among open bills, so a statement line of exactly that amount names the bill.
   */
  kodeUnikEnabled: z.boolean().default(false),
  kodeUnikMax: count(9, 9_999).default(999),
  /**
   * The portal's address as customers reach it (e.g. https://bayar.isp.net/), for {link_bayar} in
   * messages. Empty = the address the portal listens on.
   */
  portalPublicUrl: z
    .string()
    .trim()
    .max(300)
    .regex(/^(https?:\/\/[^\s?#]+)?$/, 'Portal public address must start with http:// or https://')
    .default(''),
};

export const settingsSchema = z.object(settingsShape);
export type Settings = z.output<typeof settingsSchema>;
export type SettingKey = keyof Settings;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/**
 * Input of settings.update: any subset of the settings, each validated, and NO defaults filled in
 * (a `.partial()` of the schema above would fill every missing key with its default and so reset
 * every setting the caller did not send).
 */
export const settingsPatchSchema = z
  .object(
    Object.fromEntries(Object.entries(settingsShape).map(([k, v]) => [k, v.unwrap().optional()])) as {
      [K in keyof typeof settingsShape]: z.ZodOptional<ReturnType<(typeof settingsShape)[K]['unwrap']>>;
    },
  )
  .strict();
export type SettingsPatch = z.output<typeof settingsPatchSchema>;
