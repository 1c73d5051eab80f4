import { Button, Group, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { api } from '../../api/client';
import { applyApiError } from '../../components/apiError';
import { toInput, type ChannelName, type Values } from './channelValues';
import { TestAnswer } from './TestAnswer';

/** "Kirim uji": one short message with the settings as typed (nothing saved), and the provider's answer as it came. */
export function TestSend({ form, channel }: { form: UseFormReturnType<Values>; channel: ChannelName }) {
  const { t } = useTranslation('messages');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<OutputOf<'messages.testChannel'> | null>(null);

  const run = async () => {
    setBusy(true);
    setAnswer(null);
    const r = await api('messages.testChannel', { ...toInput(channel, form.values), to: form.values.to });
    setBusy(false);
    if (!r.ok) return void applyApiError(form, r.error);
    setAnswer(r.value);
  };

  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <TextInput
          label={t(channel === 'email' ? 'test.toEmail' : 'test.toPhone')}
          {...form.getInputProps('to')}
          w={280}
        />
        <Button variant="light" onClick={() => void run()} loading={busy}>
          {t('test.send')}
        </Button>
      </Group>
      {answer && <TestAnswer answer={answer} testId="test-answer" />}
    </Stack>
  );
}
