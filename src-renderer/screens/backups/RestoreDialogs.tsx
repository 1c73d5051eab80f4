import { Alert, Anchor, Button, Group, List, Loader, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
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
  const [busy, setBusy] = useState(false);
  // A backup of another computer (a dead PC) opens with that computer's recovery key. Kept per file,
  // so another file starts without it.
  const [keyState, setKeyState] = useState<{ file: string; needed: boolean; typed: string; key?: string } | null>(null);
  const rec = keyState && keyState.file === file ? keyState : null;
  const recoveryKey = rec?.key;
  // What the server said about which file (and recovery key): another file, or the same file checked
  // with a newly typed key, shows nothing until its own answer comes.
  const [answer, setAnswer] = useState<{
    file: string;
    key: string | undefined;
    info: Inspected | null;
    error: ApiError | null;
  } | null>(null);
  const current = answer && answer.file === file && answer.key === recoveryKey ? answer : null;
  const info = current?.info ?? null;
  const error = current?.error ?? null;
  const setTypedKey = (typed: string) => file && setKeyState({ file, needed: true, typed, key: rec?.key });

  useEffect(() => {
    if (!file) return;
    let live = true;
    void api('backups.verify', { file, recoveryKey }).then((r) => {
      if (!live) return;
      setAnswer(
        r.ok
          ? { file, key: recoveryKey, info: r.value, error: null }
          : { file, key: recoveryKey, info: null, error: r.error },
      );
      if (!r.ok && r.error.issues?.some((i) => i.path === 'recoveryKey'))
        setKeyState((k) => (k && k.file === file ? { ...k, needed: true } : { file, needed: true, typed: '' }));
    });
    return () => {
      live = false;
    };
  }, [file, recoveryKey]);

  const restore = async () => {
    if (!file) return;
    setBusy(true);
    const r = await api('backups.restore', { file, recoveryKey });
    setBusy(false);
    if (r.ok) onRestored(r.value);
    else setAnswer({ file, key: recoveryKey, info, error: r.error });
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
        {rec?.needed && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (rec.typed.trim()) setKeyState({ ...rec, key: rec.typed.trim() });
            }}
          >
            <Stack gap="xs">
              <Text size="sm">{t('recovery.restoreHelp')}</Text>
              <TextInput
                label={t('recovery.restoreField')}
                value={rec.typed}
                onChange={(e) => setTypedKey(e.currentTarget.value)}
                placeholder="123456-123456-…"
                autoComplete="off"
                spellCheck={false}
                data-autofocus
              />
              <Group>
                <Button type="submit" variant="default" disabled={!rec.typed.trim()}>
                  {t('recovery.restoreCheck')}
                </Button>
              </Group>
            </Stack>
          </form>
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
