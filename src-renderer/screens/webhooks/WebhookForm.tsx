import { Checkbox, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { WebhookEndpoint } from '../../../src-shared/contract/webhooks';
import { WEBHOOK_EVENTS, type WebhookEventType } from '../../../src-shared/webhook-events';
import { api } from '../../api/client';
import { applyApiError, FormDialog, useResetOnOpen } from '../../components';

interface Values {
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
}

interface Props {
  opened: boolean;
  /** The endpoint to edit; null: a new one. */
  endpoint: WebhookEndpoint | null;
  onClose: () => void;
  /** A new endpoint comes with its secret (shown once by the caller). */
  onSaved: (endpoint: WebhookEndpoint, secret: string | null) => void;
}

/** The same rule as the server's: an http(s) URL with a host. */
function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export const eventKey = (e: string) => `event.${e.replace('.', '_')}`;

/** Add or edit an endpoint: URL, description, the events to send, on/off. */
export function WebhookForm({ opened, endpoint, onClose, onSaved }: Props) {
  const { t } = useTranslation('webhooks');
  const initial = (): Values => ({
    url: endpoint?.url ?? '',
    description: endpoint?.description ?? '',
    events: endpoint?.events ?? [],
    enabled: endpoint?.enabled ?? true,
  });
  const form = useForm<Values>({
    initialValues: initial(),
    validate: {
      url: (v) => (!v.trim() ? t('urlRequired') : isHttpUrl(v) ? null : t('urlInvalid')),
      events: (v) => (v.length ? null : t('eventsRequired')),
    },
  });
  useResetOnOpen(form, opened, endpoint?.id ?? 'new', initial);

  const submit = form.onSubmit(async (v) => {
    const fields = {
      url: v.url.trim(),
      description: v.description || null,
      events: v.events as WebhookEventType[],
      enabled: v.enabled,
    };
    if (endpoint) {
      const r = await api('webhooks.update', { id: endpoint.id, ...fields });
      if (!r.ok) return void applyApiError(form, r.error);
      onSaved(r.value, null);
    } else {
      const r = await api('webhooks.create', fields);
      if (!r.ok) return void applyApiError(form, r.error);
      onSaved(r.value.endpoint, r.value.secret);
    }
  });

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{endpoint ? t('editTitle') : t('createTitle')}</Text>}
      centered
      size="lg"
      data-testid="webhook-form"
      onSubmit={submit}
      submitting={form.submitting}
      submitLabel={endpoint ? t('save') : t('create')}
      footerMt="sm"
    >
      <TextInput
        label={t('field.url')}
        description={t('urlHelp')}
        placeholder="https://"
        data-autofocus
        withAsterisk
        {...form.getInputProps('url')}
      />
      <TextInput
        label={t('field.description')}
        description={t('descriptionHelp')}
        {...form.getInputProps('description')}
      />
      <Checkbox.Group label={t('field.events')} withAsterisk {...form.getInputProps('events')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing={6}>
          {WEBHOOK_EVENTS.map((e) => (
            <Checkbox key={e} value={e} label={t(eventKey(e))} description={e} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Switch label={t('field.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
    </FormDialog>
  );
}
