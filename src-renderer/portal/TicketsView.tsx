import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_CATEGORIES, TICKET_PHOTO_MAX_BYTES } from '../../src-shared/contract/ticket-schemas';
import type { ApiError } from '../../src-shared/result';
import { translateApiMessage } from '../components/apiError';
import { formatDateTime } from '../lib/format';
import { portalApi } from './api';
import { usePortal } from './usePortal';

type Category = (typeof TICKET_CATEGORIES)[number];
const STATUS_COLOR = { open: 'orange', answered: 'blue', closed: 'gray' } as const;

function errorsOf(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues ?? []) out[i.path.split('.')[0] ?? 'form'] = translateApiMessage(i.message);
  if (!error.issues?.length) out.form = translateApiMessage(error.message);
  return out;
}

/** A picked photo as the API takes it; the server checks its bytes again. */
async function photoOf(file: File | null) {
  if (!file) return null;
  const buf = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return { type: file.type as 'image/jpeg', base64: btoa(bin) };
}

/** Write a message (a new ticket, or a reply) with an optional photo. */
function MessageForm({ ticketId, onSent }: { ticketId: number | null; onSent: (id: number) => void }) {
  const { t } = useTranslation('portal');
  const [category, setCategory] = useState<Category | null>(null);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (file && file.size > TICKET_PHOTO_MAX_BYTES)
      return setErrors({ photo: translateApiMessage('The photo must be at most 1 MB') });
    setBusy(true);
    const photo = await photoOf(file);
    const r =
      ticketId === null
        ? await portalApi('portal.tickets.open', { category: category as Category, text, photo })
        : await portalApi('portal.tickets.reply', { id: ticketId, text, photo });
    setBusy(false);
    if (!r.ok) return setErrors(errorsOf(r.error));
    setErrors({});
    setText('');
    setFile(null);
    onSent(r.value.ticket.id);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {ticketId === null && (
          <Select
            label={t('tickets.category')}
            data={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
            value={category}
            onChange={(v) => setCategory(v as Category | null)}
            error={errors.category}
            data-testid="ticket-category"
          />
        )}
        <Textarea
          label={t('tickets.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.text}
          autosize
          minRows={3}
          maxLength={2000}
          data-testid="ticket-text"
        />
        <FileInput
          label={t('tickets.photo')}
          description={t('tickets.photoHint')}
          accept="image/jpeg,image/png,image/webp"
          value={file}
          onChange={setFile}
          error={errors.photo}
          clearable
        />
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        <Button type="submit" loading={busy}>
          {ticketId === null ? t('tickets.send') : t('tickets.reply')}
        </Button>
      </Stack>
    </form>
  );
}

function TicketDetail({ id, onBack }: { id: number; onBack: () => void }) {
  const { t, i18n } = useTranslation('portal');
  const q = usePortal('portal.tickets.get', { id });
  const tz = usePortal('portal.home', {}).data?.timeZone ?? 'Asia/Jakarta';
  if (!q.data) return null;
  const { ticket, messages } = q.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Button variant="subtle" size="compact-sm" onClick={onBack}>
          {t('tickets.back')}
        </Button>
        <Badge color={STATUS_COLOR[ticket.status]} data-testid="ticket-status">
          {t(`ticketStatus.${ticket.status}`)}
        </Badge>
      </Group>
      <Title order={3} fz="lg">
        #{ticket.id} · {t(`categories.${ticket.category}`)}
      </Title>
      {messages.map((m) => (
        <Paper
          key={m.id}
          withBorder
          p="sm"
          bg={m.author === 'staff' ? 'var(--mantine-color-blue-light)' : undefined}
          data-testid="ticket-message"
        >
          <Text size="xs" c="dimmed">
            {m.author === 'staff' ? t('tickets.staff', { name: m.staffName ?? '' }) : t('tickets.you')} ·{' '}
            {formatDateTime(m.createdAt, i18n.language, tz)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {m.body}
          </Text>
          {m.hasPhoto && (
            <Text size="xs" c="dimmed">
              {t('tickets.hasPhoto')}
            </Text>
          )}
        </Paper>
      ))}
      <MessageForm ticketId={ticket.id} onSent={() => q.reload()} />
    </Stack>
  );
}

/** Support tickets: the list, a new one, and one conversation. */
export function TicketsView() {
  const { t } = useTranslation('portal');
  const [open, setOpen] = useState<number | null>(null);
  const [writing, setWriting] = useState(false);
  const list = usePortal('portal.tickets.list', { page: 1 });
  if (open !== null) return <TicketDetail id={open} onBack={() => (setOpen(null), list.reload())} />;
  return (
    <Stack gap="sm">
      {writing ? (
        <Card withBorder>
          <Title order={3} fz="lg" mb="sm">
            {t('tickets.new')}
          </Title>
          <MessageForm ticketId={null} onSent={(id) => (setWriting(false), setOpen(id))} />
        </Card>
      ) : (
        <Button onClick={() => setWriting(true)} data-testid="ticket-new">
          {t('tickets.new')}
        </Button>
      )}
      {list.data?.items.length === 0 && <Text c="dimmed">{t('tickets.empty')}</Text>}
      {list.data?.items.map((tk) => (
        <Card
          key={tk.id}
          withBorder
          padding="sm"
          component="button"
          onClick={() => setOpen(tk.id)}
          style={{ textAlign: 'left', cursor: 'pointer' }}
          data-testid="ticket-item"
        >
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600} truncate>
              #{tk.id} {tk.subject}
            </Text>
            <Badge color={STATUS_COLOR[tk.status]}>{t(`ticketStatus.${tk.status}`)}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t(`categories.${tk.category}`)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
