import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Brands } from './useBrands';

/**
 * The brand of a new or edited customer, package or router. Only active brands are offered (plus the
 * record's own brand when it was turned off, so an edit shows where the record is).
 */
export function BrandSelect({
  brands,
  current,
  ...props
}: Omit<SelectProps, 'data'> & { brands: Brands; current?: number }) {
  const { t } = useTranslation('brands');
  const offered = brands.all.filter((b) => b.isActive || b.id === current);
  return (
    <Select
      label={t('field.brand')}
      withAsterisk
      allowDeselect={false}
      data-testid="brand-select"
      data={offered.map((b) => ({ value: String(b.id), label: b.isActive ? b.name : `${b.name} (${t('inactive')})` }))}
      {...props}
    />
  );
}

/** The brand filter of a list (customers, packages): every brand, or one. */
export function BrandFilter({
  brands,
  value,
  onChange,
}: {
  brands: Brands;
  value: number | undefined;
  onChange: (id: number | undefined) => void;
}) {
  const { t } = useTranslation('brands');
  return (
    <Select
      aria-label={t('field.brand')}
      data-testid="brand-filter"
      w={180}
      allowDeselect={false}
      value={value === undefined ? 'all' : String(value)}
      onChange={(v) => onChange(!v || v === 'all' ? undefined : Number(v))}
      data={[
        { value: 'all', label: t('allBrands') },
        ...brands.all.map((b) => ({ value: String(b.id), label: b.name })),
      ]}
    />
  );
}
