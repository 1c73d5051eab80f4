import { Grid, Group, Select, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { idCardRule, phoneRule, printWarning, useResetOnOpen, FormDialog, contentTestId } from '../../components';
import { CUSTOMER_STATUSES, type Customer } from '../../../src-shared/contract/customers';
import { api } from '../../api/client';
import { applyApiError } from '../../components/apiError';
import { formatRupiah } from '../../../src-shared/money';
import { BrandField, brandChange } from '../brands/BrandField';
import { useBrands, usePreselectBrand } from '../brands/useBrands';

type Status = (typeof CUSTOMER_STATUSES)[number];

interface Values {
  name: string;
  phone: string;
  email: string;
  idCard: string;
  address: string;
  status: Status;
  joinDate: string;
  notes: string;
  neverIsolate: boolean;
  /** The brand (a picker only when there are several active brands). */
  brandId: string;
}

const toValues = (c?: Customer | null, brand?: number): Values => ({
  name: c?.name ?? '',
  phone: c?.phone ?? '',
  email: c?.email ?? '',
  idCard: c?.idCard ?? '',
  address: c?.address ?? '',
  status: c?.status ?? 'active',
  joinDate: c?.joinDate ?? '',
  notes: c?.notes ?? '',
  neverIsolate: c?.neverIsolate ?? false,
  brandId: String(c?.brandId ?? brand ?? ''),
});

interface Props {
  opened: boolean;
  /** The customer to edit; null for a new one. */
  customer: Customer | null;
  onClose: () => void;
  onSaved: (c: Customer) => void;
}

/**
 * Create / edit a customer. Validation is the API's: its per-field messages appear under the fields.
 * The deposit is shown read-only (payments move it). Ctrl+Enter saves.
 */
export function CustomerForm({ opened, customer, onClose, onSaved }: Props) {
  const { t } = useTranslation('customers');
  const brands = useBrands();
  const form = useForm<Values>({
    initialValues: toValues(customer, brands.preselect),
    // The server's own checks (src-shared/validators.ts), shown as soon as the field is left.
    validate: { phone: phoneRule, idCard: idCardRule },
    validateInputOnBlur: ['phone', 'idCard'],
  });
  useResetOnOpen(form, opened, customer?.id, () => toValues(customer, brands.preselect));
  usePreselectBrand(opened, form.values.brandId, brands, (v) => form.setFieldValue('brandId', v));

  const save = async (v: Values) => {
    // An edit sends the phone and ID number only when they changed: a record saved before today's
    // stricter checks can still be edited without retyping fields nobody touched.
    const changed = (k: 'phone' | 'idCard') => !customer || v[k] !== (customer[k] ?? '');
    const fields = {
      name: v.name,
      ...(changed('phone') ? { phone: v.phone } : {}),
      email: v.email,
      ...(changed('idCard') ? { idCard: v.idCard } : {}),
      address: v.address,
      status: v.status,
      notes: v.notes,
      neverIsolate: v.neverIsolate,
      ...(v.joinDate ? { joinDate: v.joinDate } : {}),
      ...brandChange(brands, v.brandId, customer),
    };
    const r = customer
      ? await api('customers.update', { id: customer.id, ...fields })
      : await api('customers.create', fields);
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({
      color: 'teal',
      message: customer
        ? t('updated', { name: r.value.name })
        : t('created', { code: r.value.customerCode, name: r.value.name }),
    });
    onSaved(r.value);
  };
  // When a field's own check fails the server is asked all the same: it applies the same checks (and
  // refuses, writing nothing) plus the others, so every field's message shows after one save.
  const submit = form.onSubmit(save, () => void save(form.getValues()));

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="xl"
      title={
        <Group gap="xs">
          <Text fw={600}>{customer ? t('editTitle') : t('newTitle')}</Text>
          {customer && (
            <Text c="dimmed" ff="monospace" size="sm">
              {customer.customerCode}
            </Text>
          )}
        </Group>
      }
      attributes={contentTestId('customer-form')}
      onSubmit={submit}
      saveOnCtrlEnter
      noValidate
      submitting={form.submitting}
      footerStart={
        <Text size="xs" c="dimmed">
          {t('saveHint')}
        </Text>
      }
      footerMt="xs"
    >
      <Grid gap="sm">
        <BrandField brands={brands} current={customer?.brandId} input={form.getInputProps('brandId')} />
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput
            label={t('field.name')}
            withAsterisk
            data-autofocus
            description={printWarning(form.values.name)}
            {...form.getInputProps('name')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label={t('field.status')}
            data={CUSTOMER_STATUSES.map((s) => ({ value: s, label: t(`common:status.${s}`) }))}
            allowDeselect={false}
            {...form.getInputProps('status')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={t('field.phone')} placeholder="0812…" inputMode="tel" {...form.getInputProps('phone')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={t('field.email')} placeholder="nama@contoh.id" {...form.getInputProps('email')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={t('field.idCard')} placeholder="3273…" {...form.getInputProps('idCard')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t('field.address')} autosize minRows={2} maxRows={4} {...form.getInputProps('address')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <DateInput
            label={t('field.joinDate')}
            placeholder={t('joinDateDefault')}
            valueFormat="D MMM YYYY"
            clearable
            {...form.getInputProps('joinDate')}
            value={form.values.joinDate || null}
            onChange={(v) => form.setFieldValue('joinDate', v ?? '')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label={t('field.deposit')}
            title={t('depositReadOnly')}
            rightSection={<IconLock size={14} />}
            readOnly
            tabIndex={-1}
            variant="filled"
            value={formatRupiah(customer?.deposit ?? 0)}
            data-testid="deposit"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }} pt={36}>
          <Switch label={t('field.neverIsolate')} {...form.getInputProps('neverIsolate', { type: 'checkbox' })} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t('field.notes')} autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
        </Grid.Col>
      </Grid>
    </FormDialog>
  );
}
