import { Badge, Checkbox, ScrollArea, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../src-shared/contract/routers';

type Secret = ImportPreview['secrets'][number];

/** A new customer's details as the user edits them (prefilled from the secret's comment). */
export interface CustomerDraft {
  name: string;
  phone: string;
}

/** Field errors from the server, by `<secret>.name` / `<secret>.phone`, already translated. */
export type DraftErrors = Record<string, string>;

/**
 * The router's secrets: which to import, and for a new customer the name and phone to save, editable
 * here (the server checks them like the customer form; its messages appear under the field).
 */
export function ImportSecretsTable({
  secrets,
  selected,
  onToggle,
  drafts,
  onDraft,
  errors,
  profileKnown,
}: {
  secrets: Secret[];
  selected: Set<string>;
  onToggle: (name: string, on: boolean) => void;
  drafts: Record<string, CustomerDraft>;
  onDraft: (name: string, patch: Partial<CustomerDraft>) => void;
  errors: DraftErrors;
  profileKnown: (profile: string) => boolean;
}) {
  const { t } = useTranslation('network');
  return (
    <ScrollArea h={360}>
      <Table striped withTableBorder stickyHeader data-testid="import-secrets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} />
            <Table.Th>{t('import.username')}</Table.Th>
            <Table.Th>{t('import.profile')}</Table.Th>
            <Table.Th>{t('import.comment')}</Table.Th>
            <Table.Th miw={200}>{t('import.customer')}</Table.Th>
            <Table.Th miw={150}>{t('import.phone')}</Table.Th>
            <Table.Th>IP</Table.Th>
            <Table.Th>{t('import.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {secrets.slice(0, 2000).map((s) => {
            const noPackage = !s.conflict && !profileKnown(s.profile);
            const isNew = !s.existingCustomerId;
            const d = drafts[s.name];
            const on = selected.has(s.name);
            return (
              <Table.Tr key={s.name} data-secret={s.name}>
                <Table.Td>
                  <Checkbox
                    aria-label={t('import.acceptSecret', { name: s.name })}
                    disabled={!!s.conflict}
                    checked={on}
                    onChange={(e) => onToggle(s.name, e.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {s.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.profile}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{s.comment ?? ''}</Text>
                </Table.Td>
                <Table.Td>
                  {isNew && d && !s.conflict ? (
                    <TextInput
                      size="xs"
                      aria-label={t('import.customerName', { name: s.name })}
                      description={s.customerCode ? t('import.newWithCode', { code: s.customerCode }) : undefined}
                      value={d.name}
                      disabled={!on}
                      error={errors[`${s.name}.name`]}
                      onChange={(e) => onDraft(s.name, { name: e.currentTarget.value })}
                    />
                  ) : (
                    <Text size="xs">
                      {s.existingCustomerName ? `${s.customerCode} · ${s.existingCustomerName}` : '—'}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {isNew && d && !s.conflict && (
                    <TextInput
                      size="xs"
                      type="tel"
                      aria-label={t('import.customerPhone', { name: s.name })}
                      value={d.phone}
                      disabled={!on}
                      error={errors[`${s.name}.phone`]}
                      onChange={(e) => onDraft(s.name, { phone: e.currentTarget.value })}
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{s.remoteAddress ?? ''}</Text>
                </Table.Td>
                <Table.Td>
                  {s.conflict ? (
                    <Badge color="red" size="sm" tt="none">
                      {t(`import.conflict.${s.conflict}`)}
                    </Badge>
                  ) : noPackage ? (
                    <Badge color="yellow" size="sm" tt="none">
                      {t('import.needsPackage')}
                    </Badge>
                  ) : s.disabled ? (
                    <Badge color="gray" size="sm" tt="none">
                      {t('import.disabled')}
                    </Badge>
                  ) : (
                    <Badge color="teal" size="sm" tt="none">
                      {t('import.ok')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
