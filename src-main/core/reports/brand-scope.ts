import { notFound } from '../../../src-shared/result';
import { brandExists } from '../../data/brands.repository';
import { brandFilter, type BrandFilter } from '../../data/reports/brand-filter';
import { visibleBrandIds } from '../brands/scope';
import type { CallContext } from '../context';

/**
 * The brands a report call reads (issue 18): the brand chosen in the filter, else every brand the user
 * may see (all for an unrestricted user). A brand the user may not see answers "not found", exactly like
 * one that does not exist, so a limited user never learns another brand's figures, filter or not.
 */
export function reportBrands(call: CallContext, brandId: number | undefined): BrandFilter {
  const visible = visibleBrandIds(call);
  if (brandId === undefined) return brandFilter(visible);
  if (!brandExists(call.app.sqlite, brandId) || (visible && !visible.includes(brandId))) throw notFound('Brand');
  return brandFilter([brandId]);
}
