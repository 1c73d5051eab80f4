import { Checkbox, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { API_SCOPES, DEFAULT_KEY_RATE_PER_MINUTE, MAX_KEY_RATE_PER_MINUTE } from '../../../src-shared/api-scopes';
import type { ApiKey } from '../../../src-shared/contract/api-keys';
import { api } from '../../api/client';
import { applyApiError, FormDialog, IntegerInput, integerRule, integerValue, useResetOnOpen } from '../../components';

interface Values {
  name: string;
  scopes: string[];
  allowedIps: string;
  expiresAt: string;
  ratePerMinute: string;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The new key and its secret (shown once by the caller). */
  onCreated: (key: ApiKey, secret: string) => void;
}

const RATE = { min: 1, max: MAX_KEY_RATE_PER_MINUTE };

/** Create an API key: name, scopes, allowed addresses (one per line), optional expiry, requests per minute. */
export function ApiKeyForm({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation('apiKeys');
  const initial = (): Values => ({
    name: '',
    scopes: [],
    allowedIps: '',
    expiresAt: '',
    ratePerMinute: String(DEFAULT_KEY_RATE_PER_MINUTE),
  });
  const form = useForm<Values>({
    initialValues: initial(),
    validate: {
      name: (v) => (v.trim() ? null : t('nameRequired')),
      scopes: (v) => (v.length ? null : t('scopesRequired')),
      ratePerMinute: integerRule(RATE),
    },
  });
  useResetOnOpen(form, opened, 'new', initial);

  const submit = form.onSubmit(async (v) => {
    const ips = v.allowedIps
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const r = await api('apiKeys.create', {
      name: v.name,
      scopes: v.scopes as (typeof API_SCOPES)[number][],
      ...(ips.length ? { allowedIps: ips } : {}),
      ...(v.expiresAt ? { expiresAt: new Date(v.expiresAt).toISOString() } : {}),
      ratePerMinute: integerValue(v.ratePerMinute, RATE),
    });
    if (!r.ok) return void applyApiError(form, r.error);
    onCreated(r.value.key, r.value.secret);
  });

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{t('createTitle')}</Text>}
      centered
      size="lg"
      data-testid="api-key-form"
      onSubmit={submit}
      submitting={form.submitting}
      submitLabel={t('create')}
      footerMt="sm"
    >
      <TextInput
        label={t('field.name')}
        description={t('nameHelp')}
        data-autofocus
        withAsterisk
        {...form.getInputProps('name')}
      />
      <Checkbox.Group label={t('field.scopes')} withAsterisk {...form.getInputProps('scopes')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing={6}>
          {API_SCOPES.map((s) => (
            <Checkbox key={s} value={s} label={t(`scope.${s.replace(':', '_')}`)} description={s} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Textarea
        label={t('field.allowedIps')}
        description={t('allowedIpsHelp')}
        autosize
        minRows={2}
        placeholder={'203.0.113.7\n10.0.0.0/24'}
        {...form.getInputProps('allowedIps')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="datetime-local"
          label={t('field.expiresAt')}
          description={t('expiresHelp')}
          {...form.getInputProps('expiresAt')}
        />
        <IntegerInput
          label={t('field.ratePerMinute')}
          description={t('rateHelp')}
          {...form.getInputProps('ratePerMinute')}
        />
      </SimpleGrid>
    </FormDialog>
  );
}
