import { Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMappingInput } from '../../../src-shared/contract/bank-statements';
import { api } from '../../api/client';
import { notifyApiError } from '../../components';

const DATE_FORMATS = ['dmy', 'mdy', 'ymd', 'd_month_y'] as const;

/**
 * The column-mapping step for a bank without a built-in layout: the file's first rows, which row starts
 * the transactions and which column holds what. Saved under a name and offered again next time.
 */
export function MappingEditor(props: {
  sample: string[][];
  loadSample: () => void;
  onMapped: (m: ColumnMappingInput) => void;
}) {
  const { t } = useTranslation('bank');
  const { sample } = props;
  const width = sample.reduce((w, r) => Math.max(w, r.length), 0);
  const [v, setV] = useState({
    name: '',
    firstRow: '1',
    date: '0',
    dateFormat: 'dmy',
    description: '1',
    reference: '',
    kind: 'columns',
    credit: '2',
    debit: '',
    numberFormat: 'id',
  });
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (value: string | null) => setV((s) => ({ ...s, [k]: value ?? '' }));
  const header = sample[Math.max(0, Number(v.firstRow) - 1)] ?? [];
  const columns = Array.from({ length: width }, (_, i) => ({
    value: String(i),
    label: `${t('mapping.column', { n: i + 1 })}${header[i] ? `: ${header[i]}` : ''}`,
  }));
  const optional = [{ value: '', label: t('mapping.none') }, ...columns];

  if (!sample.length)
    return (
      <Group>
        <Button variant="light" onClick={props.loadSample} data-testid="bank-load-sample">
          {t('mapping.load')}
        </Button>
      </Group>
    );

  const save = async () => {
    const mapping: ColumnMappingInput = {
      firstRow: Number(v.firstRow),
      date: Number(v.date),
      dateFormat: v.dateFormat as ColumnMappingInput['dateFormat'],
      description: [Number(v.description)],
      ...(v.reference ? { reference: Number(v.reference) } : {}),
      numberFormat: v.numberFormat as 'id' | 'en',
      amount:
        v.kind === 'signed'
          ? { kind: 'signed', column: Number(v.credit) }
          : { kind: 'columns', credit: Number(v.credit), ...(v.debit ? { debit: Number(v.debit) } : {}) },
    };
    setBusy(true);
    const r = await api('bankMappings.save', { name: v.name, mapping });
    setBusy(false);
    if (!r.ok) return notifyApiError(r.error);
    props.onMapped(r.value.mapping);
  };

  return (
    <Card withBorder data-testid="bank-mapping">
      <Stack gap="sm">
        <Text fw={600}>{t('mapping.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('mapping.hint')}
        </Text>
        <Table withTableBorder withColumnBorders fz="xs">
          <Table.Tbody>
            {sample.map((row, i) => (
              <Table.Tr key={i} bg={i === Number(v.firstRow) ? 'var(--mantine-color-teal-light)' : undefined}>
                <Table.Td c="dimmed">{i + 1}</Table.Td>
                {Array.from({ length: width }, (_, c) => (
                  <Table.Td key={c}>{row[c] ?? ''}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('mapping.name')}
            value={v.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            data-testid="mapping-name"
          />
          <Select
            label={t('mapping.firstRow')}
            data={sample.map((_, i) => ({ value: String(i), label: String(i + 1) }))}
            value={v.firstRow}
            onChange={set('firstRow')}
            allowDeselect={false}
          />
          <Select
            label={t('mapping.date')}
            data={columns}
            value={v.date}
            onChange={set('date')}
            allowDeselect={false}
          />
          <Select
            label={t('mapping.dateFormat')}
            data={DATE_FORMATS.map((d) => ({ value: d, label: t(`mapping.dateFormats.${d}`) }))}
            value={v.dateFormat}
            onChange={set('dateFormat')}
            allowDeselect={false}
          />
          <Select
            label={t('mapping.description')}
            data={columns}
            value={v.description}
            onChange={set('description')}
            allowDeselect={false}
          />
          <Select label={t('mapping.reference')} data={optional} value={v.reference} onChange={set('reference')} />
          <Select
            label={t('mapping.kind')}
            data={[
              { value: 'columns', label: t('mapping.kinds.columns') },
              { value: 'signed', label: t('mapping.kinds.signed') },
            ]}
            value={v.kind}
            onChange={set('kind')}
            allowDeselect={false}
          />
          <Select
            label={v.kind === 'signed' ? t('mapping.amount') : t('mapping.credit')}
            data={columns}
            value={v.credit}
            onChange={set('credit')}
            allowDeselect={false}
          />
          {v.kind === 'columns' && (
            <Select label={t('mapping.debit')} data={optional} value={v.debit} onChange={set('debit')} />
          )}
          <Select
            label={t('mapping.numberFormat')}
            data={[
              { value: 'id', label: t('mapping.numberFormats.id') },
              { value: 'en', label: t('mapping.numberFormats.en') },
            ]}
            value={v.numberFormat}
            onChange={set('numberFormat')}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Group>
          <Button onClick={() => void save()} loading={busy} data-testid="mapping-save">
            {t('mapping.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
