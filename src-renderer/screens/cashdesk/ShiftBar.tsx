import { Badge, Button, Group, Paper, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { OutputOf } from '../../../src-shared/contract';
import { useCan } from '../../app/session';
import { MoneyText } from '../../components';
import { useFormat } from '../../lib/format';

/** The cashier's shift above the desk: what the drawer should hold, or a button to open a shift. */
export function ShiftBar({
  shift,
  loading,
  onOpenShift,
}: {
  shift: OutputOf<'shifts.current'>;
  loading: boolean;
  onOpenShift: () => void;
}) {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const can = useCan();
  return (
    <Paper withBorder radius="md" p="sm" data-testid="shift-bar">
      {shift ? (
        <Group justify="space-between">
          <Group gap="lg">
            <Badge color="teal" variant="light">
              {t('shift.openBadge', { id: shift.id })}
            </Badge>
            <Text size="sm">
              {t('shift.since', { at: f.dateTime(shift.openedAt) })} · {t('shift.openingCash')}:{' '}
              <MoneyText amount={shift.openingCash} /> · {t('shift.expectedCash')}:{' '}
              <MoneyText amount={shift.expectedCash} fw={600} /> · {t('shift.payments', { count: shift.paymentsCount })}
            </Text>
          </Group>
          <Button component={Link} href="~/shifts" size="xs" variant="default">
            {t('shift.closeGo')}
          </Button>
        </Group>
      ) : (
        <Group justify="space-between">
          <Group gap="xs">
            <IconAlertTriangle size={18} color="var(--mantine-color-orange-6)" />
            <Text size="sm">{loading ? t('common:loading') : t('shift.none')}</Text>
          </Group>
          {can('shifts.use') && (
            <Button size="xs" onClick={onOpenShift} data-testid="open-shift">
              {t('shift.open')}
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
}
