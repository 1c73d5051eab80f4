import { ActionIcon, Button, Group, Select, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PdfFile } from '../../../src-shared/contract/documents';
import type { ApiResult } from '../../../src-shared/result';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { translateApiMessage } from '../../components';
import { downloadPdf, isDesktop, openAndPrintPdf, storedPrinter, storePrinter, type PrinterKind } from './pdf';
import { notifySeatPrint, printOnSeat, seatPrinter } from './seatPrint';
import { SeatPrinterButton } from './SeatPrinterButton';

/** Printers of this PC (desktop app only); `null` while loading or in the browser. */
export function usePrinters() {
  // Printers change with the PC, not with data: never refetch on data.changed.
  const q = useApiQuery('documents.printers', {}, { entities: ['printers'] });
  return q.data?.available ? q.data.printers : null;
}

/**
 * A printer picker for the desktop app, remembered per PC; on a desktop seat, the seat's own printer and a
 * way to its settings. Renders nothing in the browser.
 */
export function PrinterSelect({ kind }: { kind: PrinterKind }) {
  if (seatPrinter()) return <SeatPrinterButton kind={kind} />;
  return <LocalPrinterSelect kind={kind} />;
}

function LocalPrinterSelect({ kind }: { kind: PrinterKind }) {
  const { t } = useTranslation('billing');
  const printers = usePrinters();
  const [value, setValue] = useState<string | null>(() => storedPrinter(kind));
  if (!printers) return null;
  return (
    <Select
      size="xs"
      w={220}
      aria-label={t('doc.printer')}
      placeholder={t('doc.noPrinter')}
      clearable
      data={printers.map((p) => ({ value: p.name, label: p.isDefault ? `${p.displayName} ★` : p.displayName }))}
      value={value}
      onChange={(v) => {
        setValue(v);
        storePrinter(kind, v);
      }}
    />
  );
}

/**
 * Print and "Download PDF" for one already generated file. Print goes to the browser's PDF viewer
 * (browser host), to the seat's printer on a desktop seat; in the desktop app without a chosen printer it
 * falls back to the download.
 */
export function PdfFileButtons({
  file,
  autoFocus,
  onPrinted,
  kind = 'receipt',
}: {
  file: PdfFile;
  autoFocus?: boolean;
  onPrinted?: () => void;
  kind?: PrinterKind;
}) {
  const { t } = useTranslation('billing');
  const printRef = useRef<HTMLButtonElement>(null);
  // Outside a modal nothing honours data-autofocus: focus the print button so Enter prints.
  useEffect(() => {
    if (autoFocus) printRef.current?.focus();
  }, [autoFocus, file]);
  return (
    <Group gap="xs">
      <Button
        ref={printRef}
        leftSection={<IconPrinter size={16} />}
        data-autofocus={autoFocus || undefined}
        data-testid="pdf-print"
        onClick={() => {
          if (seatPrinter()) {
            void printOnSeat(kind, file).then((a) => a && notifySeatPrint(t, a, file));
            onPrinted?.();
            return;
          }
          if (!openAndPrintPdf(file)) {
            downloadPdf(file);
            notifications.show({ message: t('doc.printFallback') });
          }
          onPrinted?.();
        }}
      >
        {t('doc.print')}
      </Button>
      <Button
        variant="default"
        leftSection={<IconDownload size={16} />}
        data-testid="pdf-download"
        onClick={() => downloadPdf(file)}
      >
        {t('doc.download')}
      </Button>
    </Group>
  );
}

export type DocRequest =
  | { kind: 'invoice'; invoiceId: number }
  | { kind: 'shiftReport'; shiftId: number }
  | { kind: 'receipt'; paymentId: number; copy?: boolean }
  | { kind: 'refundReceipt'; refundId: number; copy?: boolean };

type DocResult = PdfFile & { printed?: boolean; printError?: string | null };

/** Only receipts go straight to a printer (desktop app); A4 documents are PDFs to print or keep. */
async function fetchDoc(req: DocRequest, printer?: string): Promise<ApiResult<DocResult>> {
  if (req.kind === 'invoice') return api('documents.invoice', { invoiceId: req.invoiceId });
  if (req.kind === 'shiftReport') return api('documents.shiftReport', { shiftId: req.shiftId });
  if (req.kind === 'refundReceipt')
    return api('documents.refundReceipt', {
      refundId: req.refundId,
      ...(req.copy ? { copy: true } : {}),
      ...(printer ? { printer } : {}),
    });
  return api('documents.receipt', {
    paymentId: req.paymentId,
    ...(req.copy ? { copy: true } : {}),
    ...(printer ? { printer } : {}),
  });
}

/**
 * Buttons that generate a document on demand: "Print" (to the chosen printer in the desktop app,
 * else via the browser's viewer) and "Download PDF". Each click generates once.
 */
export function DocumentActions({
  req,
  size = 'xs',
  printLabel,
  compact,
}: {
  req: DocRequest;
  size?: 'xs' | 'sm';
  printLabel?: string;
  compact?: boolean;
}) {
  const { t } = useTranslation('billing');
  const [busy, setBusy] = useState<'print' | 'download' | null>(null);
  const kind: PrinterKind = req.kind === 'receipt' || req.kind === 'refundReceipt' ? 'receipt' : 'a4';
  const run = async (action: 'print' | 'download') => {
    const printer =
      action === 'print' && kind === 'receipt' && isDesktop() ? (storedPrinter(kind) ?? undefined) : undefined;
    // The new tab opens right after a fast API call, still inside the click's user activation window.
    setBusy(action);
    const r = await fetchDoc(req, printer);
    setBusy(null);
    if (!r.ok) {
      notifications.show({ color: 'red', message: translateApiMessage(r.error.message) });
      return;
    }
    if (action === 'download') return downloadPdf(r.value);
    if (seatPrinter()) {
      setBusy('print');
      const onSeat = await printOnSeat(kind, r.value);
      setBusy(null);
      if (onSeat) return notifySeatPrint(t, onSeat, r.value);
    }
    if (r.value.printed) return notifications.show({ message: t('doc.sentToPrinter', { printer }) });
    if (r.value.printError) notifications.show({ color: 'red', message: translateApiMessage(r.value.printError) });
    if (!openAndPrintPdf(r.value)) {
      downloadPdf(r.value);
      notifications.show({ message: t('doc.printFallback') });
    }
  };
  if (compact)
    return (
      <Group gap={4} wrap="nowrap">
        <Tooltip label={printLabel ?? t('doc.print')} withArrow>
          <ActionIcon
            variant="light"
            aria-label={printLabel ?? t('doc.print')}
            loading={busy === 'print'}
            onClick={() => void run('print')}
            data-testid="doc-print"
          >
            <IconPrinter size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('doc.download')} withArrow>
          <ActionIcon
            variant="default"
            aria-label={t('doc.download')}
            loading={busy === 'download'}
            onClick={() => void run('download')}
            data-testid="doc-download"
          >
            <IconDownload size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
    );
  // The two buttons go under each other where the row is too narrow (a phone), never past its edge.
  return (
    <Group gap={6}>
      <Button
        size={size}
        variant="light"
        leftSection={<IconPrinter size={14} />}
        loading={busy === 'print'}
        onClick={() => void run('print')}
        data-testid="doc-print"
      >
        {printLabel ?? t('doc.print')}
      </Button>
      <Button
        size={size}
        variant="default"
        leftSection={<IconDownload size={14} />}
        loading={busy === 'download'}
        onClick={() => void run('download')}
        data-testid="doc-download"
      >
        {t('doc.download')}
      </Button>
    </Group>
  );
}
