import { Grid } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { BrandSelect } from './BrandSelect';
import type { Brands } from './useBrands';

/**
 * The brand field of a record form (customer, package, router): the picker in its own column, shown
 * only when there are several active brands. `current` is the edited record's brand.
 */
export function BrandField({
  brands,
  current,
  disabled,
  input,
}: {
  brands: Brands;
  current: number | undefined;
  disabled?: boolean;
  /** `form.getInputProps('brandId')`. */
  input: GetInputPropsReturnType;
}) {
  if (!brands.several) return null;
  return (
    <Grid.Col span={{ base: 12, sm: 8 }}>
      <BrandSelect brands={brands} current={current} disabled={disabled} {...input} />
    </Grid.Col>
  );
}

/**
 * What a save sends of the brand field. With one brand nothing: the server puts the record in it; an
 * edit sends the brand only when it moved.
 */
export function brandChange(
  brands: Brands,
  chosen: string,
  record: { brandId: number } | null | undefined,
): { brandId?: number } {
  return brands.several && chosen && (!record || chosen !== String(record.brandId)) ? { brandId: Number(chosen) } : {};
}
