import type { z } from 'zod';
import { reportsContract, type REPORT_NAMES } from '../../../../src-shared/contract/reports';
import { businessStamp } from '../../../../src-shared/dates';
import { AppError } from '../../../../src-shared/result';

import type { Brand } from '../../../../src-shared/contract/brands';
import { findBrand } from '../../../data/brands.repository';
import type { BrandFilter } from '../../../data/reports/brand-filter';
import type { AppContext } from '../../context';
import { getSettings } from '../../settings';
import { agingReport } from '../aging';
import { bandwidthReport } from '../bandwidth';
import { customersReport } from '../customers';
import { financialReport } from '../financial';
import { forecastReport } from '../forecast';
import type { Lang } from './labels';
import { renderPdf } from './pdf';
import {
  agingTables,
  bandwidthTables,
  customersTables,
  financialTables,
  forecastTables,
  type ExportDocument,
} from './tables';
import { renderXlsx } from './xlsx';

type ReportName = (typeof REPORT_NAMES)[number];

/** Validates the export's params with the report's own input schema, so bad ranges fail the same way. */
function parse<C extends keyof typeof reportsContract>(
  channel: C,
  params: unknown,
): z.output<(typeof reportsContract)[C]['input']> {
  const r = reportsContract[channel].input.safeParse(params);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({
      path: ['params', ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    throw new AppError('BAD_INPUT', `${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
  return r.data as z.output<(typeof reportsContract)[C]['input']>;
}

/** Resolves the brand filter of the export's params (the channel's scope: reportBrands). */
export type BrandResolver = (brandId: number | undefined) => BrandFilter;

type Built = { doc: ExportDocument; slug: string; brandId: number | undefined; filter: BrandFilter };

function buildReport(app: AppContext, report: ReportName, params: unknown, lang: Lang, brands: BrandResolver): Built {
  switch (report) {
    case 'financial': {
      const p = parse('reports.financial', params);
      const filter = brands(p.brandId);
      const doc = financialTables(financialReport(app, p, filter), lang);
      return { doc, slug: `${p.from}_${p.to}`, brandId: p.brandId, filter };
    }
    case 'aging': {
      const p = parse('reports.aging', params);
      const filter = brands(p.brandId);
      const r = agingReport(app, p, filter);
      return { doc: agingTables(r, lang), slug: r.asOf, brandId: p.brandId, filter };
    }
    case 'customers': {
      const p = parse('reports.customers', params);
      const filter = brands(p.brandId);
      const doc = customersTables(customersReport(app, p, filter), lang);
      return { doc, slug: `${p.from}_${p.to}`, brandId: p.brandId, filter };
    }
    case 'forecast': {
      const p = parse('reports.forecast', params);
      const filter = brands(p.brandId);
      const r = forecastReport(app, p, filter);
      return { doc: forecastTables(r, lang), slug: `${r.months[0]?.period ?? ''}`, brandId: p.brandId, filter };
    }
    case 'bandwidth': {
      const p = parse('reports.bandwidth', params);
      const filter = brands(p.brandId);
      const doc = bandwidthTables(bandwidthReport(app, p, filter), lang);
      return { doc, slug: `${p.from}_${p.to}`, brandId: p.brandId, filter };
    }
  }
}

/**
 * The document, saying in its header whose figures it holds when not every brand's: the brand chosen
 * (also in the file name), or the brands a limited user may see.
 */
function buildDocument(
  app: AppContext,
  report: ReportName,
  params: unknown,
  lang: Lang,
  brands: BrandResolver,
): { doc: ExportDocument; slug: string } {
  const { doc, slug, brandId, filter } = buildReport(app, report, params, lang, brands);
  const ids = filter === null ? [] : (JSON.parse(filter) as number[]);
  const names = ids.map((id) => findBrand(app.sqlite, id)).filter((b): b is Brand => b !== undefined);
  if (names.length) doc.subtitle = `${doc.subtitle} · ${names.map((b) => b.name).join(', ')}`;
  const chosen = brandId === undefined ? undefined : names.find((b) => b.id === brandId);
  return { doc, slug: chosen ? `${slug}_${chosen.invoicePrefix}` : slug };
}

export async function exportReport(
  app: AppContext,
  input: { report: ReportName; params: Record<string, unknown>; format: 'pdf' | 'xlsx'; language?: Lang },
  brands: BrandResolver = () => null,
): Promise<{ filename: string; mime: string; base64: string }> {
  const settings = getSettings(app);
  const lang = input.language ?? settings.language;
  const { doc, slug } = buildDocument(app, input.report, input.params, lang, brands);
  // Stamped in the ISP's own time, like receipts: `2026-11-24 18:22 WIB`.
  const now = app.clock.now();
  const generatedAt = businessStamp(now, settings.timeZone);
  const meta = { ispName: settings.ispName, generatedAt, lang };
  const body = input.format === 'pdf' ? await renderPdf(doc, meta) : await renderXlsx(doc, meta);
  return {
    filename: `${input.report}_${slug}.${input.format}`.replace(/[^A-Za-z0-9_.-]/g, '-'),
    mime:
      input.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: body.toString('base64'),
  };
}
