import { Alert, Button, Group, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeatPrintAnswer, SeatPrinterChoice, SeatPrinterList, SeatPrintKind } from '../../src-shared/seat-api';

/**
 * "Printer PC ini" on the seat page: the printers of this PC that print receipts (thermal 58/80 mm) and A4
 * (invoices, reports) for the office's app, whether to print without a dialog (as the desktop app does),
 * and a test page through the same path a receipt takes. Stored on this PC, not at the office.
 */
export function SeatPrinters() {
  const { t, i18n } = useTranslation('seat');
  const seat = window.pppoeSeat!;
  const [list, setList] = useState<SeatPrinterList | null>(null);
  const [draft, setDraft] = useState<SeatPrinterChoice>({ receipt: null, a4: null, silent: true });
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, setTesting] = useState<SeatPrintKind | null>(null);

  useEffect(() => {
    let live = true;
    void seat.printers().then((l) => {
      if (!live || !l) return;
      setList(l);
      setDraft(l.choice);
    });
    return () => {
      live = false;
    };
  }, [seat]);
  if (!list) return null;

  const changed =
    draft.receipt !== list.choice.receipt || draft.a4 !== list.choice.a4 || draft.silent !== list.choice.silent;
  const save = async () => {
    setSaving(true);
    try {
      const r = await seat.choosePrinters(draft);
      if (r.ok) {
        setList(r.list);
        setDraft(r.list.choice);
        setNote({ ok: true, text: t('printers.saved') });
      } else setNote({ ok: false, text: t('printers.missing', { printer: r.missing }) });
    } finally {
      setSaving(false);
    }
  };
  const answerText = (a: SeatPrintAnswer) =>
    a.ok
      ? t('printers.testSent', { printer: a.printer })
      : t(`printers.reasons.${a.reason}`, { detail: a.detail ?? '' });
  const test = async (kind: SeatPrintKind) => {
    setTesting(kind);
    try {
      const a = await seat.testPrint(kind, i18n.language === 'en' ? 'en' : 'id');
      setNote({ ok: a.ok, text: answerText(a) });
    } catch {
      setNote({ ok: false, text: t('printers.reasons.failed', { detail: '' }) });
    } finally {
      setTesting(null);
    }
  };
  const options = list.printers.map((p) => ({
    value: p.name,
    label: p.isDefault ? `${p.displayName} ★` : p.displayName,
  }));
  const picker = (kind: SeatPrintKind) => (
    <Stack gap={6}>
      <Select
        label={t(`printers.${kind}`)}
        description={t(`printers.${kind}Hint`)}
        placeholder={t('printers.none')}
        clearable
        data={options}
        value={draft[kind]}
        onChange={(v) => {
          setNote(null);
          setDraft((d) => ({ ...d, [kind]: v }));
        }}
      />
      <Group justify="flex-end">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPrinter size={14} />}
          disabled={!list.choice[kind] || changed}
          loading={testing === kind}
          onClick={() => void test(kind)}
          data-testid={`seat-test-${kind}`}
        >
          {t('printers.test')}
        </Button>
      </Group>
    </Stack>
  );

  return (
    <Stack gap="sm" data-testid="seat-printers">
      <Title order={4}>{t('printers.title')}</Title>
      <Text size="xs" c="dimmed">
        {t('printers.intro')}
      </Text>
      {list.printers.length === 0 && (
        <Alert color="orange" data-testid="seat-no-printers">
          {t('printers.noneInstalled')}
        </Alert>
      )}
      {picker('receipt')}
      {picker('a4')}
      <Switch
        label={t('printers.silent')}
        description={t('printers.silentHint')}
        checked={draft.silent}
        onChange={(e) => {
          setNote(null);
          setDraft((d) => ({ ...d, silent: e.currentTarget.checked }));
        }}
      />
      {note && (
        <Alert color={note.ok ? 'teal' : 'red'} data-testid="seat-printers-note">
          {note.text}
        </Alert>
      )}
      <Group>
        <Button onClick={() => void save()} loading={saving} disabled={!changed}>
          {t('printers.save')}
        </Button>
      </Group>
    </Stack>
  );
}
