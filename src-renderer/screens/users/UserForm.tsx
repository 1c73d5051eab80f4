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
import {
  brandLimitIds,
  brandLimitValue,
  UserBrandsField,
  type BrandLimitValue,
  type UserBrandLimits,
} from '../brands/UserBrands';

interface Values {
  username: string;
  fullName: string;
  role: Role;
  password: string;
  repeat: string;
  mustChangePassword: boolean;
  /** The brands the user may see (shown when there are several brands). */
  brands: BrandLimitValue;
}

interface Props {
  opened: boolean;
  /** null: create a new user. */
  user: AppUser | null;
  onClose: () => void;
  onSaved: (u: AppUser) => void;
  /** Every user's brand limit (from the Users screen). */
  limits: UserBrandLimits;
}

/** A reseller's sign-in keeps its role here (it is made and changed on the reseller's page). */
const officeRole = (r: Role) => (r === 'reseller' ? undefined : r);

/** Create a user (username, name, role, initial password) or edit name and role of an existing one. */
export function UserForm({ opened, user, onClose, onSaved, limits }: Props) {
  const { t } = useTranslation('users');
  const isNew = !user;
  const form = useForm<Values>({
    initialValues: {
      username: '',
      fullName: '',
      role: 'staff',
      password: '',
      repeat: '',
      mustChangePassword: true,
      brands: brandLimitValue([]),
    },
    validate: {
      repeat: (v, values) => (isNew && v !== values.password ? t('passwordsDiffer') : null),
      brands: (v, values) =>
        limits.show && values.role !== 'admin' && v.mode === 'some' && !v.ids.length
          ? t('brands:limit.required')
          : null,
    },
  });
  useResetOnOpen(form, opened, user?.id, () => ({
    username: user?.username ?? '',
    fullName: user?.fullName ?? '',
    role: user?.role ?? 'staff',
    password: '',
    repeat: '',
    mustChangePassword: true,
    brands: brandLimitValue(user ? limits.limitOf(user.id) : []),
  }));

  const submit = form.onSubmit(async (v) => {
    // The brand limit is saved with the user, in one transaction; with one brand it is not sent.
    const brandIds = limits.show ? { brandIds: brandLimitIds(v.brands, v.role) } : {};
    const r = user
      ? await api('users.update', { id: user.id, fullName: v.fullName, role: officeRole(v.role), ...brandIds })
      : await api('users.create', {
          username: v.username,
          fullName: v.fullName,
          role: officeRole(v.role) ?? 'staff',
          password: v.password,
          mustChangePassword: v.mustChangePassword,
          ...brandIds,
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
      {limits.show && form.values.role !== 'reseller' && (
        <UserBrandsField
          brands={limits.brands}
          role={form.values.role}
          value={form.values.brands}
          onChange={(b) => form.setFieldValue('brands', b)}
          error={form.errors.brands ?? form.errors.brandIds}
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
