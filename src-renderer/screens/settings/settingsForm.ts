import type { Settings } from '../../../src-shared/settings';
import { fieldError, fieldValue, formatField, type FieldRules, type NumberKind } from '../../components/numberField';

/**
 * The number settings are typed as text and read by the strict parsers (same bounds as
 * src-shared/settings.ts, so the field says what is wrong before anything is sent).
 */
const NUMBER_FIELDS = {
  dueDays: { kind: 'integer', min: 0, max: 90 },
  graceDays: { kind: 'integer', min: 0, max: 90 },
  invoiceRunDay: { kind: 'integer', min: 1, max: 28 },
  fixedBillingDay: { kind: 'integer', min: 1, max: 28 },
  expiryAlertDays: { kind: 'integer', min: 1, max: 90 },
  paymentConfirmLimit: { kind: 'rupiah', min: 0 },
  backupKeepDaily: { kind: 'integer', min: 1, max: 365 },
  backupKeepWeekly: { kind: 'integer', min: 0, max: 520 },
  backupKeepMonthly: { kind: 'integer', min: 0, max: 240 },
  sessionTimeoutMinutes: { kind: 'integer', min: 1, max: 1440 },
  isolirPortalPort: { kind: 'integer', min: 1, max: 65535 },
  portalPort: { kind: 'integer', min: 1, max: 65535 },
  lanSharePort: { kind: 'integer', min: 1, max: 65535 },
  kodeUnikMax: { kind: 'integer', min: 9, max: 9999 },
} as const satisfies Partial<Record<keyof Settings, FieldRules & { kind: NumberKind }>>;

type NumberKey = keyof typeof NUMBER_FIELDS;
const NUMBER_KEYS = Object.keys(NUMBER_FIELDS) as NumberKey[];

/** The settings as the form holds them: number settings as the text in their field. */
export type SettingsForm = Omit<Settings, NumberKey> & Record<NumberKey, string>;

export function toForm(s: Settings): SettingsForm {
  const texts = Object.fromEntries(NUMBER_KEYS.map((k) => [k, formatField(NUMBER_FIELDS[k].kind, s[k])]));
  return { ...s, ...(texts as Record<NumberKey, string>) };
}

/** The settings a validated form means (every number field passed its rule). */
export function fromForm(v: SettingsForm): Settings {
  const numbers = Object.fromEntries(
    NUMBER_KEYS.map((k) => {
      const { kind, ...rules } = NUMBER_FIELDS[k];
      return [k, fieldValue(kind, v[k], rules)!];
    }),
  );
  return { ...v, ...(numbers as Record<NumberKey, number>) };
}

/** @mantine/form rules for the number settings. */
export const numberRules = Object.fromEntries(
  NUMBER_KEYS.map((k) => {
    const { kind, ...rules } = NUMBER_FIELDS[k];
    return [k, (text: string) => fieldError(kind, text, rules)];
  }),
) as Record<NumberKey, (text: string) => string | null>;

export const isNumberKey = (k: string): k is NumberKey => k in NUMBER_FIELDS;
export const numberKind = (k: NumberKey): NumberKind => NUMBER_FIELDS[k].kind;
