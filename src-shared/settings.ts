import { z } from 'zod';
import { TIME_ZONES } from './dates';

const prefix = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]{1,8}$/, 'Prefix: 1–8 capital letters or digits');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Time must be HH:mm (24-hour)');

/** Every setting with its default. Stored as JSON per key; unknown keys are rejected. */
export const settingsShape = {
  ispName: z.string().trim().min(1, 'ISP name is required').max(120).default('PPPoE Desk ISP'),
  ispAddress: z.string().trim().max(300).default(''),
  ispPhone: z.string().trim().max(40).default(''),
  /** Logo as a data: URL (PNG/JPEG), used on receipts and invoices. */
  ispLogo: z
    .string()
    .max(700_000, 'Logo must be smaller than 500 KB')
    .regex(/^(data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+)?$/, 'Logo must be a PNG or JPEG image')
    .default(''),
  timeZone: z.enum(TIME_ZONES).default('Asia/Jakarta'),
  language: z.enum(['id', 'en']).default('id'),
  customerCodePrefix: prefix.default('CUST'),
  invoicePrefix: prefix.default('INV'),
  paymentPrefix: prefix.default('PAY'),
  /** Days from invoice date to due date. */
  dueDays: z.number().int().min(0).max(90).default(10),
  /** Days after the due date before isolir. */
  graceDays: z.number().int().min(0).max(90).default(3),
  isolirMode: z.enum(['profile', 'disable']).default('profile'),
  autoInvoiceRun: z.boolean().default(true),
  invoiceRunDay: z.number().int().min(1).max(28).default(1),
  invoiceRunTime: hhmm.default('07:00'),
  automationEnabled: z.boolean().default(true),
  expiryAlertDays: z.number().int().min(1).max(90).default(7),
  receiptWidth: z.union([z.literal(58), z.literal(80)]).default(58),
  /** A payment above this needs an explicit confirmation flag. */
  paymentConfirmLimit: z.number().int().min(0).max(1_000_000_000_000).default(5_000_000),
  allowNegativeDeposit: z.boolean().default(false),
  sessionTimeoutMinutes: z.number().int().min(1).max(24 * 60).default(30),
  backupFolder: z.string().max(1000).default(''),
  backupTime: hhmm.default('02:00'),
  backupKeepDaily: z.number().int().min(1).max(365).default(7),
  backupKeepWeekly: z.number().int().min(0).max(520).default(4),
  backupKeepMonthly: z.number().int().min(0).max(240).default(12),
  updateUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^(https?:\/\/\S+)?$/, 'Update URL must start with http:// or https://')
    .default(''),
};

export const settingsSchema = z.object(settingsShape);
export type Settings = z.output<typeof settingsSchema>;
export type SettingKey = keyof Settings;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
