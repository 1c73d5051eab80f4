import type { z } from 'zod';
import { reportsContract, type REPORT_NAMES } from '../../../../src-shared/contract/reports';
import { businessStamp } from '../../../../src-shared/dates';
import { AppError } from '../../../../src-shared/result';

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

function buildDocument(
  app: AppContext,
  report: ReportName,
  params: unknown,
  lang: Lang,
  brands: BrandFilter,
): { doc: ExportDocument; slug: string } {
  switch (report) {
    case 'financial': {
      const p = parse('reports.financial', params);
      return { doc: financialTables(financialReport(app, p), lang), slug: `${p.from}_${p.to}` };
    }
    case 'aging': {
      const r = agingReport(app, parse('reports.aging', params), brands);
      const brand = r.brandId === undefined ? undefined : findBrand(app.sqlite, r.brandId);
      const doc = agingTables(r, lang);
      // A brand's report says whose it is, in the subtitle and the file name.
      if (brand) doc.subtitle = `${doc.subtitle} · ${brand.name}`;
      return { doc, slug: brand ? `${r.asOf}_${brand.invoicePrefix}` : r.asOf };
    }
    case 'customers': {
      const p = parse('reports.customers', params);
      return { doc: customersTables(customersReport(app, p), lang), slug: `${p.from}_${p.to}` };
    }
    case 'forecast': {
      const r = forecastReport(app, parse('reports.forecast', params));
      return { doc: forecastTables(r, lang), slug: `${r.months[0]?.period ?? ''}` };
    }
    case 'bandwidth': {
      const p = parse('reports.bandwidth', params);
      return { doc: bandwidthTables(bandwidthReport(app, p), lang), slug: `${p.from}_${p.to}` };
    }
  }
}

export async function exportReport(
  app: AppContext,
  input: { report: ReportName; params: Record<string, unknown>; format: 'pdf' | 'xlsx'; language?: Lang },
  brands: BrandFilter = null,
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
