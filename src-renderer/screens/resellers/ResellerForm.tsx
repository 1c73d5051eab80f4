import { Checkbox, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Reseller } from '../../../src-shared/contract/resellers';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { applyApiError, FormDialog, phoneRule, useResetOnOpen } from '../../components';

interface Values {
  name: string;
  phone: string;
  address: string;
  notes: string;
  status: 'active' | 'suspended';
  canCreateCustomers: boolean;
  routerId: string | null;
}

/**
 * Adds a reseller, or edits one (name, contact, status, whether they may add customers themselves and the
 * router their accounts go to). Suspending one ends their sign-in.
 */
export function ResellerForm({
  opened,
  reseller,
  onClose,
  onSaved,
}: {
  opened: boolean;
  reseller: Reseller | null;
  onClose: () => void;
  onSaved: (r: Reseller) => void;
}) {
  const { t } = useTranslation('resellers');
  const form = useForm<Values>({
    initialValues: {
      name: '',
      phone: '',
      address: '',
      notes: '',
      status: 'active',
      canCreateCustomers: false,
      routerId: null,
    },
    validate: { phone: phoneRule },
  });
  useResetOnOpen(form, opened, reseller?.id, () => ({
    name: reseller?.name ?? '',
    phone: reseller?.phone ?? '',
    address: reseller?.address ?? '',
    notes: reseller?.notes ?? '',
    status: reseller?.status ?? 'active',
    canCreateCustomers: reseller?.canCreateCustomers ?? false,
    routerId: reseller?.routerId ? String(reseller.routerId) : null,
  }));
  const routers = useApiQuery('routers.list', {}, { enabled: opened });
  const submit = form.onSubmit(async (v) => {
    const fields = {
      name: v.name,
      phone: v.phone,
      address: v.address,
      notes: v.notes,
      canCreateCustomers: v.canCreateCustomers,
      routerId: v.routerId ? Number(v.routerId) : null,
    };
    const r = reseller
      ? await api('resellers.update', { id: reseller.id, ...fields, status: v.status })
      : await api('resellers.create', fields);
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({ color: 'teal', message: t(reseller ? 'updated' : 'created', { name: r.value.name }) });
    onSaved(r.value);
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{t(reseller ? 'editTitle' : 'addTitle')}</Text>}
      onSubmit={submit}
      submitting={form.submitting}
      submitTestId="reseller-save"
    >
      <Stack gap="sm">
        <TextInput label={t('field.name')} data-autofocus withAsterisk {...form.getInputProps('name')} />
        <TextInput label={t('field.phone')} {...form.getInputProps('phone')} />
        <Textarea label={t('field.address')} autosize minRows={1} {...form.getInputProps('address')} />
        {reseller && (
          <SegmentedControl
            aria-label={t('field.status')}
            data={[
              { value: 'active', label: t('status.active') },
              { value: 'suspended', label: t('status.suspended') },
            ]}
            {...form.getInputProps('status')}
          />
        )}
        <Checkbox
          label={t('field.canCreateCustomers')}
          description={t('field.canCreateHelp')}
          {...form.getInputProps('canCreateCustomers', { type: 'checkbox' })}
        />
        <Select
          label={t('field.router')}
          description={t('field.routerHelp')}
          clearable
          data={(routers.data?.items ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
          {...form.getInputProps('routerId')}
        />
        <Textarea label={t('field.notes')} autosize minRows={1} {...form.getInputProps('notes')} />
      </Stack>
    </FormDialog>
  );
}
