import { Alert, Card, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { useFormat } from '../../lib/format';

/** Dashboard: per gateway the last success, the last error, pending payments, and the failure alert. */
export function GatewayHealthCard() {
  const { t } = useTranslation('gateways');
  const f = useFormat();
  const q = useApiQuery('gateways.health', {}, { entities: ['gateways', 'gatewayPayments', 'payments'] });
  const rows = q.data ?? [];
  if (!rows.length) return null;
  return (
    <Card withBorder radius="md" padding="md" data-testid="gateway-health">
      <Stack gap="xs">
        <Title order={4} fz="md">
          {t('health.title')}
        </Title>
        {rows
          .filter((r) => r.alert)
          .map((r) => (
            <Alert key={r.provider} color="red" icon={<IconAlertTriangle size={16} />} data-testid="gateway-alert">
              {t('health.alert', { provider: t(`provider.${r.provider}`), since: f.dateTime(r.failingSince) })}
              {r.lastError ? ` — ${r.lastError}` : ''}
            </Alert>
          ))}
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pay.gateway')}</Table.Th>
              <Table.Th>{t('health.lastSuccess')}</Table.Th>
              <Table.Th>{t('health.lastError')}</Table.Th>
              <Table.Th ta="right">{t('health.pending')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.provider}>
                <Table.Td>{t(`provider.${r.provider}`)}</Table.Td>
                <Table.Td>{r.lastSuccessAt ? f.dateTime(r.lastSuccessAt) : t('health.never')}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={r.failingSince ? 'red' : 'dimmed'}>
                    {r.lastErrorAt ? f.dateTime(r.lastErrorAt) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{r.pending}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
