import { Alert, Anchor, Button, Group, List, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import type { ApiError } from '../../../src-shared/result';
import { api } from '../../api/client';
import { translateApiMessage } from '../../components';
import { useFormat } from '../../lib/format';

export type RestoreSummary = OutputOf<'backups.restore'>;
type Inspected = OutputOf<'backups.verify'>;

function Counts({ counts }: { counts: { customers: number; invoices: number; payments: number } }) {
  const { t } = useTranslation('backups');
  const f = useFormat();
  return (
    <Table withTableBorder withColumnBorders={false} data-testid="restore-counts" maw={360}>
      <Table.Tbody>
        {(['customers', 'invoices', 'payments'] as const).map((k) => (
          <Table.Tr key={k}>
            <Table.Td>{t(`counts.${k}`)}</Table.Td>
            <Table.Td ta="right" fw={600}>
              {f.number(counts[k])}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Step 1 of a restore: check the file (nothing changes yet) and say exactly what will happen.
 * Step 2 (the confirm button) restores; the summary dialog follows.
 */
export function RestoreConfirm({
  file,
  onClose,
  onRestored,
}: {
  file: string | null;
  onClose: () => void;
  onRestored: (s: RestoreSummary) => void;
}) {
  const { t } = useTranslation('backups');
  const f = useFormat();
  // What the server said about which file: another file shows nothing until its own answer comes.
  const [answer, setAnswer] = useState<{ file: string; info: Inspected | null; error: ApiError | null } | null>(null);
  const current = answer && answer.file === file ? answer : null;
  const info = current?.info ?? null;
  const error = current?.error ?? null;
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!file) return;
    let live = true;
    void api('backups.verify', { file }).then((r) => {
      if (live) setAnswer(r.ok ? { file, info: r.value, error: null } : { file, info: null, error: r.error });
    });
    return () => {
      live = false;
    };
  }, [file]);

  const restore = async () => {
    if (!file) return;
    setBusy(true);
    const r = await api('backups.restore', { file });
    setBusy(false);
    if (r.ok) onRestored(r.value);
    else setAnswer({ file, info, error: r.error });
  };

  return (
    <Modal
      opened={!!file}
      onClose={busy ? () => {} : onClose}
      title={<Text fw={600}>{t('restore.title')}</Text>}
      size="lg"
      centered
      data-testid="restore-dialog"
    >
      <Stack>
        <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {file}
        </Text>
        {!info && !error && (
          <Group>
            <Loader size="sm" />
            <Text size="sm">{t('restore.checking')}</Text>
          </Group>
        )}
        {error && (
          <Alert color="red" icon={<IconAlertTriangle />} title={t('restore.refused')} data-testid="restore-error">
            {translateApiMessage(error.message)}
            <Text size="sm" mt="xs">
              {t('restore.untouched')}
            </Text>
          </Alert>
        )}
        {info && !error && (
          <>
            <Alert color="green" icon={<IconCircleCheck />} title={t('restore.ok')}>
              {t('restore.backupOf', { date: f.dateTime(info.createdAt), isp: info.ispName ?? '—' })}
            </Alert>
            <Counts counts={info.counts} />
            <Text size="sm" fw={600}>
              {t('restore.whatHappens')}
            </Text>
            <List size="sm" type="ordered" spacing={4}>
              <List.Item>{t('restore.step1')}</List.Item>
              <List.Item>{t('restore.step2', { date: f.dateTime(info.createdAt) })}</List.Item>
              <List.Item>{t('restore.step3')}</List.Item>
            </List>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common:cancel')}
          </Button>
          <Button
            color="orange"
            onClick={() => void restore()}
            loading={busy}
            disabled={!info || !!error}
            data-autofocus
          >
            {t('restore.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** What was restored; when the restored data does not know the current sign-in, sign in again. */
export function RestoreDone({ summary, onClose }: { summary: RestoreSummary | null; onClose: () => void }) {
  const { t } = useTranslation('backups');
  const f = useFormat();
  return (
    <Modal
      opened={!!summary}
      onClose={onClose}
      title={<Text fw={600}>{t('done.title')}</Text>}
      size="lg"
      centered
      data-testid="restore-summary"
    >
      {summary && (
        <Stack>
          <Alert color="green" icon={<IconCircleCheck />}>
            {t('done.text', { date: f.dateTime(summary.backupCreatedAt) })}
          </Alert>
          <Counts counts={summary.counts} />
          <Text size="sm">{t('done.preRestore')}</Text>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {summary.preRestoreBackup}
          </Text>
          {summary.routersHeld > 0 && (
            <Alert color="orange" data-testid="restore-routers-held">
              {t('done.routersHeld', { count: summary.routersHeld })}{' '}
              <Anchor href="#/sync" onClick={onClose}>
                {t('done.toSync')}
              </Anchor>
            </Alert>
          )}
          {!summary.sessionKept && <Alert color="yellow">{t('done.signInAgain')}</Alert>}
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {summary.sessionKept ? t('common:close') : t('done.toSignIn')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
