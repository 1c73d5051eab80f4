import { unprintableChars } from '../../src-shared/pdf-charset';
import i18n from '../i18n';

/**
 * A warning for a name that goes on receipts and invoices (ISP, customer) when it has characters the
 * PDF font cannot draw (e.g. Chinese): they print as □. Emoji and accented letters print as typed.
 */
export function printWarning(text: string): string | undefined {
  const chars = unprintableChars(text);
  return chars.length ? i18n.t('common:unprintable', { chars: chars.join(' ') }) : undefined;
}
