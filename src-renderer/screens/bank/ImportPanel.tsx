import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMappingInput, StatementPreview } from '../../../src-shared/contract/bank-statements';
import { api, onEvent } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { MoneyText, notifyApiError } from '../../components';
import { useFormat } from '../../lib/format';
import { MappingEditor } from './MappingEditor';

const BANKS = ['auto', 'bca', 'mandiri', 'bri', 'bni'] as const;
const ACTION_COLOR = { auto: 'teal', review: 'orange', known: 'gray' } as const;
/** Lines shown in the preview table (all are imported). */
const SHOWN = 200;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

interface Summary {
  linesRead: number;
  linesNew: number;
  linesKnown: number;
  autoCredited: number;
  toReview: number;
}

/** Choose the account, the bank (or a saved mapping) and the file; preview; import with progress. */
export function ImportPanel({ onReview }: { onReview: () => void }) {
  const { t } = useTranslation('bank');
  const f = useFormat();
  const accounts = useApiQuery('bankStatements.accounts', {});
  const mappings = useApiQuery('bankMappings.list', {}, { entities: ['settings'] });
  const [account, setAccount] = useState<string | null>(null);
  const [format, setFormat] = useState<string>('auto');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<StatementPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingInput | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);

  useEffect(
    () =>
      onEvent('bank.progress', (p) => {
        if (typeof p.done === 'number' && typeof p.total === 'number') setProgress({ done: p.done, total: p.total });
      }),
    [],
  );
  const accountList = accounts.data ?? [];
  const chosenAccount = account ?? accountList[0]?.number ?? null;

  const input = async (m: ColumnMappingInput | null = mapping) => {
    const base64 = await toBase64(file!);
    const saved = format.startsWith('map:') ? Number(format.slice(4)) : undefined;
    return {
      fileName: file!.name,
      base64,
      accountNumber: chosenAccount ?? '',
      format: (m || saved ? 'generic' : format === 'new' ? 'auto' : format) as 'auto',
      ...(saved ? { mappingId: saved } : {}),
      ...(m ? { mapping: m } : {}),
    };
  };

  const runPreview = async (m: ColumnMappingInput | null = mapping) => {
    if (!file) return;
    setBusy(true);
    setSummary(null);
    const r = await api('bankStatements.preview', await input(m));
    setBusy(false);
    if (!r.ok) return notifyApiError(r.error);
    setPreview(r.value);
  };

  const runImport = async () => {
    setBusy(true);
    setProgress({ done: 0, total: preview?.lines.length ?? 0 });
    const r = await api('bankStatements.import', await input());
    setBusy(false);
    setProgress(null);
    if (!r.ok) return notifyApiError(r.error);
    setSummary(r.value);
    setPreview(null);
  };

  const formatData = [
    ...BANKS.map((b) => ({ value: b, label: t(`format.${b}`) })),
    ...(mappings.data ?? []).map((m) => ({ value: `map:${m.id}`, label: t('format.saved', { name: m.name }) })),
    { value: 'new', label: t('format.new') },
  ];
  const needsMapping = format === 'new' || preview?.refusal === 'format_unknown';

  return (
    <Stack maw={1100}>
      {!accountList.length && accounts.data && <Alert color="yellow">{t('noAccounts')}</Alert>}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('account')}
          data={accountList.map((a) => ({ value: a.number, label: `${a.bank} ${a.number} (${a.holder})` }))}
          value={chosenAccount}
          onChange={setAccount}
          allowDeselect={false}
          data-testid="bank-account"
        />
        <Select
          label={t('bank')}
          data={formatData}
          value={format}
          onChange={(v) => {
            setFormat(v ?? 'auto');
            setPreview(null);
            setMapping(null);
          }}
          allowDeselect={false}
          data-testid="bank-format"
        />
        <FileInput
          label={t('file')}
          placeholder={t('filePlaceholder')}
          accept=".csv,.txt,.xlsx"
          value={file}
          onChange={(v) => {
            setFile(v);
            setPreview(null);
            setSummary(null);
          }}
          data-testid="bank-file"
        />
      </SimpleGrid>
      <Group>
        <Button
          onClick={() => void runPreview()}
          disabled={!file || !chosenAccount || format === 'new'}
          loading={busy && !progress}
          data-testid="bank-preview"
        >
          {t('preview')}
        </Button>
      </Group>
      {preview?.refusal && preview.refusal !== 'format_unknown' && (
        <Alert color="red">{t(`refusal.${preview.refusal}`)}</Alert>
      )}
      {needsMapping && file && (
        <MappingEditor
          sample={preview?.sample ?? []}
          loadSample={() => void runPreview(null)}
          onMapped={(m) => {
            setMapping(m);
            void runPreview(m);
          }}
        />
      )}
      {progress && (
        <Stack gap={4} data-testid="bank-progress">
          <Text size="sm">{t('progress', { done: progress.done, total: progress.total })}</Text>
          <Progress value={progress.total ? (progress.done / progress.total) * 100 : 0} />
        </Stack>
      )}
      {summary && (
        <Alert color="teal" data-testid="bank-summary">
          <Text>{t('summary', { ...summary })}</Text>
          {summary.toReview > 0 && (
            <Button mt="xs" size="xs" variant="light" onClick={onReview}>
              {t('toReview')}
            </Button>
          )}
        </Alert>
      )}
      {preview && !preview.refusal && (
        <Stack gap="xs" data-testid="bank-preview-result">
          <Group gap="xs">
            <Badge color="teal">{t('counts.auto', { n: preview.counts.auto })}</Badge>
            <Badge color="orange">{t('counts.review', { n: preview.counts.review })}</Badge>
            <Badge color="gray">{t('counts.known', { n: preview.counts.known })}</Badge>
            {preview.refused.length > 0 && (
              <Badge color="red">{t('counts.refused', { n: preview.refused.length })}</Badge>
            )}
            <Text size="sm" c="dimmed">
              {t('skipped', preview.skipped)}
            </Text>
          </Group>
          {preview.refused.map((r) => (
            <Text size="sm" c="red" key={r.row}>
              {t('refusedRow', { row: r.row, raw: r.raw, why: t(`rowRefusal.${r.code}`) })}
            </Text>
          ))}
          <Group>
            <Button
              color="teal"
              onClick={() => void runImport()}
              loading={busy}
              disabled={!preview.lines.length}
              data-testid="bank-import"
            >
              {t('import', { n: preview.lines.length })}
            </Button>
          </Group>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('col.date')}</Table.Th>
                <Table.Th>{t('col.description')}</Table.Th>
                <Table.Th ta="right">{t('col.amount')}</Table.Th>
                <Table.Th>{t('col.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.lines.slice(0, SHOWN).map((l) => (
                <Table.Tr key={l.fingerprint} data-testid="bank-preview-line">
                  <Table.Td>{f.date(l.date)}</Table.Td>
                  <Table.Td>{l.description}</Table.Td>
                  <Table.Td ta="right">
                    <MoneyText amount={l.amount} />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={ACTION_COLOR[l.action]} variant="light">
                      {t(`action.${l.action}`)}
                    </Badge>{' '}
                    {l.action === 'auto' && l.suggestions[0] && (
                      <Text span size="sm">
                        {l.suggestions[0].invoiceNumber} · {l.suggestions[0].customerName}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {preview.lines.length > SHOWN && (
            <Text size="sm" c="dimmed">
              {t('more', { n: preview.lines.length - SHOWN })}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
