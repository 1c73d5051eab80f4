import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_KEY } from '../i18n';

/**
 * ID / EN switch for this computer only (remembered in localStorage). The ISP's language, used for
 * receipts, invoices and computers without a choice, is set in Settings: reading the app in English
 * must not turn the customers' receipts English.
 */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const change = (lng: string) => {
    void i18n.changeLanguage(lng);
    try {
      localStorage.setItem(LANGUAGE_KEY, lng);
    } catch {
      /* private mode: the choice lasts for this window only */
    }
  };
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language')}
      data-testid="language-switch"
      value={i18n.language === 'en' ? 'en' : 'id'}
      onChange={change}
      data={[
        { value: 'id', label: 'ID' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
