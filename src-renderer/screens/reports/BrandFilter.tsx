import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';

/** The brand chosen on the reports screen, shared by its tabs (kept while switching tabs). */
export interface BrandChoice {
  brandId: number | undefined;
  onBrand: (v: number | undefined) => void;
}

/** The query's params with the brand filter, when one is chosen (none = every brand the user may see). */
export const withBrand = <T extends object>(params: T, brandId: number | undefined): T & { brandId?: number } =>
  brandId === undefined ? params : { ...params, brandId };

/**
 * Issue 18: the brand filter of the reports and the dashboard, shown only when the user can see more than
 * one brand (the server lists only those). Empty = every brand the user may see.
 */
export function BrandFilter({
  value,
  onChange,
  testId = 'report-brand',
}: {
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  testId?: string;
}) {
  const { t } = useTranslation('reports');
  const brands = useApiQuery('brands.list', {}).data?.items ?? [];
  if (brands.length <= 1) return null;
  return (
    <Select
      label={t('brand')}
      data={[{ value: '', label: t('allBrands') }, ...brands.map((b) => ({ value: String(b.id), label: b.name }))]}
      value={value === undefined ? '' : String(value)}
      onChange={(v) => onChange(v ? Number(v) : undefined)}
      allowDeselect={false}
      w={200}
      data-testid={testId}
    />
  );
}
