import { Button, Tooltip } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeatPrinterChoice } from '../../../src-shared/seat-api';
import type { PrinterKind } from './pdf';
import { seatPrinter } from './seatPrint';

/**
 * On a desktop seat, in place of the desktop app's printer picker: which printer of this PC prints this
 * kind of paper; a click shows the seat's printer settings (the seat page: choose, print a test page).
 */
export function SeatPrinterButton({ kind }: { kind: PrinterKind }) {
  const { t } = useTranslation('billing');
  const [choice, setChoice] = useState<SeatPrinterChoice | null>(null);
  useEffect(() => {
    let live = true;
    void seatPrinter()
      ?.choice()
      .then((c) => live && setChoice(c))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const printer = choice?.[kind] ?? null;
  return (
    <Tooltip label={t('doc.seat.settingsHint')} withArrow>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconPrinter size={14} />}
        color={printer ? undefined : 'orange'}
        data-testid="seat-printer"
        onClick={() => void seatPrinter()?.openSettings()}
      >
        {printer ? t('doc.seat.printerOf', { printer }) : t('doc.seat.noPrinter')}
      </Button>
    </Tooltip>
  );
}
