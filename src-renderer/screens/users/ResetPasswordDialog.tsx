import { PasswordInput, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AppUser } from '../../../src-shared/contract/users';
import { api } from '../../api/client';
import { applyApiError } from '../../components/apiError';
import { FormDialog } from '../../components/FormDialog';
import { useResetOnOpen } from '../../components/useResetOnOpen';

/** Admin sets a temporary password; the user must change it at the next sign-in. */
export function ResetPasswordDialog({ user, onClose }: { user: AppUser | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  const form = useForm({
    initialValues: { newPassword: '', repeat: '' },
    validate: { repeat: (v, values) => (v === values.newPassword ? null : t('passwordsDiffer')) },
  });
  useResetOnOpen(form, !!user, user?.id, () => ({ newPassword: '', repeat: '' }));
  if (!user) return null;
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={<Text fw={600}>{t('resetTitle', { username: user.username })}</Text>}
      centered
      data-testid="reset-password-dialog"
      onSubmit={form.onSubmit(async ({ newPassword }) => {
        const r = await api('users.resetPassword', { id: user.id, newPassword });
        if (!r.ok) return void applyApiError(form, r.error);
        notifications.show({ color: 'teal', message: t('resetDone', { username: user.username }) });
        onClose();
      })}
      submitting={form.submitting}
      submitLabel={t('resetPassword')}
      footerMt="sm"
    >
      <Text size="sm">{t('resetText', { username: user.username })}</Text>
      <PasswordInput
        label={t('field.newPassword')}
        description={t('passwordRule')}
        autoComplete="new-password"
        data-autofocus
        {...form.getInputProps('newPassword')}
      />
      <PasswordInput label={t('field.repeat')} autoComplete="new-password" {...form.getInputProps('repeat')} />
    </FormDialog>
  );
}
