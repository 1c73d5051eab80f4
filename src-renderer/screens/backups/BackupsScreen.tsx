import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCircleCheck,
  IconDatabaseExport,
  IconDatabaseImport,
  IconFolder,
  IconHelpCircle,
  IconRestore,
  IconShieldCheck,
  IconTrash,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntryDto } from '../../../src-shared/contract/backups';
import { api, onEvent } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useSession } from '../../app/session';
import { ConfirmDialog, EmptyState, notifyApiError, PageHeader, translateApiMessage } from '../../components';
import { useFormat } from '../../lib/format';
import { BackupToFolderDialog } from './BackupToFolderDialog';
import { RecoveryKeyCard } from './RecoveryKeyCard';
import { RestoreConfirm, RestoreDone, type RestoreSummary } from './RestoreDialogs';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

const KIND_COLOR: Record<BackupEntryDto['kind'], string> = {
  daily: 'blue',
  manual: 'teal',
  'pre-restore': 'orange',
  'pre-migration': 'grape',
};

/** Backups: list (size, date, kind, checked), back up now or to a folder, check, restore, delete. */
export default function BackupsScreen() {
  const { t } = useTranslation('backups');
  const f = useFormat();
  const q = useApiQuery('backups.list', {}, { entities: ['backups', 'all', 'settings'] });
  const [percent, setPercent] = useState<number | null>(null);
  const [running, setRunning] = useState(false);
  const [folderOpen, setFolderOpen] = useState(false);
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | null>(null);
  const [fileOpen, setFileOpen] = useState(false);
  const [filePath, setFilePath] = useState('');
  const [restoreFile, setRestoreFile] = useState<string | null>(null);
  const [summary, setSummary] = useState<RestoreSummary | null>(null);
  const [deleting, setDeleting] = useState<BackupEntryDto | null>(null);
  const [checking, setChecking] = useState<string | null>(null);

  useEffect(() => onEvent('backup.progress', (p) => setPercent(typeof p.percent === 'number' ? p.percent : null)), []);
  const refetch = q.refetch;
  useEffect(() => onEvent('backup.done', () => refetch()), [refetch]);

  const backup = async (target?: string) => {
    setRunning(true);
    setPercent(0);
    const r = await api('backups.create', target ? { folder: target } : {});
    setRunning(false);
    setPercent(null);
    if (!r.ok) {
      if (target) setFolderError(translateApiMessage(r.error.message));
      else notifyApiError(r.error);
      return false;
    }
    notifications.show({
      color: 'green',
      message: t('created', { file: r.value.fileName, size: formatBytes(r.value.size) }),
    });
    q.refetch();
    return true;
  };

  const check = async (file: string) => {
    setChecking(file);
    const r = await api('backups.verify', { file });
    setChecking(null);
    if (r.ok) notifications.show({ color: 'green', message: t('checkedOk') });
    else notifyApiError(r.error, t('checkFailed'));
    q.refetch();
  };

  const afterRestore = (s: RestoreSummary) => {
    setRestoreFile(null);
    setSummary(s);
  };
  const closeSummary = () => {
    const kept = summary?.sessionKept;
    setSummary(null);
    // The whole app now shows other data: start again from system.info (sign-in if needed).
    if (kept) void useSession.getState().boot();
    else window.location.reload();
  };

  const data = q.data;
  const status = data?.status;
  const busy = running || status?.running != null;

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <>
            <Button variant="default" leftSection={<IconDatabaseImport size={16} />} onClick={() => setFileOpen(true)}>
              {t('restoreFromFile')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconFolder size={16} />}
              onClick={() => {
                setFolder(data?.customFolder ?? '');
                setFolderError(null);
                setFolderOpen(true);
              }}
              disabled={busy}
            >
              {t('toFolder')}
            </Button>
            <Button
              leftSection={<IconDatabaseExport size={16} />}
              onClick={() => void backup()}
              loading={running && !folderOpen}
              disabled={busy}
            >
              {t('backupNow')}
            </Button>
          </>
        }
      />

      {percent !== null && (
        <Paper withBorder p="sm" mb="md" data-testid="backup-progress">
          <Text size="sm" mb={6}>
            {t('running', { percent })}
          </Text>
          <Progress value={percent} animated />
        </Paper>
      )}

      <RecoveryKeyCard />
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
        <Paper withBorder p="md">
          <Text size="xs" c="dimmed" tt="uppercase">
            {t('lastDaily')}
          </Text>
          <Text fw={600} data-testid="last-daily">
            {status?.lastDaily ? f.dateTime(status.lastDaily.at) : t('never')}
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Text size="xs" c="dimmed" tt="uppercase">
            {t('nextDaily')}
          </Text>
          <Text fw={600}>{status ? f.dateTime(status.nextDailyAt) : '—'}</Text>
        </Paper>
        <Paper withBorder p="md">
          <Text size="xs" c="dimmed" tt="uppercase">
            {t('folders')}
          </Text>
          <Text size="sm" style={{ wordBreak: 'break-all' }}>
            {data?.defaultFolder}
          </Text>
          {data?.customFolder && (
            <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
              + {data.customFolder}
            </Text>
          )}
        </Paper>
      </SimpleGrid>

      {status?.lastError && (
        <Alert color="yellow" mb="md" title={t('copyFailed')} data-testid="backup-warning">
          {translateApiMessage(status.lastError.message)}
        </Alert>
      )}
      {q.error && (
        <Alert color="red" mb="md">
          {translateApiMessage(q.error.message)}
        </Alert>
      )}

      {data && data.items.length === 0 ? (
        <EmptyState
          title={t('empty.title')}
          description={t('empty.text')}
          actions={<Button onClick={() => void backup()}>{t('backupNow')}</Button>}
        />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={980}>
            <Table highlightOnHover verticalSpacing="xs" aria-label={t('title')} data-testid="backups-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('col.date')}</Table.Th>
                  <Table.Th>{t('col.kind')}</Table.Th>
                  <Table.Th>{t('col.where')}</Table.Th>
                  <Table.Th ta="right">{t('col.size')}</Table.Th>
                  <Table.Th>{t('col.contents')}</Table.Th>
                  <Table.Th>{t('col.checked')}</Table.Th>
                  <Table.Th ta="right">{t('common:actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.items.map((b) => {
                  const newer = b.schemaVersion !== null && b.schemaVersion > data.appSchemaVersion;
                  return (
                    <Table.Tr key={b.file} data-testid="backup-row" data-kind={b.kind}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.dateTime(b.createdAt)}</Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          color={KIND_COLOR[b.kind]}
                          tt="none"
                          style={{ overflow: 'visible' }}
                          styles={{ label: { overflow: 'visible' } }}
                        >
                          {t(`kind.${b.kind}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={b.file} multiline maw={420}>
                          <Text size="sm">{b.location === 'default' ? t('where.default') : t('where.custom')}</Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td ta="right">{formatBytes(b.size)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {b.counts
                            ? t('contents', {
                                customers: f.number(b.counts.customers),
                                invoices: f.number(b.counts.invoices),
                                payments: f.number(b.counts.payments),
                              })
                            : '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {b.verified ? (
                          <Badge
                            color="green"
                            variant="light"
                            tt="none"
                            styles={{ label: { overflow: 'visible' } }}
                            leftSection={<IconCircleCheck size={12} />}
                          >
                            {t('verified')}
                          </Badge>
                        ) : (
                          <Badge
                            color="gray"
                            variant="light"
                            tt="none"
                            styles={{ label: { overflow: 'visible' } }}
                            leftSection={<IconHelpCircle size={12} />}
                          >
                            {t('notChecked')}
                          </Badge>
                        )}
                        {newer && (
                          <Text size="xs" c="red">
                            {t('newer')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="subtle"
                            leftSection={<IconShieldCheck size={14} />}
                            loading={checking === b.file}
                            onClick={() => void check(b.file)}
                          >
                            {t('check')}
                          </Button>
                          <Button
                            size="xs"
                            variant="light"
                            color="orange"
                            leftSection={<IconRestore size={14} />}
                            onClick={() => setRestoreFile(b.file)}
                            disabled={busy}
                          >
                            {t('restore.action')}
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            leftSection={<IconTrash size={14} />}
                            onClick={() => setDeleting(b)}
                            aria-label={t('deleteOne')}
                          >
                            {t('common:delete')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      <BackupToFolderDialog
        opened={folderOpen}
        running={running}
        folder={folder}
        onFolder={setFolder}
        error={folderError}
        allowedFolders={data?.allowedFolders ?? null}
        onClose={() => setFolderOpen(false)}
        onSubmit={async () => {
          if (!folder.trim()) return setFolderError(t('folderRequired'));
          if (await backup(folder.trim())) setFolderOpen(false);
        }}
      />

      <Modal
        opened={fileOpen}
        onClose={() => setFileOpen(false)}
        title={<Text fw={600}>{t('restoreFromFile')}</Text>}
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!filePath.trim()) return;
            setFileOpen(false);
            setRestoreFile(filePath.trim());
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              {t('fileHelp')}
            </Text>
            <TextInput
              label={t('file')}
              value={filePath}
              onChange={(e) => setFilePath(e.currentTarget.value)}
              placeholder="E:\\pppoe-desk-2026-11-24T19-00-00-000Z-daily.sqlite"
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setFileOpen(false)}>
                {t('common:cancel')}
              </Button>
              <Button type="submit" disabled={!filePath.trim()}>
                {t('checkFile')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <RestoreConfirm file={restoreFile} onClose={() => setRestoreFile(null)} onRestored={afterRestore} />
      <RestoreDone summary={summary} onClose={closeSummary} />

      <ConfirmDialog
        opened={!!deleting}
        title={t('deleteTitle')}
        message={deleting ? t('deleteText', { date: f.dateTime(deleting.createdAt), file: deleting.fileName }) : ''}
        confirmLabel={t('common:delete')}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          const r = await api('backups.delete', { file: deleting.file });
          setDeleting(null);
          if (!r.ok) notifyApiError(r.error);
          else notifications.show({ message: t('deleted') });
          q.refetch();
        }}
      />
    </>
  );
}
