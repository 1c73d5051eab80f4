import type { TFunction } from 'i18next';

/** Time zone choices with their Indonesian names (WIB/WITA/WIT). */
export const timeZoneOptions = (t: TFunction) => [
  { value: 'Asia/Jakarta', label: t('settings:tz.Asia/Jakarta') },
  { value: 'Asia/Makassar', label: t('settings:tz.Asia/Makassar') },
  { value: 'Asia/Jayapura', label: t('settings:tz.Asia/Jayapura') },
];

export const languageOptions = [
  { value: 'id', label: 'Bahasa Indonesia' },
  { value: 'en', label: 'English' },
];
