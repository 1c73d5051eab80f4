import { ActionIcon, Button, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp, IconLink } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCan } from '../../app/session';
import { notifyApiError, translateApiMessage } from '../../components';

/** Copies text; false where the browser refuses (no secure context, permission denied). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * "Salin link bayar" and "Kirim via WhatsApp" for one open bill: the portal's `/bayar/<token>` page
 * (invoices.payLink) copied for the staff to paste anywhere, or click-to-chat with it. Without a
 * portal address the server says what to set; the full form shows that under the buttons, the compact
 * form (list rows, cash desk) as a notification.
 */
export function PayLinkActions({ invoiceId, compact = false }: { invoiceId: number; compact?: boolean }) {
  const { t } = useTranslation('billing');
  const can = useCan();
  const [busy, setBusy] = useState<'copy' | 'wa' | null>(null);
  const [shown, setShown] = useState<{ url: string; copied: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const copy = async () => {
    setBusy('copy');
    const r = await api('invoices.payLink', { invoiceId });
    setBusy(null);
    if (!r.ok) {
      if (compact) return notifyApiError(r.error);
      setShown(null);
      return setProblem(translateApiMessage(r.error.message));
    }
    const copied = await copyText(r.value.url);
    setProblem(null);
    setShown({ url: r.value.url, copied });
    notifications.show({
      color: copied ? 'teal' : 'yellow',
      message: copied ? t('payLink.copied', { url: r.value.url }) : t('payLink.copyFailed', { url: r.value.url }),
    });
  };

  const whatsapp = async () => {
    setBusy('wa');
    const r = await api('invoices.payLinkWhatsApp', { invoiceId });
    setBusy(null);
    if (!r.ok) {
      if (compact) return notifyApiError(r.error);
      return setProblem(translateApiMessage(r.error.message));
    }
    setProblem(null);
    window.open(r.value.url, '_blank', 'noopener,noreferrer');
  };

  const withWa = can('messages.send');
  if (compact)
    return (
      <Group gap={4} wrap="nowrap" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
        <Tooltip label={t('payLink.copy')}>
          <ActionIcon
            variant="subtle"
            aria-label={t('payLink.copy')}
            loading={busy === 'copy'}
            onClick={() => void copy()}
            data-testid="pay-link-copy"
          >
            <IconLink size={16} />
          </ActionIcon>
        </Tooltip>
        {withWa && (
          <Tooltip label={t('payLink.whatsapp')}>
            <ActionIcon
              variant="subtle"
              color="green"
              aria-label={t('payLink.whatsapp')}
              loading={busy === 'wa'}
              onClick={() => void whatsapp()}
              data-testid="pay-link-wa"
            >
              <IconBrandWhatsapp size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    );

  return (
    <Stack gap={6} data-testid="pay-link">
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconLink size={16} />}
          loading={busy === 'copy'}
          onClick={() => void copy()}
        >
          {t('payLink.copy')}
        </Button>
        {withWa && (
          <Button
            size="xs"
            variant="light"
            color="green"
            leftSection={<IconBrandWhatsapp size={16} />}
            loading={busy === 'wa'}
            onClick={() => void whatsapp()}
          >
            {t('payLink.whatsapp')}
          </Button>
        )}
      </Group>
      {problem && (
        <Text size="xs" c="red" role="alert" data-testid="pay-link-problem">
          {problem}
        </Text>
      )}
      {shown && (
        <TextInput
          size="xs"
          readOnly
          value={shown.url}
          label={shown.copied ? t('payLink.copiedLabel') : t('payLink.copyByHand')}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="pay-link-url"
        />
      )}
    </Stack>
  );
}
