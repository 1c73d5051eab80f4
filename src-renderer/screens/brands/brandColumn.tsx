import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { Column } from '../../components';
import type { Brands } from './useBrands';

/** The brand column of a list of customers, packages or routers: only when there are several brands (active or not). */
export function brandColumns<T extends { brandId: number }, F extends string = string>(
  brands: Brands,
  t: TFunction,
): Column<T, F>[] {
  if (brands.all.length < 2) return [];
  return [
    {
      key: 'brand',
      header: t('brands:column'),
      render: (r) => (
        <Text size="sm" data-testid="brand-cell">
          {brands.nameOf(r.brandId)}
        </Text>
      ),
    },
  ];
}
