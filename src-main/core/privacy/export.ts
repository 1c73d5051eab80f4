import type JSZip from 'jszip';
import { lazyRequire } from '../../lazy-require';
import type { ExportRow } from '../../data/privacy.repository';
import { businessDate, businessTime } from '../../../src-shared/dates';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import type { Lang } from '../reports/export/labels';
import { renderPdf } from '../reports/export/pdf';
import type { Column, ExportDocument, Section } from '../reports/export/tables';
import { getSettings } from '../settings';
import { BUILT_IN_DOMAINS } from './domains';
import { privacyLabel } from './export-labels';
import { orderedDomains } from './registry';
import { privacySubject } from './subject';

/** Loaded on first use (lazy-require.ts). */
const jszip = lazyRequire<typeof JSZip>('jszip');

const MONEY = new Set(['deposit', 'monthlyFee', 'amount', 'paidAmount']);
/** Long columns get more room in the PDF (it cuts a cell at its width; the JSON has everything). */
const WIDE = new Set(['address', 'description', 'before', 'after', 'reason', 'notes', 'value']);

function section(lang: Lang, id: string, rows: ExportRow[]): Section {
  const empty = privacyLabel(lang, 'empty');
  if (id === 'profile') {
    // One customer: a field / value list reads better than a one-row table.
    const row = rows[0] ?? {};
    return {
      heading: privacyLabel(lang, id),
      columns: [
        { header: privacyLabel(lang, 'field'), kind: 'text', width: 1 },
        { header: privacyLabel(lang, 'value'), kind: 'text', width: 3 },
      ],
      rows: Object.entries(row).map(([k, v]) => [privacyLabel(lang, k), v === null ? '' : String(v)]),
    };
  }
  const keys = Object.keys(rows[0] ?? {});
  const columns: Column[] = keys.map((k) => ({
    header: privacyLabel(lang, k),
    kind: MONEY.has(k) ? 'money' : 'text',
    width: WIDE.has(k) ? 2.5 : 1,
  }));
  return {
    heading: privacyLabel(lang, id),
    columns: columns.length ? columns : [{ header: '', kind: 'text' }],
    rows: rows.map((r) => keys.map((k) => r[k] ?? null)),
    note: rows.length ? undefined : empty,
  };
}

/**
 * The customer's data file (UU PDP right of access): a zip with `data.json` (everything, machine
 * readable) and `data.pdf` (the same, readable). Audited with who, from where and why.
 */
export async function exportCustomerData(
  call: CallContext,
  input: { customerId: number; reason: string; language?: Lang },
): Promise<{ filename: string; mime: string; base64: string }> {
  const { app } = call;
  const settings = getSettings(app);
  const lang = input.language ?? settings.language;
  const subject = privacySubject(call, input.customerId);
  const sections: Record<string, ExportRow[]> = {};
  for (const d of orderedDomains(BUILT_IN_DOMAINS)) Object.assign(sections, d.export(call, subject));
  writeAudit(call, {
    action: 'customer.exportData',
    entity: 'customer',
    entityId: input.customerId,
    after: { sections: Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, v.length])) },
    reason: input.reason,
  });

  const now = app.clock.now();
  const generatedAt = `${businessDate(now, settings.timeZone)} ${businessTime(now, settings.timeZone)}`;
  const json = {
    provider: { name: settings.ispName, address: settings.ispAddress, phone: settings.ispPhone },
    customerCode: subject.customerCode,
    generatedAt: now.toISOString(),
    sections,
  };
  const doc: ExportDocument = {
    title: privacyLabel(lang, 'title'),
    subtitle: privacyLabel(lang, 'subtitle', { code: subject.customerCode }),
    sections: Object.entries(sections).map(([id, rows]) => section(lang, id, rows)),
  };
  const pdf = await renderPdf(doc, { ispName: settings.ispName, generatedAt, lang });
  const zip = new (jszip())();
  zip.file('data.json', JSON.stringify(json, null, 2));
  zip.file('data.pdf', pdf);
  const body = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return {
    filename: `${subject.customerCode}_data-pribadi_${businessDate(now, settings.timeZone)}.zip`.replace(
      /[^A-Za-z0-9_.-]/g,
      '-',
    ),
    mime: 'application/zip',
    base64: body.toString('base64'),
  };
}
