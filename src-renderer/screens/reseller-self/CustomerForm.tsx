import { Alert, Button, Card, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { formatRupiah } from '../../../src-shared/money';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { applyApiError, idCardRule, phoneRule } from '../../components';

interface Values {
  name: string;
  phone: string;
  address: string;
  email: string;
  idCard: string;
  notes: string;
  internetPackageId: string | null;
  username: string;
}

const EMPTY: Values = {
  name: '',
  phone: '',
  address: '',
  email: '',
  idCard: '',
  notes: '',
  internetPackageId: null,
  username: '',
};

type Created = OutputOf<'reseller.createCustomer'>;

/**
 * A new customer with their internet account (package and optional PPPoE username), or an edit of one
 * of the reseller's own customers. The server applies the office's own checks; its messages appear under
 * the fields. A new account's password is shown once, to set on the customer's modem.
 */
export function CustomerForm({ customerId, onDone }: { customerId?: number; onDone: () => void }) {
  const { t } = useTranslation('resellerSelf');
  const editing = customerId !== undefined;
  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: { phone: phoneRule, idCard: idCardRule },
    validateInputOnBlur: ['phone', 'idCard'],
  });
  const packages = useApiQuery('reseller.packages', {}, { enabled: !editing });
  const existing = useApiQuery('reseller.customer', { customerId: customerId ?? 0 }, { enabled: editing });
  const [created, setCreated] = useState<Created | null>(null);
  const loaded = existing.data;
  useEffect(() => {
    if (!loaded) return;
    const values = {
      ...EMPTY,
      name: loaded.name,
      phone: loaded.phone ?? '',
      address: loaded.address ?? '',
      email: loaded.email ?? '',
      idCard: loaded.idCard ?? '',
      notes: loaded.notes ?? '',
    };
    form.setInitialValues(values);
    form.setValues(values);
    // Once per loaded record.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the form object is stable; reset only when the record changes
  }, [loaded?.id]);

  const save = async (v: Values) => {
    const changed = (k: 'phone' | 'idCard') => !loaded || v[k] !== (loaded[k] ?? '');
    const personal = {
      name: v.name,
      address: v.address,
      email: v.email,
      notes: v.notes,
      ...(changed('phone') ? { phone: v.phone } : {}),
      ...(changed('idCard') ? { idCard: v.idCard } : {}),
    };
    if (editing) {
      const r = await api('reseller.updateCustomer', { id: customerId, ...personal });
      if (!r.ok) return void applyApiError(form, r.error);
      notifications.show({ color: 'teal', message: t('form.saved', { name: r.value.name }) });
      return onDone();
    }
    const r = await api('reseller.createCustomer', {
      ...personal,
      // Without a choice the server still checks the other fields; the package gets the screen's own words.
      internetPackageId: Number(v.internetPackageId ?? 0),
      ...(v.username.trim() ? { username: v.username.trim() } : {}),
    });
    if (!r.ok) {
      applyApiError(form, r.error);
      if (!v.internetPackageId) form.setFieldError('internetPackageId', t('form.choosePackage'));
      return;
    }
    setCreated(r.value);
  };
  // Field checks failing still ask the server: it refuses with every field's message at once.
  const submit = form.onSubmit(save, () => void save(form.getValues()));

  if (created)
    return (
      <Card withBorder padding="sm" data-testid="self-customer-created">
        <Stack gap="xs">
          <Text fw={700}>
            {t('form.created', { code: created.customer.customerCode, name: created.customer.name })}
          </Text>
          <Text size="sm">
            {t('form.account', { package: created.packageName, price: formatRupiah(created.monthlyPrice) })}
          </Text>
          <Alert color="yellow" variant="light" title={t('form.passwordOnce')}>
            <Text size="sm">
              {t('form.username')}: <b data-testid="created-username">{created.username}</b>
            </Text>
            <Text size="sm">
              {t('form.password')}: <b data-testid="created-password">{created.password}</b>
            </Text>
          </Alert>
          <Button onClick={onDone}>{t('form.done')}</Button>
        </Stack>
      </Card>
    );

  const noPackages = !editing && packages.data?.length === 0;
  return (
    <Card withBorder padding="sm" component="form" onSubmit={submit} noValidate data-testid="self-customer-form">
      <Stack gap="xs">
        <Text fw={700}>{editing ? t('form.editTitle') : t('form.newTitle')}</Text>
        <TextInput label={t('form.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('form.phone')} inputMode="tel" placeholder="0812…" {...form.getInputProps('phone')} />
        <Textarea label={t('form.address')} autosize minRows={2} {...form.getInputProps('address')} />
        <TextInput label={t('form.email')} inputMode="email" {...form.getInputProps('email')} />
        <TextInput label={t('form.idCard')} inputMode="numeric" {...form.getInputProps('idCard')} />
        {!editing && (
          <>
            <Select
              label={t('form.package')}
              withAsterisk
              data={(packages.data ?? []).map((p) => ({
                value: String(p.id),
                label: `${p.name} · ${formatRupiah(p.price)}`,
              }))}
              error={noPackages ? t('form.noPackages') : undefined}
              {...form.getInputProps('internetPackageId')}
            />
            <TextInput
              label={t('form.username')}
              description={t('form.usernameHelp')}
              autoCapitalize="none"
              {...form.getInputProps('username')}
            />
          </>
        )}
        <Textarea label={t('form.notes')} autosize minRows={1} {...form.getInputProps('notes')} />
        <Group grow>
          <Button variant="default" onClick={onDone}>
            {t('form.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting} data-testid="self-customer-save">
            {editing ? t('form.save') : t('form.create')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
