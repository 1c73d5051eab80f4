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
import {
  STATEMENT_MAX_BYTES,
  type ColumnMappingInput,
  type StatementPreview,
} from '../../../src-shared/contract/bank-statements';
import { api, onEvent } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { MoneyText, notifyApiError } from '../../components';
import { useFormat } from '../../lib/format';
import { MappingEditor } from './MappingEditor';
import { uploadStatement } from './uploadStatement';

const BANKS = ['auto', 'bca', 'mandiri', 'bri', 'bni'] as const;
const ACTION_COLOR = { auto: 'teal', review: 'orange', known: 'gray' } as const;
/** Lines shown in the preview table (all are imported). */
const SHOWN = 200;

const MAX_MB = STATEMENT_MAX_BYTES / (1024 * 1024);

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
  /** The chosen file once sent (preview and import name it), and the bytes sent while sending. */
  const [uploaded, setUploaded] = useState<{ file: File; uploadId: string } | null>(null);
  const [sending, setSending] = useState<{ sent: number; total: number } | null>(null);
  const [tooLarge, setTooLarge] = useState(false);

  useEffect(
    () =>
      onEvent('bank.progress', (p) => {
        if (typeof p.done === 'number' && typeof p.total === 'number') setProgress({ done: p.done, total: p.total });
      }),
    [],
  );
  const accountList = accounts.data ?? [];
  const chosenAccount = account ?? accountList[0]?.number ?? null;

  /** Sends the chosen file once (in chunks, with progress); null when that failed (already told). */
  const uploadId = async (): Promise<string | null> => {
    if (uploaded?.file === file) return uploaded.uploadId;
    const r = await uploadStatement(file!, (sent, total) => setSending({ sent, total }));
    setSending(null);
    if (!r.ok) {
      notifyApiError(r.error);
      return null;
    }
    setUploaded({ file: file!, uploadId: r.value });
    return r.value;
  };

  const input = async (m: ColumnMappingInput | null = mapping) => {
    const id = await uploadId();
    if (!id) return null;
    const saved = format.startsWith('map:') ? Number(format.slice(4)) : undefined;
    return {
      fileName: file!.name,
      uploadId: id,
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
    const i = await input(m);
    const r = i && (await api('bankStatements.preview', i));
    setBusy(false);
    if (!r) return;
    if (!r.ok) return notifyApiError(r.error);
    setPreview(r.value);
  };

  const runImport = async () => {
    setBusy(true);
    const i = await input();
    setProgress({ done: 0, total: preview?.lines.length ?? 0 });
    const r = i && (await api('bankStatements.import', i));
    setBusy(false);
    setProgress(null);
    // The import used the upload up (and a failed one may have expired it): send the file again next time.
    setUploaded(null);
    if (!r) return;
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
            // Above the limit the file is refused here, before anything is sent.
            const big = !!v && v.size > STATEMENT_MAX_BYTES;
            setTooLarge(big);
            setFile(big ? null : v);
            setPreview(null);
            setSummary(null);
          }}
          error={tooLarge ? t('tooLarge', { mb: MAX_MB }) : undefined}
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
      {sending && (
        <Stack gap={4} data-testid="bank-upload-progress">
          <Text size="sm">
            {t('sending', {
              sent: f.number(Math.round(sending.sent / 1024)),
              total: f.number(Math.round(sending.total / 1024)),
            })}
          </Text>
          <Progress value={sending.total ? (sending.sent / sending.total) * 100 : 0} />
        </Stack>
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
