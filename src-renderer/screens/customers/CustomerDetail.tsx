import {
  Alert,
  Button,
  Divider,
  Drawer,
  Group,
  Loader,
  SimpleGrid,
  Paper,
  Stack,
  Text,
  Title,
  Center,
} from '@mantine/core';
import { IconAlertCircle, IconDownload, IconEdit, IconShieldX, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { MoneyText } from '../../components/MoneyText';
import { StatusBadge } from '../../components/StatusBadge';
import { translateApiMessage } from '../../components/apiError';
import { useFormat } from '../../lib/format';
import type { OutputOf } from '../../../src-shared/contract';
import { contentTestId } from '../../components';
import { CustomerUsage } from './CustomerUsage';
import { EraseDataDialog, ExportDataDialog } from './PrivacyDialogs';
import { PortalAccess } from './PortalAccess';
import { CustomerMessaging } from '../messages/CustomerMessaging';

export type CustomerDetailData = OutputOf<'customers.get'>;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {children || '—'}
      </Text>
    </div>
  );
}

function Count({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fw={650} fz="lg">
        {value}
      </Text>
    </Paper>
  );
}

interface Props {
  id: number | null;
  onClose: () => void;
  onEdit: (c: CustomerDetailData) => void;
  onDelete: (c: CustomerDetailData) => void;
}

/** Read-only view of one customer with the counts that decide whether it may be deleted. Esc closes. */
export function CustomerDetail({ id, onClose, onEdit, onDelete }: Props) {
  const { t } = useTranslation('customers');
  const can = useCan();
  const f = useFormat();
  const q = useApiQuery('customers.get', { id: id ?? 0 }, { enabled: id !== null, entities: ['customers', 'all'] });
  const c = q.data && q.data.id === id ? q.data : undefined;
  const [dialog, setDialog] = useState<'export' | 'erase' | null>(null);
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size={480}
      title={<Text fw={600}>{t('detailTitle')}</Text>}
      attributes={contentTestId('customer-detail')}
    >
      {!c && !q.error && (
        <Center h={200}>
          <Loader size="sm" />
        </Center>
      )}
      {q.error && !c && (
        <Alert color="red" icon={<IconAlertCircle size={18} />}>
          {translateApiMessage(q.error.message)}
        </Alert>
      )}
      {c && (
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Text ff="monospace" size="sm" c="dimmed">
                {c.customerCode}
              </Text>
              <Title order={3} fz={20}>
                {c.name}
              </Title>
            </div>
            <StatusBadge status={c.status} size="lg" />
          </Group>
          <SimpleGrid cols={2} spacing="sm">
            <Count testId="count-deposit" label={t('field.deposit')} value={<MoneyText amount={c.deposit} />} />
            <Count testId="count-accounts" label={t('pppoeAccounts')} value={f.number(c.pppoeAccounts)} />
            <Count testId="count-invoices" label={t('invoices')} value={f.number(c.invoices)} />
            <Count testId="count-payments" label={t('payments')} value={f.number(c.payments)} />
          </SimpleGrid>
          <Divider />
          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
            <Field label={t('field.phone')}>{c.phone}</Field>
            <Field label={t('field.email')}>{c.email}</Field>
            <Field label={t('field.idCard')}>{c.idCard}</Field>
            <Field label={t('field.joinDate')}>{f.date(c.joinDate)}</Field>
            <Field label={t('field.neverIsolate')}>{c.neverIsolate ? t('common:yes') : t('common:no')}</Field>
            <Field label={t('createdBy')}>{c.createdByName ?? '—'}</Field>
          </SimpleGrid>
          <Field label={t('field.address')}>{c.address}</Field>
          <Field label={t('field.notes')}>{c.notes}</Field>
          {c.pppoeAccounts > 0 && can('sessions.read') && <CustomerUsage customerId={c.id} />}
          <PortalAccess customerId={c.id} customerCode={c.customerCode} />
          <CustomerMessaging customerId={c.id} />
          <Text size="xs" c="dimmed">
            {t('timestamps', { created: f.dateTime(c.createdAt), updated: f.dateTime(c.updatedAt) })}
          </Text>
          {c.erasedAt && (
            <Alert color="gray" data-testid="customer-erased">
              {t('privacy.erasedNotice', { date: f.dateTime(c.erasedAt) })}
            </Alert>
          )}
          {(can('privacy.export') || (can('privacy.erase') && !c.erasedAt)) && (
            <Group gap="sm">
              {can('privacy.export') && (
                <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => setDialog('export')}>
                  {t('privacy.exportData')}
                </Button>
              )}
              {can('privacy.erase') && !c.erasedAt && (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconShieldX size={16} />}
                  onClick={() => setDialog('erase')}
                >
                  {t('privacy.eraseData')}
                </Button>
              )}
            </Group>
          )}
          <Group justify="flex-end" gap="sm" mt="sm">
            {can('customers.delete') && (
              <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={() => onDelete(c)}>
                {t('common:delete')}
              </Button>
            )}
            {can('customers.write') && (
              <Button leftSection={<IconEdit size={16} />} onClick={() => onEdit(c)}>
                {t('common:edit')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
      <ExportDataDialog customer={dialog === 'export' && c ? c : null} onClose={() => setDialog(null)} />
      <EraseDataDialog customer={dialog === 'erase' && c ? c : null} onClose={() => setDialog(null)} />
    </Drawer>
  );
}
