import { Alert, Badge, Button, Code, Group, Loader, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IsolirChange, IsolirPlan } from '../../../src-shared/contract/isolir-router';
import type { Router } from '../../../src-shared/contract/routers';
import { api } from '../../api/client';
import { notifyApiError, translateApiMessage } from '../../components';

type Mode = IsolirPlan['mode'];
const ACTION_COLOR: Record<IsolirChange['action'], string> = { add: 'teal', set: 'blue', remove: 'red', keep: 'gray' };

/**
 * The router side of the isolir page: a dry-run diff of the tagged objects (pool, profile, NAT and filter
 * rules), then apply or remove exactly what was previewed. Route `/:id/isolir` of the Routers screen.
 */
export function IsolirSetupPanel({ router, onClose }: { router: Router | null; onClose: () => void }) {
  const { t } = useTranslation('network');
  const [plan, setPlan] = useState<IsolirPlan | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const preview = async (mode: Mode) => {
    if (!router) return;
    setBusy(`preview:${mode}`);
    const r = await api('routers.isolirPreview', { routerId: router.id, mode });
    setBusy(null);
    if (!r.ok) return notifyApiError(r.error);
    setPlan(r.value);
  };
  const run = async () => {
    if (!router || !plan) return;
    setBusy('run');
    const r = await api('routers.isolirRun', { routerId: router.id, mode: plan.mode, fingerprint: plan.fingerprint });
    setBusy(null);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({
      color: 'teal',
      message: t(plan.mode === 'apply' ? 'isolirSetup.applied' : 'isolirSetup.removed', { count: r.value.done.length }),
    });
    await preview(plan.mode);
  };
  const close = () => {
    setPlan(null);
    onClose();
  };

  /** What happens to one object, in words: the changed fields, or where a new rule goes. */
  const detail = (c: IsolirChange) => {
    if (c.action === 'set')
      return c.changes.map((x) => (
        <Text size="xs" key={x.field}>
          {x.field}: <Code>{x.from ?? '—'}</Code> → <Code>{x.to}</Code>
        </Text>
      ));
    const summary = Object.entries(c.fields)
      .filter(([k]) => !['comment', '.id'].includes(k))
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    return (
      <>
        <Text size="xs" ff="monospace">
          {summary}
        </Text>
        {c.action === 'add' && c.menu === '/ip/firewall/filter' && (
          <Text size="xs" c="dimmed">
            {c.placeBeforeLabel ? t('isolirSetup.before', { rule: c.placeBeforeLabel }) : t('isolirSetup.atEnd')}
          </Text>
        )}
      </>
    );
  };

  return (
    <Modal
      opened={!!router}
      onClose={close}
      size="90%"
      title={<Text fw={600}>{t('isolirSetup.title', { name: router?.name ?? '' })}</Text>}
    >
      <Stack data-testid="isolir-setup">
        <Text size="sm">{t('isolirSetup.intro')}</Text>
        <Text size="xs" c="dimmed">
          {t('isolirSetup.tagNote')}
        </Text>
        <Group gap="xs">
          <Button
            leftSection={<IconEye size={16} />}
            loading={busy === 'preview:apply'}
            onClick={() => void preview('apply')}
            data-testid="isolir-preview-apply"
          >
            {t('isolirSetup.previewApply')}
          </Button>
          <Button
            variant="default"
            color="red"
            leftSection={<IconTrash size={16} />}
            loading={busy === 'preview:remove'}
            onClick={() => void preview('remove')}
            data-testid="isolir-preview-remove"
          >
            {t('isolirSetup.previewRemove')}
          </Button>
          {busy && <Loader size="sm" />}
        </Group>
        {plan && plan.problems.length > 0 && (
          <Alert color="red" data-testid="isolir-problems">
            {plan.problems.map((p) => (
              <Text size="sm" key={p}>
                {translateApiMessage(p)}
              </Text>
            ))}
          </Alert>
        )}
        {plan && plan.pending === 0 && plan.problems.length === 0 && (
          <Alert color="teal" data-testid="isolir-nothing">
            {t(plan.mode === 'apply' ? 'isolirSetup.inPlace' : 'isolirSetup.nothingToRemove')}
          </Alert>
        )}
        {plan && plan.changes.length > 0 && (
          <ScrollArea.Autosize mah={420}>
            <Table striped withTableBorder data-testid="isolir-diff">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('isolirSetup.change')}</Table.Th>
                  <Table.Th>{t('isolirSetup.menu')}</Table.Th>
                  <Table.Th>{t('isolirSetup.object')}</Table.Th>
                  <Table.Th>{t('isolirSetup.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.changes.map((c) => (
                  <Table.Tr key={`${c.menu}|${c.key}`} data-action={c.action}>
                    <Table.Td>
                      <Badge color={ACTION_COLOR[c.action]} variant="light">
                        {t(`isolirSetup.actions.${c.action}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {c.menu}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`isolirSetup.keys.${c.key}`, { defaultValue: c.key })}</Text>
                    </Table.Td>
                    <Table.Td>{detail(c)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
        {plan && plan.pending > 0 && (
          <Group>
            <Button
              color={plan.mode === 'apply' ? 'teal' : 'red'}
              leftSection={<IconPlayerPlay size={16} />}
              disabled={plan.problems.length > 0}
              loading={busy === 'run'}
              onClick={() => void run()}
              data-testid="isolir-run"
            >
              {t(plan.mode === 'apply' ? 'isolirSetup.apply' : 'isolirSetup.remove', { count: plan.pending })}
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
