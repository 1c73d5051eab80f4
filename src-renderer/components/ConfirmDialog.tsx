import { contentTestId } from './testIds';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  /** Red confirm button for destructive actions (default). */
  danger?: boolean;
  onCancel: () => void;
  /** May be async: the button shows progress and the dialog stays open until it settles. */
  onConfirm: () => unknown | Promise<unknown>;
}

/** The confirm step before anything destructive. Enter confirms, Esc cancels. */
export function ConfirmDialog({ opened, title, message, confirmLabel, danger = true, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      opened={opened}
      onClose={busy ? () => {} : onCancel}
      title={<Text fw={600}>{title}</Text>}
      centered
      size="md"
      attributes={contentTestId('confirm-dialog')}
    >
      <Text size="sm">{message}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </Button>
        <Button
          color={danger ? 'red' : undefined}
          loading={busy}
          data-autofocus
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
            }
          }}
        >
          {confirmLabel ?? t('confirm')}
        </Button>
      </Group>
    </Modal>
  );
}
