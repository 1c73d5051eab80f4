import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';

/**
 * Issue 18: the report's brand filter, shown only when the user can see more than one brand (the server
 * lists only those). Empty = every brand the user may see.
 */
export function BrandFilter({
  value,
  onChange,
}: {
  value: number | undefined;
  onChange: (v: number | undefined) => void;
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
      data-testid="report-brand"
    />
  );
}
