import { useEffect, useEffectEvent, useMemo } from 'react';
import { DEFAULT_BRAND_ID, type BrandOption } from '../../../src-shared/contract/brands';
import { useApiQuery } from '../../api/useApi';

export interface Brands {
  /** Every brand the signed-in user may see, active or not (names for lists). */
  all: BrandOption[];
  /** The active ones (what a new record can be put in). */
  active: BrandOption[];
  /** More than one active brand: forms show a brand picker, lists a brand column and filter. */
  several: boolean;
  loaded: boolean;
  nameOf: (id: number) => string;
  /** The brand a new record starts in: the default brand when the user may use it, else their first. */
  preselect: number | undefined;
}

/**
 * The brands of the installation as the signed-in user sees them (`brands.list`: a user limited to some
 * brands gets only those). With one active brand nothing about brands is shown, as before brands.
 */
export function useBrands(enabled = true): Brands {
  const q = useApiQuery('brands.list', {}, { enabled, entities: ['brands', 'all'] });
  return useMemo(() => {
    const all = q.data?.items ?? [];
    const active = all.filter((b) => b.isActive);
    const names = new Map(all.map((b) => [b.id, b.name]));
    return {
      all,
      active,
      several: active.length > 1,
      loaded: q.data !== undefined,
      nameOf: (id: number) => names.get(id) ?? '',
      preselect: (active.find((b) => b.id === DEFAULT_BRAND_ID) ?? active[0])?.id,
    };
  }, [q.data]);
}

/**
 * Fills an empty brand field of an open form with the preselected brand once the brands are known
 * (they may arrive after the dialog opened; what the user chose is never replaced).
 */
export function usePreselectBrand(opened: boolean, value: string, brands: Brands, set: (value: string) => void): void {
  const fill = useEffectEvent((v: string) => set(v));
  useEffect(() => {
    if (opened && !value && brands.preselect !== undefined) fill(String(brands.preselect));
  }, [opened, value, brands.preselect]);
}

/**
 * The brand of the customer chosen in a form (an account or a subscription uses packages and routers of
 * the customer's brand only); undefined while none is chosen.
 */
export function useCustomerBrand(customerId: string | null, opened: boolean): number | undefined {
  const id = Number(customerId);
  const q = useApiQuery('customers.get', { id: id || 0 }, { enabled: opened && id > 0, entities: ['customers'] });
  return id > 0 && q.data?.id === id ? q.data.brandId : undefined;
}

/** Keeps the rows of a brand (all rows while the brand is not known yet). */
export const ofBrand = <T extends { brandId: number }>(rows: T[], brandId: number | undefined): T[] =>
  brandId === undefined ? rows : rows.filter((r) => r.brandId === brandId);
