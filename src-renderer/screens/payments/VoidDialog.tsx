import { Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { ApiResult } from '../../../src-shared/result';
import { applyApiError, FormDialog } from '../../components';

/** Void with a required reason (nothing financial is deleted). */
export function VoidDialog({
  opened,
  title,
  message,
  onClose,
  onVoid,
}: {
  opened: boolean;
  title: string;
  message: string;
  onClose: () => void;
  onVoid: (reason: string) => Promise<ApiResult<unknown>>;
}) {
  const { t } = useTranslation('billing');
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() ? null : t('voidReasonRequired')) },
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{title}</Text>}
      centered
      data-testid="void-dialog"
      onSubmit={form.onSubmit(async ({ reason }) => {
        const r = await onVoid(reason.trim());
        if (!r.ok) return void applyApiError(form, r.error);
        form.reset();
        onClose();
      })}
      submitting={form.submitting}
      submitLabel={t('void')}
      submitColor="red"
      submitTestId="void-submit"
    >
      <Text size="sm">{message}</Text>
      <Textarea
        label={t('voidReason')}
        data-autofocus
        autosize
        minRows={2}
        withAsterisk
        {...form.getInputProps('reason')}
      />
    </FormDialog>
  );
}
