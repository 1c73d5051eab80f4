import { Button, Group, Menu, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BASIS_POINTS, type Reseller, type ResellerRule } from '../../../src-shared/contract/resellers';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import {
  applyApiError,
  FormDialog,
  IntegerInput,
  integerRule,
  integerValue,
  MoneyInput,
  MoneyText,
  notifyApiError,
  RowMenu,
  rupiahRule,
  rupiahValue,
  useResetOnOpen,
} from '../../components';

const PERCENT = BASIS_POINTS / 100;

/** The reseller's share per package: a discount or a commission, in whole percent or flat rupiah. */
export function RulesTab({
  reseller,
  canWrite,
}: {
  reseller: Reseller & { rules: ResellerRule[] };
  canWrite: boolean;
}) {
  const { t } = useTranslation('resellers');
  const [editing, setEditing] = useState(false);
  const remove = async (r: ResellerRule) => {
    const res = await api('resellers.removeRule', { resellerId: reseller.id, internetPackageId: r.internetPackageId });
    if (!res.ok) return notifyApiError(res.error);
    notifications.show({ color: 'teal', message: t('rules.removed', { name: r.packageName }) });
  };
  const valueText = (r: ResellerRule) =>
    r.mode === 'percent' ? `${(r.value / PERCENT).toLocaleString('id-ID')}%` : null;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('rules.help')} {t('rules.sellable')}
        </Text>
        {canWrite && (
          <Button onClick={() => setEditing(true)} data-testid="rule-open">
            {t('rules.set')}
          </Button>
        )}
      </Group>
      {reseller.rules.length === 0 ? (
        <Text c="dimmed">{t('rules.empty')}</Text>
      ) : (
        <Table striped aria-label={t('tab.rules')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('field.package')}</Table.Th>
              <Table.Th>{t('field.ruleKind')}</Table.Th>
              <Table.Th>{t('field.value')}</Table.Th>
              <Table.Th ta="right">{t('rules.atPrice')}</Table.Th>
              {canWrite && <Table.Th w={48} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reseller.rules.map((r) => (
              <Table.Tr key={r.internetPackageId}>
                <Table.Td>
                  {r.packageName} · <MoneyText amount={r.price} size="sm" />
                </Table.Td>
                <Table.Td>{t(`rules.kind.${r.kind}`)}</Table.Td>
                <Table.Td>{valueText(r) ?? <MoneyText amount={r.value} size="sm" />}</Table.Td>
                <Table.Td ta="right">
                  <MoneyText amount={r.shareAtPrice} size="sm" fw={600} />
                </Table.Td>
                {canWrite && (
                  <Table.Td>
                    <RowMenu label={`${t('common:actions')} ${r.packageName}`}>
                      <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => void remove(r)}>
                        {t('rules.remove')}
                      </Menu.Item>
                    </RowMenu>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RuleDialog resellerId={reseller.id} opened={editing} onClose={() => setEditing(false)} />
    </Stack>
  );
}

interface Values {
  internetPackageId: string | null;
  kind: 'discount' | 'commission';
  mode: 'percent' | 'flat';
  percent: string;
  flat: string;
}

function RuleDialog({ resellerId, opened, onClose }: { resellerId: number; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('resellers');
  const packages = useApiQuery('packages.list', { page: 1, pageSize: 500 }, { enabled: opened });
  const form = useForm<Values>({
    initialValues: { internetPackageId: null, kind: 'discount', mode: 'percent', percent: '', flat: '' },
    validate: {
      internetPackageId: (v) => (v ? null : t('rules.choosePackage')),
      percent: (v, all) => (all.mode === 'percent' ? integerRule({ min: 0, max: 100 })(v) : null),
      flat: (v, all) => (all.mode === 'flat' ? rupiahRule({ min: 0 })(v) : null),
    },
  });
  useResetOnOpen(
    form,
    opened,
    null,
    (): Values => ({
      internetPackageId: null,
      kind: 'discount',
      mode: 'percent',
      percent: '',
      flat: '',
    }),
  );
  const submit = form.onSubmit(async (v) => {
    const value = v.mode === 'percent' ? integerValue(v.percent)! * PERCENT : rupiahValue(v.flat)!;
    const r = await api('resellers.setRule', {
      resellerId,
      internetPackageId: Number(v.internetPackageId),
      kind: v.kind,
      mode: v.mode,
      value,
    });
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({ color: 'teal', message: t('rules.saved') });
    onClose();
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{t('rules.set')}</Text>}
      onSubmit={submit}
      submitting={form.submitting}
      submitTestId="rule-submit"
    >
      <Stack gap="sm">
        <Select
          label={t('field.package')}
          data-autofocus
          searchable
          data={(packages.data?.items ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
          {...form.getInputProps('internetPackageId')}
        />
        <SegmentedControl
          aria-label={t('field.ruleKind')}
          data={[
            { value: 'discount', label: t('rules.kind.discount') },
            { value: 'commission', label: t('rules.kind.commission') },
          ]}
          {...form.getInputProps('kind')}
        />
        <SegmentedControl
          aria-label={t('field.mode')}
          data={[
            { value: 'percent', label: t('rules.mode.percent') },
            { value: 'flat', label: t('rules.mode.flat') },
          ]}
          {...form.getInputProps('mode')}
        />
        {form.values.mode === 'percent' ? (
          <IntegerInput label={t('rules.percent')} rightSection="%" {...form.getInputProps('percent')} />
        ) : (
          <MoneyInput label={t('rules.flat')} {...form.getInputProps('flat')} />
        )}
        <Text size="xs" c="dimmed">
          {t('rules.rounding')}
        </Text>
      </Stack>
    </FormDialog>
  );
}
