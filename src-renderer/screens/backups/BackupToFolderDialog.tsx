import { Alert, Autocomplete, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  /** A backup is being written: the dialog stays open until it ends. */
  running: boolean;
  folder: string;
  onFolder(folder: string): void;
  error: string | null;
  /** Folders an Admin allowed (Settings → Backups, --backup-root); null while loading. */
  allowedFolders: string[] | null;
  onClose(): void;
  onSubmit(): void;
}

/**
 * "Back up to folder": only a folder an Admin allowed, or one inside it, is accepted (the server
 * checks); the allowed ones are offered as suggestions, and their absence is said up front.
 */
export function BackupToFolderDialog(p: Props) {
  const { t } = useTranslation('backups');
  return (
    <Modal
      opened={p.opened}
      onClose={() => (p.running ? undefined : p.onClose())}
      title={<Text fw={600}>{t('toFolder')}</Text>}
      centered
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          p.onSubmit();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('folderHelp')}
          </Text>
          {p.allowedFolders?.length === 0 && (
            <Alert color="yellow" data-testid="no-allowed-folders">
              {t('noAllowedFolders')}
            </Alert>
          )}
          <Autocomplete
            label={t('folder')}
            value={p.folder}
            onChange={p.onFolder}
            data={p.allowedFolders ?? []}
            error={p.error}
            placeholder={p.allowedFolders?.[0] ?? 'E:\\'}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={p.onClose} disabled={p.running}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={p.running}>
              {t('backupHere')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
