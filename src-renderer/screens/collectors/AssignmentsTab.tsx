import { ActionIcon, Badge, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { IntegerInput, MoneyInput, notifyApiError, integerValue, rupiahValue } from '../../components';

type Collector = OutputOf<'collectors.list'>[number];

/** Admin: which customers each collector reaches (area, router, one customer) and their commission rule. */
export function AssignmentsTab() {
  const { t } = useTranslation('collectors');
  const list = useApiQuery('collectors.list', {}, { entities: ['collectors', 'users'] });
  if (list.data?.length === 0) return <Text c="dimmed">{t('office.noCollectors')}</Text>;
  return (
    <Stack gap="md">
      {list.data?.map((c) => (
        <CollectorCard key={c.id} collector={c} onChanged={list.refetch} />
      ))}
    </Stack>
  );
}

function CollectorCard({ collector, onChanged }: { collector: Collector; onChanged: () => void }) {
  const { t } = useTranslation('collectors');
  const [kind, setKind] = useState<'area' | 'router' | 'customer'>('area');
  const [area, setArea] = useState('');
  const [routerId, setRouterId] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const routers = useApiQuery('routers.list', {}, { enabled: kind === 'router' });
  const customers = useApiQuery('customers.list', { search, page: 1, pageSize: 20 }, { enabled: kind === 'customer' });
  const [ruleKind, setRuleKind] = useState<'flat' | 'percent'>(collector.commission?.kind ?? 'flat');
  const [ruleText, setRuleText] = useState(
    collector.commission
      ? collector.commission.kind === 'flat'
        ? String(collector.commission.value)
        : String(collector.commission.value)
      : '',
  );

  const add = async () => {
    const r = await api('collectors.assign', {
      collectorId: collector.id,
      kind,
      area: kind === 'area' ? area : undefined,
      routerId: kind === 'router' && routerId ? Number(routerId) : undefined,
      customerId: kind === 'customer' && customerId ? Number(customerId) : undefined,
    });
    if (!r.ok) return notifyApiError(r.error);
    setArea('');
    setCustomerId(null);
    onChanged();
  };
  const remove = async (id: number) => {
    const r = await api('collectors.unassign', { id });
    if (!r.ok) return notifyApiError(r.error);
    onChanged();
  };
  const ruleValue =
    ruleKind === 'flat' ? rupiahValue(ruleText, { min: 0 }) : integerValue(ruleText, { min: 0, max: 10_000 });
  const saveRule = async () => {
    if (ruleValue === undefined) return;
    const r = await api('collectors.setCommission', { collectorId: collector.id, kind: ruleKind, value: ruleValue });
    if (!r.ok) return notifyApiError(r.error);
    onChanged();
  };

  return (
    <Card withBorder padding="sm" data-testid="collector-card">
      <Group justify="space-between">
        <Text fw={600}>
          {collector.fullName}{' '}
          <Text span c="dimmed" size="sm">
            @{collector.username}
          </Text>
        </Text>
        {!collector.isActive && <Badge color="gray">{t('office.inactive')}</Badge>}
      </Group>
      <Group gap={6} mt="xs">
        {collector.assignments.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('office.noAssignments')}
          </Text>
        )}
        {collector.assignments.map((a) => (
          <Badge
            key={a.id}
            variant="light"
            rightSection={
              <ActionIcon
                size="xs"
                variant="transparent"
                aria-label={t('office.remove')}
                onClick={() => void remove(a.id)}
              >
                <IconX size={12} />
              </ActionIcon>
            }
          >
            {t(`office.kind.${a.kind}`)}: {a.area ?? a.routerName ?? `${a.customerCode} ${a.customerName}`} ({a.reach})
          </Badge>
        ))}
      </Group>
      <Group align="end" mt="sm" gap="xs">
        <Select
          label={t('office.assignBy')}
          w={140}
          value={kind}
          allowDeselect={false}
          onChange={(v) => v && setKind(v as typeof kind)}
          data={(['area', 'router', 'customer'] as const).map((k) => ({ value: k, label: t(`office.kind.${k}`) }))}
        />
        {kind === 'area' && (
          <TextInput
            label={t('office.area')}
            description={t('office.areaHelp')}
            value={area}
            onChange={(e) => setArea(e.currentTarget.value)}
            maxLength={80}
          />
        )}
        {kind === 'router' && (
          <Select
            label={t('office.kind.router')}
            value={routerId}
            onChange={setRouterId}
            data={(routers.data?.items ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
          />
        )}
        {kind === 'customer' && (
          <Select
            label={t('office.kind.customer')}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            value={customerId}
            onChange={setCustomerId}
            filter={({ options }) => options}
            data={(customers.data?.items ?? []).map((c) => ({
              value: String(c.id),
              label: `${c.customerCode} ${c.name}`,
            }))}
          />
        )}
        <Button onClick={() => void add()}>{t('office.add')}</Button>
      </Group>
      <Group align="end" mt="sm" gap="xs">
        <Select
          label={t('office.commission')}
          w={160}
          value={ruleKind}
          allowDeselect={false}
          onChange={(v) => v && setRuleKind(v as typeof ruleKind)}
          data={(['flat', 'percent'] as const).map((k) => ({ value: k, label: t(`office.rule.${k}`) }))}
        />
        {ruleKind === 'flat' ? (
          <MoneyInput label={t('office.rule.flatValue')} value={ruleText} onChange={setRuleText} w={160} />
        ) : (
          <IntegerInput
            label={t('office.rule.percentValue')}
            description={t('office.rule.percentHelp')}
            value={ruleText}
            onChange={setRuleText}
            w={200}
          />
        )}
        <Button variant="light" disabled={ruleValue === undefined} onClick={() => void saveRule()}>
          {t('office.rule.save')}
        </Button>
      </Group>
    </Card>
  );
}
