import { ActionIcon, Grid, Select, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../src-shared/contract';
import type { PppoeAccount } from '../../../src-shared/contract/pppoe';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { applyApiError, translateApiMessage, useResetOnOpen, FormDialog, contentTestId } from '../../components';
import { AccountBillingPanel } from './AccountBillingPanel';
import { OverrideReasonDialog } from './OverrideReasonDialog';
import { ofBrand, useCustomerBrand } from '../brands/useBrands';

interface Values {
  customerId: string | null;
  internetPackageId: string | null;
  routerId: string | null;
  username: string;
  password: string;
  staticIp: string;
  callerId: string;
  expiresAt: string;
  notes: string;
}

const toValues = (a?: PppoeAccount | null): Values => ({
  customerId: a ? String(a.customerId) : null,
  internetPackageId: a ? String(a.internetPackageId) : null,
  routerId: a?.routerId ? String(a.routerId) : null,
  username: a?.username ?? '',
  password: '',
  staticIp: a?.staticIp ?? '',
  callerId: a?.callerId ?? '',
  expiresAt: a?.expiresAt ?? '',
  notes: a?.notes ?? '',
});

interface Props {
  opened: boolean;
  account: PppoeAccount | null;
  onClose: () => void;
  onSaved: (a: PppoeAccount, password: string | null) => void;
}

/** Create / edit a PPPoE account. On create, username and password are generated (editable, regenerate). */
export function AccountForm({ opened, account, onClose, onSaved }: Props) {
  const { t } = useTranslation('network');
  const form = useForm<Values>({ initialValues: toValues(account) });
  const [customerSearch, setCustomerSearch] = useState('');
  const [debounced] = useDebouncedValue(customerSearch, 250);
  const customers = useApiQuery(
    'customers.list',
    { search: debounced || undefined, pageSize: 20 },
    { enabled: opened },
  );
  const packages = useApiQuery('packages.list', { pageSize: 500 }, { enabled: opened });
  const routers = useApiQuery('routers.list', {}, { enabled: opened });
  // Packages and routers of the customer's brand only (the server refuses another brand's).
  const brandId = useCustomerBrand(form.values.customerId, opened);

  useResetOnOpen(
    form,
    opened,
    account?.id,
    () => toValues(account),
    () => setCustomerSearch(account ? `${account.customerCode} · ${account.customerName}` : ''),
  );

  // A single router is the obvious choice for a new account.
  const pickOnlyRouter = useEffectEvent((items: { id: number }[]) => {
    if (!account && !form.values.routerId && items.length === 1) form.setFieldValue('routerId', String(items[0]!.id));
  });
  useEffect(() => {
    if (opened && routers.data) pickOnlyRouter(routers.data.items);
  }, [opened, routers.data]);

  const suggest = async (customerId: string | null, which: 'both' | 'password' = 'both') => {
    if (!customerId) return;
    const r = await api('pppoe.suggest', { customerId: Number(customerId) });
    if (!r.ok) return;
    if (which === 'both') form.setFieldValue('username', r.value.username);
    form.setFieldValue('password', r.value.password);
  };

  const customerOptions = (customers.data?.items ?? []).map((c) => ({
    value: String(c.id),
    label: `${c.customerCode} · ${c.name}`,
  }));
  if (account && !customerOptions.some((o) => o.value === String(account.customerId))) {
    customerOptions.unshift({
      value: String(account.customerId),
      label: `${account.customerCode} · ${account.customerName}`,
    });
  }

  // A suspended or inactive customer: the server asks for an override reason, then the save is repeated with it.
  const [overrideAsk, setOverrideAsk] = useState<{ message: string; values: Values } | null>(null);

  const save = async (v: Values, overrideReason?: string) => {
    const common = {
      internetPackageId: v.internetPackageId ? Number(v.internetPackageId) : undefined,
      routerId: v.routerId ? Number(v.routerId) : null,
      username: v.username.trim() || undefined,
      ...(v.password ? { password: v.password } : {}),
      staticIp: v.staticIp,
      callerId: v.callerId,
      expiresAt: v.expiresAt,
      notes: v.notes,
    };
    if (account) {
      const r = await api('pppoe.update', {
        id: account.id,
        customerId: v.customerId ? Number(v.customerId) : undefined,
        ...common,
      });
      if (!r.ok) return void applyApiError(form, r.error);
      notifications.show({ color: 'teal', message: t('pppoe.updated', { name: r.value.username }) });
      onSaved(r.value, null);
    } else {
      // No customer or package chosen: sent as missing, so the server's message lands under the field.
      const input: Partial<InputOf<'pppoe.create'>> = {
        customerId: v.customerId ? Number(v.customerId) : undefined,
        ...common,
        ...(overrideReason ? { overrideReason } : {}),
      };
      const r = await api('pppoe.create', input as InputOf<'pppoe.create'>);
      const ask = !r.ok && r.error.issues?.find((i) => i.path === 'overrideReason');
      if (ask) return void setOverrideAsk({ message: translateApiMessage(ask.message), values: v });
      setOverrideAsk(null);
      if (!r.ok) return void applyApiError(form, r.error);
      notifications.show({ color: 'teal', message: t('pppoe.created', { name: r.value.account.username }) });
      onSaved(r.value.account, r.value.password);
    }
  };
  const submit = form.onSubmit((v) => save(v));

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="lg"
      title={<Text fw={600}>{account ? t('pppoe.editTitle') : t('pppoe.newTitle')}</Text>}
      attributes={contentTestId('pppoe-form')}
      onSubmit={submit}
      saveOnCtrlEnter
      noValidate
      submitting={form.submitting}
      submitTestId="pppoe-save"
      footerMt="xs"
      after={
        <OverrideReasonDialog
          message={overrideAsk?.message ?? null}
          onCancel={() => setOverrideAsk(null)}
          onConfirm={(reason) => save(overrideAsk!.values, reason)}
        />
      }
    >
      <Grid gap="sm">
        <Grid.Col span={12}>
          <Select
            label={t('pppoe.customer')}
            withAsterisk
            searchable
            data-autofocus
            placeholder={t('pppoe.customerSearch')}
            data={customerOptions}
            searchValue={customerSearch}
            onSearchChange={setCustomerSearch}
            filter={({ options }) => options}
            nothingFoundMessage={t('pppoe.noCustomer')}
            {...form.getInputProps('customerId')}
            onChange={(v) => {
              form.setFieldValue('customerId', v);
              if (!account) void suggest(v);
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label={t('pppoe.package')}
            withAsterisk
            searchable
            data={ofBrand(packages.data?.items ?? [], brandId)
              .filter((p) => p.isActive || String(p.id) === form.values.internetPackageId)
              .map((p) => ({ value: String(p.id), label: `${p.name} (${p.profileName})` }))}
            {...form.getInputProps('internetPackageId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label={t('pppoe.router')}
            description={t('pppoe.routerHint')}
            clearable
            data={ofBrand(routers.data?.items ?? [], brandId).map((r) => ({ value: String(r.id), label: r.name }))}
            {...form.getInputProps('routerId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('pppoe.username')}
            description={account ? undefined : t('pppoe.usernameHint')}
            autoComplete="off"
            {...form.getInputProps('username')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('pppoe.password')}
            description={account ? t('pppoe.passwordKeep') : t('pppoe.passwordHint')}
            autoComplete="off"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            rightSection={
              <Tooltip label={t('pppoe.regenerate')}>
                <ActionIcon
                  variant="subtle"
                  aria-label={t('pppoe.regenerate')}
                  onClick={() =>
                    void suggest(form.values.customerId ?? (account ? String(account.customerId) : null), 'password')
                  }
                >
                  <IconRefresh size={16} />
                </ActionIcon>
              </Tooltip>
            }
            {...form.getInputProps('password')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('pppoe.staticIp')}
            placeholder="10.10.0.25"
            description={t('pppoe.staticIpHint')}
            {...form.getInputProps('staticIp')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('pppoe.callerId')}
            placeholder="AA:BB:CC:DD:EE:FF"
            description={t('pppoe.callerIdHint')}
            {...form.getInputProps('callerId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label={t('pppoe.expiresAt')} placeholder="2026-12-31" {...form.getInputProps('expiresAt')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t('pppoe.notes')} autosize minRows={1} maxRows={3} {...form.getInputProps('notes')} />
        </Grid.Col>
      </Grid>
      <AccountBillingPanel
        opened={opened}
        packageId={form.values.internetPackageId ? Number(form.values.internetPackageId) : null}
        customerId={form.values.customerId ? Number(form.values.customerId) : null}
        accountId={account?.id ?? null}
        originalPackageId={account?.internetPackageId ?? null}
        accountStatus={account?.status ?? null}
      />
    </FormDialog>
  );
}
