import { ActionIcon, Button, Grid, Group, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Brand } from '../../../src-shared/contract/brands';
import { api } from '../../api/client';
import { FormDialog, applyApiError, contentTestId, phoneRule, printWarning, useResetOnOpen } from '../../components';
import { LogoInput } from '../settings/LogoInput';

interface Values {
  name: string;
  invoicePrefix: string;
  address: string;
  phone: string;
  taxId: string;
  logo: string;
  bankAccounts: { bank: string; number: string; holder: string }[];
  qris: string;
  receiptHeader: string;
  reminderSender: string;
  isActive: boolean;
}

const toValues = (b: Brand | null): Values => ({
  name: b?.name ?? '',
  invoicePrefix: b?.invoicePrefix ?? '',
  address: b?.address ?? '',
  phone: b?.phone ?? '',
  taxId: b?.taxId ?? '',
  logo: b?.logo ?? '',
  bankAccounts: b?.bankAccounts ?? [],
  qris: b?.qris ?? '',
  receiptHeader: b?.receiptHeader ?? '',
  reminderSender: b?.reminderSender ?? '',
  isActive: b?.isActive ?? true,
});

interface Props {
  opened: boolean;
  /** null: a new brand. */
  brand: Brand | null;
  readOnly: boolean;
  onClose: () => void;
  onSaved: (b: Brand) => void;
}

/**
 * A brand's identity as its invoices and receipts print it: name, invoice prefix (its own numbering),
 * letterhead (address, phone, NPWP, logo, a line under the name), where to pay (bank accounts, QRIS) and
 * the reminder sender. The default brand is Settings → ISP: editing it here changes Settings too.
 */
export function BrandForm({ opened, brand, readOnly, onClose, onSaved }: Props) {
  const { t } = useTranslation('brands');
  const form = useForm<Values>({
    initialValues: toValues(brand),
    validate: { phone: phoneRule },
    validateInputOnBlur: ['phone'],
  });
  useResetOnOpen(form, opened, brand?.id, () => toValues(brand));

  const save = async (v: Values) => {
    const r = brand ? await api('brands.update', { id: brand.id, ...v }) : await api('brands.create', v);
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({ color: 'teal', message: t(brand ? 'updated' : 'created', { name: r.value.name }) });
    onSaved(r.value);
  };
  const submit = form.onSubmit(save, () => void save(form.getValues()));
  const input = (k: keyof Values) => ({ label: t(`field.${k}`), disabled: readOnly, ...form.getInputProps(k) });
  const accounts = form.values.bankAccounts;

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="xl"
      title={<Text fw={600}>{brand ? t('editTitle', { name: brand.name }) : t('newTitle')}</Text>}
      attributes={contentTestId('brand-form')}
      onSubmit={submit}
      saveOnCtrlEnter
      noValidate
      readOnly={readOnly}
      submitting={form.submitting}
      footerStart={
        <Text size="xs" c="dimmed">
          {brand?.isDefault ? t('defaultHint') : ''}
        </Text>
      }
    >
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput {...input('name')} withAsterisk data-autofocus description={printWarning(form.values.name)} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput {...input('invoicePrefix')} withAsterisk description={t('hint.invoicePrefix')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea {...input('address')} autosize minRows={2} maxRows={4} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput {...input('phone')} inputMode="tel" placeholder="0812…" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput {...input('taxId')} placeholder="01.234.567.8-901.000" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput {...input('reminderSender')} description={t('hint.reminderSender')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <TextInput {...input('receiptHeader')} description={t('hint.receiptHeader')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <LogoInput
            value={form.values.logo}
            onChange={(v) => form.setFieldValue('logo', v)}
            error={form.errors.logo}
            disabled={readOnly}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Title order={5}>{t('field.bankAccounts')}</Title>
          {accounts.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('bank.none')}
            </Text>
          )}
        </Grid.Col>
        {accounts.map((_, i) => (
          <Grid.Col span={12} key={i}>
            <Group align="flex-end" wrap="nowrap" data-testid={`brand-bank-${i}`}>
              <TextInput label={t('bank.bank')} disabled={readOnly} {...form.getInputProps(`bankAccounts.${i}.bank`)} />
              <TextInput
                label={t('bank.number')}
                disabled={readOnly}
                {...form.getInputProps(`bankAccounts.${i}.number`)}
              />
              <TextInput
                label={t('bank.holder')}
                disabled={readOnly}
                style={{ flex: 1 }}
                {...form.getInputProps(`bankAccounts.${i}.holder`)}
              />
              {!readOnly && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mb={4}
                  aria-label={t('bank.remove')}
                  onClick={() => form.removeListItem('bankAccounts', i)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
          </Grid.Col>
        ))}
        {!readOnly && accounts.length < 5 && (
          <Grid.Col span={12}>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => form.insertListItem('bankAccounts', { bank: '', number: '', holder: '' })}
            >
              {t('bank.add')}
            </Button>
          </Grid.Col>
        )}
        <Grid.Col span={12}>
          <Textarea {...input('qris')} description={t('hint.qris')} autosize minRows={1} maxRows={3} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Switch
            label={t('field.isActive')}
            description={brand?.isDefault ? t('hint.defaultActive') : t('hint.isActive')}
            disabled={readOnly || brand?.isDefault}
            {...form.getInputProps('isActive', { type: 'checkbox' })}
          />
        </Grid.Col>
      </Grid>
    </FormDialog>
  );
}
