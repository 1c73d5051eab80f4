import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { MoneyText } from '../../components';
import { useFormat } from '../../lib/format';
import { STRUCK } from '../payments/RecordDrawer';

/** Resellers' top-ups taken in the shift: cash ones are in the expected cash; reversed ones are struck through. */
export function ShiftTopUps({ topUps }: { topUps: OutputOf<'shifts.close'>['topUps'] }) {
  const { t } = useTranslation('billing');
  const f = useFormat();
  if (!topUps.length) return null;
  return (
    <>
      <Text fw={600} size="sm">
        {t('shift.topUps')}
      </Text>
      <Table striped verticalSpacing={2} data-testid="shift-topups">
        <Table.Tbody>
          {topUps.map((m) => (
            <Table.Tr key={m.id} style={m.reversed ? STRUCK : undefined}>
              <Table.Td>
                {m.resellerCode} {m.resellerName}
                {m.reversed && ` (${t('shift.topUpReversed')})`}
              </Table.Td>
              <Table.Td>{f.dateTime(m.at)}</Table.Td>
              <Table.Td>{t(`method.${m.method}`)}</Table.Td>
              <Table.Td ta="right">
                <MoneyText amount={m.amount} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
