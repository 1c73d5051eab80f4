import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contentTestId } from '../../components';

/**
 * The explicit override the server asks for before an active account is given to a suspended or
 * inactive customer: the server's reason is shown, a reason is required, and it goes to the audit trail.
 */
export function OverrideReasonDialog({
  message,
  onCancel,
  onConfirm,
}: {
  /** The server's message; the dialog is open while it is not null. */
  message: string | null;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslation('billing');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A new question starts with an empty reason (adjusted during render, not in an effect).
  const [askedFor, setAskedFor] = useState(message);
  if (message !== askedFor) {
    setAskedFor(message);
    if (message !== null) {
      setReason('');
      setError(null);
    }
  }
  const confirm = async () => {
    if (!reason.trim()) return setError(t('override.reasonRequired'));
    setBusy(true);
    await onConfirm(reason.trim());
    setBusy(false);
  };
  return (
    <Modal
      opened={message !== null}
      onClose={onCancel}
      centered
      title={<Text fw={600}>{t('override.title')}</Text>}
      attributes={contentTestId('override-dialog')}
    >
      <Stack gap="sm">
        <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
          {message}
        </Alert>
        <Text size="sm">{t('override.help')}</Text>
        <Textarea
          label={t('override.reason')}
          withAsterisk
          data-autofocus
          autosize
          minRows={2}
          value={reason}
          error={error}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          data-testid="override-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common:cancel')}
          </Button>
          <Button color="orange" loading={busy} onClick={() => void confirm()} data-testid="override-confirm">
            {t('override.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
