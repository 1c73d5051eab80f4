import { Badge, Group, MultiSelect, Radio, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Column } from '../../components';
import { useApiQuery } from '../../api/useApi';
import { useBrands, type Brands } from './useBrands';

export interface UserBrandLimits {
  brands: Brands;
  /** More than one brand: the Users list and form show brand limits. */
  show: boolean;
  /** The brands a user is limited to (empty = every brand). */
  limitOf: (userId: number) => number[];
}

/** Every user's brand limit (the Users screen). */
export function useUserBrandLimits(): UserBrandLimits {
  const brands = useBrands();
  const show = brands.all.length > 1;
  const q = useApiQuery('brands.userLimits', {}, { enabled: show, entities: ['users', 'brands', 'all'] });
  return useMemo(() => {
    const map = new Map((q.data?.items ?? []).map((l) => [l.userId, l.brandIds]));
    return { brands, show, limitOf: (id: number) => map.get(id) ?? [] };
  }, [brands, show, q.data]);
}

/** The Users list's brand column: "Semua merek" or the names of the user's brands. */
export function userBrandColumns<T extends { id: number }>(limits: UserBrandLimits, t: TFunction): Column<T, never>[] {
  if (!limits.show) return [];
  return [
    {
      key: 'brands',
      header: t('brands:column'),
      render: (u) => {
        const ids = limits.limitOf(u.id);
        if (!ids.length)
          return (
            <Text size="sm" c="dimmed" data-testid="user-brands">
              {t('brands:limit.all')}
            </Text>
          );
        return (
          <Group gap={4} data-testid="user-brands">
            {ids.map((id) => (
              <Badge key={id} variant="light" color="grape" tt="none">
                {limits.brands.nameOf(id)}
              </Badge>
            ))}
          </Group>
        );
      },
    },
  ];
}

/** What the user form keeps: every brand, or some chosen ones. */
export interface BrandLimitValue {
  mode: 'all' | 'some';
  ids: string[];
}

export const brandLimitValue = (ids: number[]): BrandLimitValue => ({
  mode: ids.length ? 'some' : 'all',
  ids: ids.map(String),
});

/** The brand ids to send: none for every brand (and always none for an Admin). */
export const brandLimitIds = (v: BrandLimitValue, role: string): number[] =>
  role === 'admin' || v.mode === 'all' ? [] : v.ids.map(Number);

/** "Semua merek" or some brands, on the user form. An Admin always sees every brand. */
export function UserBrandsField({
  brands,
  role,
  value,
  onChange,
  error,
}: {
  brands: Brands;
  role: string;
  value: BrandLimitValue;
  onChange: (v: BrandLimitValue) => void;
  error?: React.ReactNode;
}) {
  const { t } = useTranslation('brands');
  if (role === 'admin')
    return (
      <Text size="sm" c="dimmed">
        {t('limit.adminAll')}
      </Text>
    );
  return (
    <Stack gap={6}>
      <Radio.Group
        label={t('limit.label')}
        description={t('limit.help')}
        value={value.mode}
        onChange={(m) => onChange({ ...value, mode: m === 'some' ? 'some' : 'all' })}
        data-testid="user-brand-mode"
      >
        <Group mt={6}>
          <Radio value="all" label={t('limit.all')} />
          <Radio value="some" label={t('limit.some')} />
        </Group>
      </Radio.Group>
      {value.mode === 'some' && (
        <MultiSelect
          aria-label={t('limit.pick')}
          placeholder={t('limit.pick')}
          data-testid="user-brand-ids"
          data={brands.all.map((b) => ({ value: String(b.id), label: b.name }))}
          value={value.ids}
          onChange={(ids) => onChange({ ...value, ids })}
          error={error}
        />
      )}
    </Stack>
  );
}
