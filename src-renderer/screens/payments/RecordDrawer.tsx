import { Button, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResult } from '../../../src-shared/result';
import { MoneyText, StatusBadge } from '../../components';
import { useFormat } from '../../lib/format';
import { DocumentActions, type DocRequest } from './DocumentButtons';
import { VoidDialog } from './VoidDialog';

/** One labelled figure of a record. */
export function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {value}
      </Text>
    </Stack>
  );
}

/** A voided row kept in a list for the trail: struck through and faded. */
export const STRUCK = { textDecoration: 'line-through', opacity: 0.6 } as const;

/** A record's allocations (to invoices, from payments): one row each, struck through when voided. */
export function AllocationTable({ rows }: { rows: { live: boolean; cells: ReactNode[]; amount: number }[] }) {
  return (
    <Table verticalSpacing={4}>
      <Table.Tbody>
        {rows.map((r, i) => (
          <Table.Tr key={i} style={r.live ? undefined : STRUCK}>
            {r.cells.map((c, j) => (
              <Table.Td key={j}>{c}</Table.Td>
            ))}
            <Table.Td ta="right">
              <MoneyText amount={r.amount} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The drawer of one money record (invoice, payment, refund), titled with its number; the body
 * (`RecordBody`) shows once the record is loaded.
 */
export function RecordDrawer({
  opened,
  onClose,
  number,
  testId,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  /** The record's number; undefined while loading. */
  number: string | undefined;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation('billing');
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>{number ?? t('common:loading')}</Text>}
      data-testid={testId}
    >
      {children}
    </Drawer>
  );
}

/**
 * A money record's body: status and documents on top, its facts, who voided it and why, what it was
 * allocated to, and "Void" with a required reason (nothing financial is deleted).
 */
export function RecordBody({
  status,
  document,
  prints,
  children,
  voided,
  below,
  canVoid,
  voidAction,
}: {
  /** The status badge on top (its word, and the label when not the common one). */
  status: { status: string; label?: string };
  /** The record's document, with its print and download buttons beside the status. */
  document: DocRequest;
  /** How often a receipt was printed: its print button then says "reprint" after the first. */
  prints?: number;
  /** The facts. */
  children: ReactNode;
  /** Who voided it, when and why; null while it stands. */
  voided: { by: string | null; at: string | null; reason: string | null } | null;
  /** After the void note (allocations). */
  below?: ReactNode;
  /** Whether the Void button shows: the user may void and the record stands. */
  canVoid: boolean;
  voidAction: {
    label: string;
    testId: string;
    title: string;
    help: string;
    onVoid: (reason: string) => Promise<ApiResult<unknown>>;
  };
}) {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const [voiding, setVoiding] = useState(false);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <StatusBadge status={status.status} label={status.label} size="lg" />
        <DocumentActions
          req={document}
          size="sm"
          printLabel={prints === undefined ? undefined : prints > 0 ? t('payment.reprint') : t('doc.print')}
        />
      </Group>
      {children}
      {voided && (
        <Text size="sm" c="red">
          {t('voidedBy', { name: voided.by ?? '—', at: f.dateTime(voided.at), reason: voided.reason ?? '' })}
        </Text>
      )}
      {below}
      {canVoid && (
        <Group>
          <Button
            color="red"
            variant="light"
            leftSection={<IconBan size={16} />}
            onClick={() => setVoiding(true)}
            data-testid={voidAction.testId}
          >
            {voidAction.label}
          </Button>
        </Group>
      )}
      <VoidDialog
        opened={voiding}
        title={voidAction.title}
        message={voidAction.help}
        onClose={() => setVoiding(false)}
        onVoid={voidAction.onVoid}
      />
    </Stack>
  );
}
