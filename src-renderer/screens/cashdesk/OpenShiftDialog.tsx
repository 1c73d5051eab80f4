import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Shift } from '../../../src-shared/contract/billing';
import { api } from '../../api/client';
import { applyApiError, MoneyInput, rupiahRule, rupiahValue } from '../../components';

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
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('shift.openTitle')}</Text>} centered>
      <form
        onSubmit={form.onSubmit(async (v) => {
          const r = await api('shifts.open', { openingCash: rupiahValue(v.openingCash)!, notes: v.notes });
          if (!r.ok) return void applyApiError(form, r.error);
          form.reset();
          onOpened(r.value);
        })}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('shift.openHelp')}
          </Text>
          <MoneyInput label={t('shift.openingCash')} data-autofocus {...form.getInputProps('openingCash')} />
          <Textarea label={t('notes')} autosize minRows={1} {...form.getInputProps('notes')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={form.submitting} data-testid="open-shift-submit">
              {t('shift.open')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
