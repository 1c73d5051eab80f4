import { Alert, Button, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairFailure } from '../../src-shared/seat-api';

/** Which field a refusal belongs to; the rest are shown above the form. */
const FIELD_OF: Partial<Record<PairFailure, 'address' | 'code'>> = {
  bad_address: 'address',
  wrong_code: 'code',
  rate_limited: 'code',
};

/**
 * "Hubungkan ke PC kantor" on the sign-in and first-run pages of the desktop app (window.pppoeSeat is
 * there only): the office PC's address and its pairing code (Pengaturan → Jaringan kantor on that PC);
 * on success the app restarts as a seat of that office. Renders nothing in a browser.
 */
export function PairWithOffice() {
  const { t } = useTranslation('seat');
  const [opened, setOpened] = useState(false);
  if (typeof window === 'undefined' || !window.pppoeSeat) return null;
  return (
    <>
      <Button
        variant="subtle"
        color="gray"
        leftSection={<IconPlugConnected size={16} />}
        onClick={() => setOpened(true)}
        fullWidth
      >
        {t('pair.open')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={<Text fw={600}>{t('pair.title')}</Text>} centered>
        {opened && <PairForm />}
      </Modal>
    </>
  );
}

function PairForm() {
  const { t } = useTranslation('seat');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [paired, setPaired] = useState<string | null>(null);
  const form = useForm({
    initialValues: { address: '', code: '' },
    validate: {
      address: (v) => (v.trim() ? null : t('pair.addressRequired')),
      code: (v) => (v.trim() ? null : t('pair.codeRequired')),
    },
  });

  const submit = async (v: { address: string; code: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await window.pppoeSeat!.pair(v.address, v.code);
      if (r.ok) return setPaired(r.officeName);
      const field = FIELD_OF[r.reason];
      if (field) form.setFieldError(field, t(`pair.reasons.${r.reason}`));
      else setProblem(t(`pair.reasons.${r.reason}`));
    } catch {
      setProblem(t('pair.reasons.unreachable'));
    } finally {
      setBusy(false);
    }
  };

  if (paired !== null)
    return (
      <Alert color="teal" data-testid="pair-done">
        {t('pair.done', { office: paired || t('office') })}
      </Alert>
    );
  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))}>
      <Stack gap="sm">
        <Text size="sm">{t('pair.intro')}</Text>
        {problem && (
          <Alert color="red" data-testid="pair-problem">
            {problem}
          </Alert>
        )}
        <TextInput
          label={t('pair.address')}
          description={t('pair.addressHint')}
          placeholder="192.168.1.10:8443"
          autoFocus
          {...form.getInputProps('address')}
        />
        <TextInput label={t('pair.code')} placeholder="ABCD-EFGH" autoComplete="off" {...form.getInputProps('code')} />
        <Text size="xs" c="dimmed">
          {t('pair.dataNote')}
        </Text>
        <Button type="submit" loading={busy}>
          {t('pair.submit')}
        </Button>
      </Stack>
    </form>
  );
}
