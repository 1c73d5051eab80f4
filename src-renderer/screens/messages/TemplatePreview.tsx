import { Alert, Button, Code, Group, Paper, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTBOX_KINDS, type OutboxRowView } from '../../../src-shared/contract/messaging';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { notifyApiError, translateApiMessage } from '../../components';

type Kind = OutboxRowView['kind'];

/** A kind's WhatsApp text, previewed for a real customer before it is saved; unknown placeholders are refused. */
export function TemplatePreview() {
  const { t, i18n } = useTranslation('messages');
  const kinds = useApiQuery('messages.kinds', {});
  const [kind, setKind] = useState<Kind>('bill_issued');
  const [customerId, setCustomerId] = useState('');
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ text: string | null; problem: string | null; to: string | null } | null>(null);
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'id';
  const placeholders = kinds.data?.find((k) => k.kind === kind)?.placeholders ?? [];

  const preview = async () => {
    const r = await api('messages.preview', {
      kind,
      customerId: Number(customerId),
      channel: 'whatsapp',
      lang,
      ...(text.trim() ? { texts: { whatsapp: text } } : {}),
    });
    if (!r.ok) return notifyApiError(r.error);
    setResult({ text: r.value.text, problem: r.value.problem, to: r.value.recipient });
  };
  const saveText = async () => {
    const k = kinds.data?.find((x) => x.kind === kind);
    if (!k) return;
    const r = await api('messages.saveKind', {
      kind,
      enabled: k.enabled,
      days: k.days,
      texts: { ...k.texts, [lang]: { ...k.texts[lang], whatsapp: text } },
    });
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('preview.savedText') });
    kinds.refetch();
  };

  return (
    <Paper withBorder p="md" maw={720}>
      <Stack gap="sm">
        <Text fw={650}>{t('preview.title')}</Text>
        <Group grow>
          <Select
            label={t('preview.kind')}
            value={kind}
            onChange={(v) => v && setKind(v as Kind)}
            data={OUTBOX_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            allowDeselect={false}
          />
          <TextInput
            label={t('preview.customer')}
            value={customerId}
            onChange={(e) => setCustomerId(e.currentTarget.value)}
          />
        </Group>
        <Textarea
          label={t('preview.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={4}
          description={placeholders.map((p) => `{${p}}`).join(' ')}
        />
        <Group>
          <Button onClick={() => void preview()} disabled={!customerId.trim()}>
            {t('preview.run')}
          </Button>
          <Button variant="default" onClick={() => void saveText()} disabled={!text.trim()}>
            {t('preview.saveText')}
          </Button>
        </Group>
        {result?.problem && <Alert color="red">{translateApiMessage(result.problem)}</Alert>}
        {result?.text && (
          <Stack gap={4} data-testid="template-preview">
            <Text size="sm" c="dimmed">
              {result.to ? t('preview.to', { to: result.to }) : t('preview.noRecipient')}
            </Text>
            <Code block>{result.text}</Code>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
