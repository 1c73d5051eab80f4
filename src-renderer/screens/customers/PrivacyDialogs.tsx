import { Alert, Center, List, Loader, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { applyApiError, translateApiMessage } from '../../components/apiError';
import { FormDialog } from '../../components/FormDialog';
import { useResetOnOpen } from '../../components/useResetOnOpen';
import { downloadBase64 } from '../../lib/download';
import { useFormat } from '../../lib/format';

interface Target {
  id: number;
  customerCode: string;
  name: string;
}

/** Staff download everything held about the customer (for the customer); the reason is audited. */
export function ExportDataDialog({ customer, onClose }: { customer: Target | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('customers');
  const form = useForm({ initialValues: { reason: '' } });
  useResetOnOpen(form, !!customer, customer?.id, () => ({ reason: '' }));
  if (!customer) return null;
  return (
    <FormDialog
      opened
      onClose={onClose}
      centered
      title={<Text fw={600}>{t('privacy.exportTitle', { code: customer.customerCode })}</Text>}
      data-testid="export-data-dialog"
      onSubmit={form.onSubmit(async ({ reason }) => {
        const language = i18n.resolvedLanguage === 'en' ? 'en' : 'id';
        const r = await api('privacy.exportCustomer', { customerId: customer.id, reason, language });
        if (!r.ok) return void applyApiError(form, r.error);
        downloadBase64(r.value);
        notifications.show({ color: 'teal', message: t('privacy.exportDone', { file: r.value.filename }) });
        onClose();
      })}
      submitting={form.submitting}
      submitLabel={t('privacy.exportButton')}
      submitTestId="export-data-submit"
    >
      <Text size="sm">{t('privacy.exportText', { name: customer.name })}</Text>
      <Textarea
        label={t('privacy.reason')}
        description={t('privacy.exportReasonHint')}
        required
        autosize
        minRows={2}
        data-autofocus
        {...form.getInputProps('reason')}
      />
    </FormDialog>
  );
}

/**
 * Erasure on the customer's request: says what stops it, what is kept and what is gone for good,
 * and asks for the requester, the reason and the customer code typed back.
 */
export function EraseDataDialog({ customer, onClose }: { customer: Target | null; onClose: () => void }) {
  const { t } = useTranslation('customers');
  const f = useFormat();
  const preview = useApiQuery(
    'privacy.erasePreview',
    { customerId: customer?.id ?? 0 },
    { enabled: customer !== null, entities: ['customers', 'all'] },
  );
  const form = useForm({ initialValues: { requestedBy: '', reason: '', confirmCode: '' } });
  useResetOnOpen(form, !!customer, customer?.id, () => ({ requestedBy: '', reason: '', confirmCode: '' }));
  if (!customer) return null;
  const p = preview.data;
  const blocked = !p || p.blockers.length > 0 || p.erasedAt !== null;
  return (
    <FormDialog
      opened
      onClose={onClose}
      centered
      size="lg"
      title={<Text fw={600}>{t('privacy.eraseTitle', { code: customer.customerCode })}</Text>}
      data-testid="erase-data-dialog"
      onSubmit={form.onSubmit(async (values) => {
        if (blocked) return;
        const r = await api('privacy.eraseCustomer', { customerId: customer.id, ...values });
        if (!r.ok) return void applyApiError(form, r.error);
        notifications.show({ color: 'teal', message: t('privacy.eraseDone', { code: r.value.customerCode }) });
        onClose();
      })}
      submitting={form.submitting}
      submitLabel={t('privacy.eraseButton')}
      submitTestId="erase-data-submit"
      readOnly={blocked}
    >
      {!p && !preview.error && (
        <Center h={120}>
          <Loader size="sm" />
        </Center>
      )}
      {preview.error && !p && <Alert color="red">{translateApiMessage(preview.error.message)}</Alert>}
      {p && p.blockers.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('privacy.blockedTitle')}>
          <List size="sm" data-testid="erase-blockers">
            {p.blockers.map((b) => (
              <List.Item key={b.code}>
                {t(`privacy.blocker.${b.code}`, {
                  count: b.count,
                  amount: f.rupiah(b.count),
                  defaultValue: b.code,
                })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {p && !blocked && (
        <Stack gap="sm">
          <Alert color="red" icon={<IconShieldLock size={18} />} title={t('privacy.goneTitle')}>
            <List size="sm">
              <List.Item>{t('privacy.gone.profile', { name: p.name })}</List.Item>
              {p.removes.accounts > 0 && (
                <List.Item>{t('privacy.gone.accounts', { count: p.removes.accounts })}</List.Item>
              )}
              {p.removes.routerSecrets > 0 && (
                <List.Item>{t('privacy.gone.routers', { count: p.removes.routerSecrets })}</List.Item>
              )}
              {p.removes.auditRows > 0 && (
                <List.Item>{t('privacy.gone.audit', { count: p.removes.auditRows })}</List.Item>
              )}
            </List>
            <Text size="sm" fw={600} mt="xs">
              {t('privacy.goneForever')}
            </Text>
          </Alert>
          <Alert color="blue" title={t('privacy.keptTitle')}>
            <Text size="sm">
              {t('privacy.kept', {
                code: p.customerCode,
                invoices: p.keeps.invoices,
                payments: p.keeps.payments,
                refunds: p.keeps.refunds,
              })}
            </Text>
          </Alert>
          <TextInput
            label={t('privacy.requestedBy')}
            description={t('privacy.requestedByHint')}
            required
            data-autofocus
            {...form.getInputProps('requestedBy')}
          />
          <Textarea label={t('privacy.reason')} required autosize minRows={2} {...form.getInputProps('reason')} />
          <TextInput
            label={t('privacy.confirmCode', { code: p.customerCode })}
            required
            autoComplete="off"
            {...form.getInputProps('confirmCode')}
          />
        </Stack>
      )}
    </FormDialog>
  );
}
