import { Checkbox, Group, Select, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUBSCRIPTION_STATUSES, type Subscription } from '../../../src-shared/contract/subscriptions';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import {
  applyApiError,
  IntegerInput,
  integerRule,
  integerText,
  integerValue,
  MoneyInput,
  rupiahRule,
  rupiahText,
  rupiahValue,
  FormDialog,
  useResetOnOpen,
} from '../../components';
import { useFormat } from '../../lib/format';
import { ofBrand, useCustomerBrand } from '../brands/useBrands';

interface Values {
  customerId: string | null;
  internetPackageId: string | null;
  pppoeAccountId: string | null;
  startDate: string;
  endDate: string;
  monthlyFee: string;
  feeNote: string;
  billingDay: string;
  prorateFirst: boolean;
  autoRenew: boolean;
  status: string;
  notes: string;
}

const BILLING_DAY = { min: 1, max: 28, required: false };

/** Create or edit a subscription. The fee defaults to the package price; a different fee needs a note. */
export function SubscriptionForm({
  opened,
  editing,
  onClose,
}: {
  opened: boolean;
  editing: Subscription | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const can = useCan();
  const form = useForm<Values>({
    initialValues: {
      customerId: null,
      internetPackageId: null,
      pppoeAccountId: null,
      startDate: '',
      endDate: '',
      monthlyFee: '',
      feeNote: '',
      billingDay: '',
      prorateFirst: false,
      autoRenew: true,
      status: 'active',
      notes: '',
    },
    validate: { monthlyFee: rupiahRule({ required: false }), billingDay: integerRule(BILLING_DAY) },
    validateInputOnBlur: ['monthlyFee', 'billingDay'],
  });
  const [customerSearch, setCustomerSearch] = useState('');
  const [search] = useDebouncedValue(customerSearch, 200);
  const customers = useApiQuery('customers.list', { search: search || undefined, pageSize: 20 }, { enabled: opened });
  const packages = useApiQuery('packages.list', { isActive: true, pageSize: 200 }, { enabled: opened });
  const customerId = Number(form.values.customerId) || 0;
  // Packages of the customer's brand only (the server refuses another brand's).
  const brandId = useCustomerBrand(form.values.customerId, opened);
  const accounts = useApiQuery(
    'pppoe.list',
    { customerId, pageSize: 50 },
    { enabled: opened && customerId > 0 && can('pppoe.read') },
  );

  useResetOnOpen(
    form,
    opened,
    editing,
    () =>
      editing
        ? {
            customerId: String(editing.customerId),
            internetPackageId: String(editing.internetPackageId),
            pppoeAccountId: editing.pppoeAccountId === null ? null : String(editing.pppoeAccountId),
            startDate: editing.startDate,
            endDate: editing.endDate ?? '',
            monthlyFee: rupiahText(editing.monthlyFee),
            feeNote: editing.feeNote ?? '',
            billingDay: integerText(editing.billingDay),
            prorateFirst: editing.prorateFirst,
            autoRenew: editing.autoRenew,
            status: editing.status,
            notes: editing.notes ?? '',
          }
        : form.getInitialValues(),
    () => setCustomerSearch(''),
  );

  const pkg = packages.data?.items.find((p) => String(p.id) === form.values.internetPackageId);
  const fee = rupiahValue(form.values.monthlyFee) ?? null;
  const feeDiffers = pkg && fee !== null && fee !== pkg.price;

  const customerData = [
    ...(editing
      ? [{ value: String(editing.customerId), label: `${editing.customerName} (${editing.customerCode})` }]
      : []),
    ...(customers.data?.items ?? [])
      .filter((c) => !editing || c.id !== editing.customerId)
      .map((c) => ({ value: String(c.id), label: `${c.name} (${c.customerCode})` })),
  ];

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="lg"
      centered
      title={<Text fw={600}>{editing ? t('sub.editTitle') : t('sub.newTitle')}</Text>}
      data-testid="subscription-form"
      onSubmit={form.onSubmit(async (v) => {
        const common = {
          pppoeAccountId: v.pppoeAccountId ? Number(v.pppoeAccountId) : null,
          startDate: v.startDate || undefined,
          endDate: v.endDate || null,
          ...(v.monthlyFee.trim() ? { monthlyFee: rupiahValue(v.monthlyFee)! } : {}),
          feeNote: v.feeNote,
          ...(v.billingDay.trim() ? { billingDay: integerValue(v.billingDay, BILLING_DAY)! } : {}),
          prorateFirst: v.prorateFirst,
          autoRenew: v.autoRenew,
          notes: v.notes,
        };
        const r = editing
          ? await api('subscriptions.update', {
              id: editing.id,
              ...common,
              ...(v.internetPackageId ? { internetPackageId: Number(v.internetPackageId) } : {}),
              status: v.status as Subscription['status'],
            })
          : await api('subscriptions.create', {
              ...common,
              customerId: Number(v.customerId) || 0,
              internetPackageId: Number(v.internetPackageId) || 0,
            });
        if (!r.ok) return void applyApiError(form, r.error);
        onClose();
      })}
      submitting={form.submitting}
      submitTestId="subscription-save"
    >
      <Select
        label={t('customer')}
        withAsterisk
        searchable
        disabled={!!editing}
        data={customerData}
        searchValue={customerSearch}
        onSearchChange={setCustomerSearch}
        filter={({ options }) => options}
        nothingFoundMessage={t('sub.noCustomer')}
        data-autofocus
        {...form.getInputProps('customerId')}
        onChange={(v) => {
          form.setFieldValue('customerId', v);
          form.setFieldValue('pppoeAccountId', null);
        }}
      />
      <Select
        label={t('package')}
        withAsterisk
        searchable
        data={ofBrand(packages.data?.items ?? [], brandId).map((p) => ({
          value: String(p.id),
          label: `${p.name} · ${f.rupiah(p.price)} / ${t(`cycle.${p.billingCycle}`)}`,
        }))}
        {...form.getInputProps('internetPackageId')}
        onChange={(v) => {
          form.setFieldValue('internetPackageId', v);
          const p = packages.data?.items.find((x) => String(x.id) === v);
          if (p && !form.values.feeNote) form.setFieldValue('monthlyFee', rupiahText(p.price));
        }}
      />
      {can('pppoe.read') && (
        <Select
          label={t('sub.pppoeAccount')}
          description={t('sub.pppoeAccountHelp')}
          clearable
          disabled={!customerId}
          data={(accounts.data?.items ?? []).map((a) => ({ value: String(a.id), label: a.username }))}
          {...form.getInputProps('pppoeAccountId')}
        />
      )}
      <SimpleGrid cols={2}>
        <MoneyInput
          label={t('sub.fee')}
          description={pkg ? t('sub.feeDefault', { price: f.rupiah(pkg.price) }) : undefined}
          {...form.getInputProps('monthlyFee')}
        />
        <TextInput
          label={t('sub.feeNote')}
          withAsterisk={!!feeDiffers}
          description={feeDiffers ? t('sub.feeNoteHelp') : undefined}
          {...form.getInputProps('feeNote')}
        />
        <TextInput
          type="date"
          label={t('sub.startDate')}
          description={editing ? undefined : t('sub.startDateHelp')}
          {...form.getInputProps('startDate')}
        />
        <TextInput type="date" label={t('sub.endDate')} {...form.getInputProps('endDate')} />
        <IntegerInput
          label={t('sub.billingDay')}
          description={t('sub.billingDayHelp')}
          {...form.getInputProps('billingDay')}
        />
        {editing && (
          <Select
            label={t('status')}
            data={SUBSCRIPTION_STATUSES.map((s) => ({
              value: s,
              label: t(`common:status.${s}`, { defaultValue: s }),
            }))}
            allowDeselect={false}
            {...form.getInputProps('status')}
          />
        )}
      </SimpleGrid>
      <Group>
        <Checkbox label={t('sub.prorateFirst')} {...form.getInputProps('prorateFirst', { type: 'checkbox' })} />
        <Checkbox label={t('sub.autoRenew')} {...form.getInputProps('autoRenew', { type: 'checkbox' })} />
      </Group>
      <Textarea label={t('notes')} autosize minRows={1} {...form.getInputProps('notes')} />
    </FormDialog>
  );
}
