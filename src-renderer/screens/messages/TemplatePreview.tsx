import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import {
  OUTBOX_KINDS,
  TEXT_PARTS,
  type KindView,
  type MessageChannel,
  type OutboxRowView,
  type TextPart,
} from '../../../src-shared/contract/messaging';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { notifyApiError, translateApiMessage } from '../../components';
import { languageOptions } from '../settings/options';

type Kind = OutboxRowView['kind'];
type Lang = 'id' | 'en';

/** The channel whose message shows a part: the WhatsApp text is also the e-mail's body. */
const PART_CHANNEL: Record<TextPart, MessageChannel> = {
  whatsapp: 'whatsapp',
  sms: 'sms',
  subject: 'email',
  pushTitle: 'push',
  pushBody: 'push',
};

/**
 * Pesan → Templat: every part of a kind's text (WhatsApp and e-mail body, SMS, e-mail subject, push
 * title and body) in either language, opened with the text in use (the ISP's own or the app's default),
 * previewed for a real customer before it is saved; an unknown placeholder is refused naming the field.
 */
export function TemplatePreview() {
  const { t, i18n } = useTranslation('messages');
  const kinds = useApiQuery('messages.kinds', {});
  const [kind, setKind] = useState<Kind>('bill_issued');
  const [part, setPart] = useState<TextPart>('whatsapp');
  const [lang, setLang] = useState<Lang>(i18n.resolvedLanguage === 'en' ? 'en' : 'id');
  // The customer and the sample announcement stay while parts and kinds change.
  const [customerId, setCustomerId] = useState('');
  const [sample, setSample] = useState('');
  const view = kinds.data?.find((k) => k.kind === kind);

  return (
    <Paper withBorder p="md" maw={720}>
      <Stack gap="sm">
        <Text fw={650}>{t('preview.title')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('preview.kind')}
            value={kind}
            onChange={(v) => v && setKind(v as Kind)}
            data={OUTBOX_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            allowDeselect={false}
          />
          <Select
            label={t('preview.part')}
            value={part}
            onChange={(v) => v && setPart(v as TextPart)}
            data={TEXT_PARTS.map((p) => ({ value: p, label: t(`preview.parts.${p}`) }))}
            allowDeselect={false}
          />
          <Select
            label={t('preview.lang')}
            value={lang}
            onChange={(v) => v && setLang(v as Lang)}
            data={languageOptions}
            allowDeselect={false}
          />
        </SimpleGrid>
        {view && (
          // Keyed by what is shown and what is stored: a new choice or a save opens the text afresh.
          <PartEditor
            key={JSON.stringify([kind, part, lang, view.texts[lang][part] ?? null])}
            view={view}
            part={part}
            lang={lang}
            reload={kinds.refetch}
            customerId={customerId}
            setCustomerId={setCustomerId}
            sample={sample}
            setSample={setSample}
          />
        )}
      </Stack>
    </Paper>
  );
}

interface PartEditorProps {
  view: KindView;
  part: TextPart;
  lang: Lang;
  reload: () => void;
  customerId: string;
  setCustomerId: (v: string) => void;
  sample: string;
  setSample: (v: string) => void;
}

function PartEditor({ view, part, lang, reload, customerId, setCustomerId, sample, setSample }: PartEditorProps) {
  const { t } = useTranslation('messages');
  const own = view.texts[lang][part];
  const [text, setText] = useState(own ?? view.defaults[lang][part]);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<OutputOf<'messages.preview'> | null>(null);
  const [busy, setBusy] = useState(false);

  const preview = async () => {
    setResult(null);
    const r = await api('messages.preview', {
      kind: view.kind,
      customerId: Number(customerId),
      channel: PART_CHANNEL[part],
      lang,
      texts: { [part]: text },
      ...(view.kind === 'broadcast' && sample.trim() ? { broadcastText: sample } : {}),
    });
    if (!r.ok) return notifyApiError(r.error);
    setResult(r.value);
  };
  /** Saves this part (`value`), or drops the ISP's own text so the default is used again (`null`). */
  const save = async (value: string | null) => {
    const { [part]: _dropped, ...others } = view.texts[lang];
    setBusy(true);
    const r = await api('messages.saveKind', {
      kind: view.kind,
      enabled: view.enabled,
      days: view.days,
      texts: { ...view.texts, [lang]: value === null ? others : { ...others, [part]: value } },
    });
    setBusy(false);
    if (!r.ok) {
      const issue = r.error.issues?.find((i) => i.path === `texts.${lang}.${part}`);
      return issue ? setError(translateApiMessage(issue.message)) : notifyApiError(r.error);
    }
    setError(null);
    notifications.show({ color: 'teal', message: t(value === null ? 'preview.reset' : 'preview.savedText') });
    reload();
  };

  return (
    <Stack gap="sm" data-testid="template-editor">
      <Group gap="xs">
        <Badge variant="light" color={own === undefined ? 'gray' : 'blue'}>
          {t(own === undefined ? 'preview.usingDefault' : 'preview.usingOwn')}
        </Badge>
      </Group>
      <Textarea
        label={t('preview.text')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={part === 'subject' || part === 'pushTitle' ? 1 : 4}
        description={view.placeholders.map((p) => `{${p}}`).join(' ')}
        error={error}
      />
      {view.kind === 'broadcast' && (
        <TextInput
          label={t('preview.broadcastText')}
          value={sample}
          onChange={(e) => setSample(e.currentTarget.value)}
          maxLength={1000}
        />
      )}
      <Group align="flex-end">
        <TextInput
          label={t('preview.customer')}
          value={customerId}
          onChange={(e) => setCustomerId(e.currentTarget.value)}
          inputMode="numeric"
          w={200}
        />
        <Button onClick={() => void preview()} disabled={!/^\d+$/.test(customerId.trim())}>
          {t('preview.run')}
        </Button>
        <Button
          variant="default"
          loading={busy}
          onClick={() => void save(text)}
          disabled={!text.trim() || text === (own ?? view.defaults[lang][part])}
        >
          {t('preview.saveText')}
        </Button>
        {own !== undefined && (
          <Button variant="subtle" color="gray" onClick={() => void save(null)}>
            {t('preview.useDefault')}
          </Button>
        )}
      </Group>
      {result?.problem && <Alert color="red">{translateApiMessage(result.problem)}</Alert>}
      {result?.ok && <PreviewResult result={result} />}
    </Stack>
  );
}

function PreviewResult({ result }: { result: OutputOf<'messages.preview'> }) {
  const { t } = useTranslation('messages');
  const heading = result.title ?? result.subject;
  return (
    <Stack gap={4} data-testid="template-preview">
      <Text size="sm" c="dimmed">
        {result.recipient ? t('preview.to', { to: result.recipient }) : t('preview.noRecipient')}
      </Text>
      <Code block>
        {heading !== null && (
          <>
            <b>{heading}</b>
            {'\n'}
          </>
        )}
        {result.text}
      </Code>
      {result.sms && (
        <Text size="sm" data-testid="template-preview-sms">
          {t('preview.sms', {
            count: result.sms.segments,
            encoding: result.sms.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2',
            units: result.sms.units,
          })}
        </Text>
      )}
    </Stack>
  );
}
