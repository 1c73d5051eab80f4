import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { LANGUAGE_KEY, type Language } from '../i18n';
import { useCan } from './session';

/** ID / EN switch. Remembered on this machine; an Admin's choice also becomes the ISP default. */
export function LanguageSwitch({ persistToSettings = true }: { persistToSettings?: boolean }) {
  const { i18n, t } = useTranslation();
  const can = useCan();
  const change = (lng: string) => {
    void i18n.changeLanguage(lng);
    try {
      localStorage.setItem(LANGUAGE_KEY, lng);
    } catch {
      /* private mode: the choice lasts for this window only */
    }
    if (persistToSettings && can('settings.write')) void api('settings.update', { language: lng as Language });
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
