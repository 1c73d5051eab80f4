import { Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Shift } from '../../../src-shared/contract/shifts';
import { api } from '../../api/client';
import { applyApiError, MoneyInput, rupiahRule, rupiahValue, FormDialog } from '../../components';

/** Opens the caller's cash shift with the starting cash in the drawer. */
export function OpenShiftDialog({
  opened,
  onClose,
  onOpened,
}: {
  opened: boolean;
  onClose: () => void;
  onOpened: (s: Shift) => void;
}) {
  const { t } = useTranslation('billing');
  const form = useForm<{ openingCash: string; notes: string }>({
    initialValues: { openingCash: 'Rp 0', notes: '' },
    validate: { openingCash: rupiahRule() },
    validateInputOnBlur: ['openingCash'],
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{t('shift.openTitle')}</Text>}
      centered
      onSubmit={form.onSubmit(async (v) => {
        const r = await api('shifts.open', { openingCash: rupiahValue(v.openingCash)!, notes: v.notes });
        if (!r.ok) return void applyApiError(form, r.error);
        form.reset();
        onOpened(r.value);
      })}
      submitting={form.submitting}
      submitLabel={t('shift.open')}
      submitTestId="open-shift-submit"
    >
      <Text size="sm" c="dimmed">
        {t('shift.openHelp')}
      </Text>
      <MoneyInput label={t('shift.openingCash')} data-autofocus {...form.getInputProps('openingCash')} />
      <Textarea label={t('notes')} autosize minRows={1} {...form.getInputProps('notes')} />
    </FormDialog>
  );
}
