import { PasswordInput, Select, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AppUser } from '../../../src-shared/contract/users';
import { OFFICE_ROLES, type Role } from '../../../src-shared/permissions';
import { api } from '../../api/client';
import { applyApiError } from '../../components/apiError';
import { FormDialog } from '../../components/FormDialog';
import { useResetOnOpen } from '../../components/useResetOnOpen';

interface Values {
  username: string;
  fullName: string;
  role: Role;
  password: string;
  repeat: string;
  mustChangePassword: boolean;
}

interface Props {
  opened: boolean;
  /** null: create a new user. */
  user: AppUser | null;
  onClose: () => void;
  onSaved: (u: AppUser) => void;
}

/** A reseller's sign-in keeps its role here (it is made and changed on the reseller's page). */
const officeRole = (r: Role) => (r === 'reseller' ? undefined : r);

/** Create a user (username, name, role, initial password) or edit name and role of an existing one. */
export function UserForm({ opened, user, onClose, onSaved }: Props) {
  const { t } = useTranslation('users');
  const isNew = !user;
  const form = useForm<Values>({
    initialValues: { username: '', fullName: '', role: 'staff', password: '', repeat: '', mustChangePassword: true },
    validate: {
      repeat: (v, values) => (isNew && v !== values.password ? t('passwordsDiffer') : null),
    },
  });
  useResetOnOpen(form, opened, user?.id, () => ({
    username: user?.username ?? '',
    fullName: user?.fullName ?? '',
    role: user?.role ?? 'staff',
    password: '',
    repeat: '',
    mustChangePassword: true,
  }));

  const submit = form.onSubmit(async (v) => {
    const r = user
      ? await api('users.update', { id: user.id, fullName: v.fullName, role: officeRole(v.role) })
      : await api('users.create', {
          username: v.username,
          fullName: v.fullName,
          role: officeRole(v.role) ?? 'staff',
          password: v.password,
          mustChangePassword: v.mustChangePassword,
        });
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({ color: 'teal', message: t(user ? 'updated' : 'created', { username: r.value.username }) });
    onSaved(r.value);
  });

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{user ? t('editTitle', { username: user.username }) : t('createTitle')}</Text>}
      centered
      data-testid="user-form"
      onSubmit={submit}
      submitting={form.submitting}
      footerMt="sm"
    >
      <TextInput
        label={t('field.username')}
        disabled={!isNew}
        autoComplete="off"
        data-autofocus={isNew || undefined}
        {...form.getInputProps('username')}
      />
      <TextInput label={t('field.fullName')} data-autofocus={!isNew || undefined} {...form.getInputProps('fullName')} />
      {form.values.role !== 'reseller' && (
        <Select
          label={t('field.role')}
          allowDeselect={false}
          data={OFFICE_ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
          description={t(`roleHelp.${form.values.role}`)}
          {...form.getInputProps('role')}
        />
      )}
      {isNew && (
        <>
          <PasswordInput
            label={t('field.password')}
            description={t('passwordRule')}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <PasswordInput label={t('field.repeat')} autoComplete="new-password" {...form.getInputProps('repeat')} />
          <Switch label={t('field.mustChange')} {...form.getInputProps('mustChangePassword', { type: 'checkbox' })} />
        </>
      )}
    </FormDialog>
  );
}
