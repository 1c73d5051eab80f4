import { Alert, PasswordInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyApiError } from '../../components/apiError';
import { FormDialog } from '../../components/FormDialog';
import { contentTestId } from '../../components';

/** `auth.changePassword`. `forced` when the account must change its password before working. */
export function ChangePasswordDialog({
  opened,
  onClose,
  forced = false,
}: {
  opened: boolean;
  onClose: () => void;
  forced?: boolean;
}) {
  const { t } = useTranslation('auth');
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('passwordRequired')),
      newPassword: (v) => (v.length >= 8 ? null : t('passwordTooShort')),
      repeat: (v, values) => (v === values.newPassword ? null : t('passwordsDiffer')),
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <FormDialog
      opened={opened}
      onClose={forced ? () => {} : close}
      withCloseButton={!forced}
      closeOnEscape={!forced}
      closeOnClickOutside={!forced}
      title={t('changePassword')}
      centered
      attributes={contentTestId('change-password-dialog')}
      onSubmit={form.onSubmit(async ({ currentPassword, newPassword }) => {
        const r = await api('auth.changePassword', { currentPassword, newPassword });
        if (!r.ok) return void applyApiError(form, r.error);
        notifications.show({ color: 'teal', message: t('passwordChanged') });
        close();
      })}
      submitting={form.submitting}
      submitLabel={t('save')}
      withCancel={!forced}
      onCancel={close}
      footerMt="sm"
    >
      {forced && (
        <Alert color="yellow" variant="light">
          {t('mustChangePassword')}
        </Alert>
      )}
      <PasswordInput
        label={t('currentPassword')}
        autoComplete="current-password"
        data-autofocus
        {...form.getInputProps('currentPassword')}
      />
      <PasswordInput
        label={t('newPassword')}
        description={t('passwordRule')}
        autoComplete="new-password"
        {...form.getInputProps('newPassword')}
      />
      <PasswordInput label={t('repeatPassword')} autoComplete="new-password" {...form.getInputProps('repeat')} />
    </FormDialog>
  );
}
