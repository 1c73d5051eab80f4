import { Group, PasswordInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { OUTBOX_KINDS, type ChannelView } from '../../../src-shared/contract/messaging';
import { useApiQuery } from '../../api/useApi';
import { FIELDS, SECRETS, type Values } from './channelValues';

type Form = UseFormReturnType<Values>;

/** The fields of the chosen provider: plain ones, secrets (shown back only as "stored"), Cloud API templates. */
export function ProviderFields({ form, stored }: { form: Form; stored: ChannelView | undefined }) {
  const { t } = useTranslation('messages');
  const provider = form.values.provider;
  const storedHint = (name: string) =>
    stored?.provider === provider && stored.secretsStored.includes(name) ? t('channelForm.secretStored') : undefined;

  const plain = (name: string) => {
    const props = form.getInputProps(`settings.${name}`);
    if (name === 'routerId') return <RouterSelect key={name} form={form} />;
    if (name === 'security')
      return (
        <Select
          key={name}
          label={t('channelForm.security')}
          data={(['starttls', 'implicit', 'none'] as const).map((s) => ({
            value: s,
            label: t(`channelForm.securities.${s}`),
          }))}
          allowDeselect={false}
          {...props}
        />
      );
    const label = name === 'port' && provider === 'mikrotik_sms' ? 'modemPort' : name;
    return <TextInput key={name} label={t(`channelForm.${label}`)} {...props} />;
  };

  return (
    <Stack gap="sm">
      {FIELDS[provider].map(plain)}
      {SECRETS[provider].map((name) => (
        <PasswordInput
          key={name}
          label={t(`channelForm.${name}`)}
          description={storedHint(name)}
          autoComplete="off"
          {...form.getInputProps(`settings.${name}`)}
        />
      ))}
      {provider === 'whatsapp_cloud' && <CloudTemplates form={form} />}
    </Stack>
  );
}

function RouterSelect({ form }: { form: Form }) {
  const { t } = useTranslation('messages');
  const routers = useApiQuery('routers.list', {});
  return (
    <Select
      label={t('channelForm.router')}
      data={(routers.data?.items ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
      allowDeselect={false}
      {...form.getInputProps('settings.routerId')}
    />
  );
}

/** Meta needs an approved template for messages out of the 24-hour window: one per kind, with its placeholder order. */
function CloudTemplates({ form }: { form: Form }) {
  const { t } = useTranslation('messages');
  const kinds = useApiQuery('messages.kinds', {});
  const meta = { p1: '{{1}}', p2: '{{2}}' };
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t('cloud.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('cloud.hint', meta)}
      </Text>
      <Table aria-label={t('cloud.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('field.kind')}</Table.Th>
            <Table.Th>{t('cloud.name')}</Table.Th>
            <Table.Th>{t('cloud.language')}</Table.Th>
            <Table.Th>{t('cloud.params', meta)}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {OUTBOX_KINDS.map((kind) => {
            const label = t(`kind.${kind}`);
            const placeholders = kinds.data?.find((k) => k.kind === kind)?.placeholders.join(', ');
            return (
              <Table.Tr key={kind}>
                <Table.Td>{label}</Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${t('cloud.name')} · ${label}`}
                    {...form.getInputProps(`settings.templates.${kind}.name`)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${t('cloud.language')} · ${label}`}
                    w={90}
                    {...form.getInputProps(`settings.templates.${kind}.language`)}
                  />
                </Table.Td>
                <Table.Td>
                  <Group>
                    <TextInput
                      aria-label={`${t('cloud.params', meta)} · ${label}`}
                      title={placeholders}
                      placeholder={t('cloud.paramsExample')}
                      {...form.getInputProps(`settings.templates.${kind}.params`)}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
