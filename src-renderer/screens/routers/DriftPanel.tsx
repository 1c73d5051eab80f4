import { Alert, Badge, Button, Group, Loader, Menu, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowRight, IconArrowLeft, IconChevronDown, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DriftItem, Router } from '../../../src-shared/contract/routers';
import type { OutputOf } from '../../../src-shared/contract';
import { api } from '../../api/client';
import { notifyApiError, useLoadOnKey, contentTestId } from '../../components';
import { useCan } from '../../app/session';
import { useFormat } from '../../lib/format';
import { RouterMessage } from '../sync/RouterMessage';

type Drift = OutputOf<'routers.drift'>;
type Repair = OutputOf<'routers.repair'>;
type Dir = 'push' | 'adopt';

/** Nothing on the router to take into the app for these (the router lacks it, or the app decides it). */
const NOTHING_TO_ADOPT = new Set<DriftItem['kind']>(['comment', 'profileMissing']);
/** Pushing these replaces something the router had of its own: confirm first, as "fix all" does. */
const CONFIRM_PUSH = new Set<DriftItem['kind']>(['unowned']);

/** Where the app and the router disagree, with "push app → router" / "adopt router → app" per row or for all. */
export function DriftPanel({
  router,
  canWrite,
  onClose,
  onChanged,
}: {
  router: Router | null;
  canWrite: boolean;
  onClose: () => void;
  /** The router's row changed (the hold ended): refresh it. */
  onChanged?: () => void;
}) {
  const { t } = useTranslation('network');
  const can = useCan();
  const f = useFormat();
  const [drift, setDrift] = useState<Drift | null>(null);
  const [dry, setDry] = useState<{ req: { items?: { key: string; direction: Dir }[]; all?: Dir }; res: Repair } | null>(
    null,
  );
  const [busy, setBusy] = useState<string | null>(null);

  const check = async (routerId: number) => {
    const r = await api('routers.drift', { routerId });
    if (!r.ok) return notifyApiError(r.error);
    setDrift(r.value);
  };
  const { loading, track } = useLoadOnKey(router?.id, check, () => {
    setDrift(null);
    setDry(null);
  });

  const repair = async (
    req: { items?: { key: string; direction: Dir }[]; all?: Dir },
    dryRun: boolean,
    tag: string,
  ) => {
    if (!router) return;
    setBusy(tag);
    const r = await api('routers.repair', { routerId: router.id, ...req, dryRun });
    setBusy(null);
    if (!r.ok) return notifyApiError(r.error);
    if (dryRun) return setDry({ req, res: r.value });
    setDry(null);
    notifications.show({
      color: 'teal',
      message: t('drift.fixed', { count: r.value.changes.length, queued: r.value.queued }),
    });
    await track(check(router.id));
  };

  // enabled/disabled come from the API as words: show them in the user's language.
  const shown = (kind: DriftItem['kind'], v: string | null) =>
    v === null ? '—' : kind === 'disabled' ? t(`drift.values.${v}`, { defaultValue: v }) : v;
  // A planned change in the user's language (the API's `description` is the English log line).
  const describe = (c: Repair['changes'][number]) => {
    const item = drift?.items.find((i) => i.key === c.key);
    const vars = {
      username: c.username,
      kind: t(`drift.kinds.${c.kind}`),
      value: item ? shown(c.kind, c.direction === 'push' ? item.app : item.router) : '—',
    };
    const push = c.direction === 'push';
    switch (c.kind) {
      case 'missing':
      case 'extra':
        return t(`drift.changes.${c.direction}${c.kind === 'missing' ? 'Missing' : 'Extra'}`, vars);
      case 'unowned':
        return t(push ? 'drift.changes.pushUnowned' : 'drift.changes.adoptUnowned', vars);
      case 'noProfile':
        if (push) return t('drift.changes.pushNoProfile', vars);
        return item?.router === null ? t('drift.changes.adoptMissing', vars) : t('drift.changes.adoptSet', vars);
      case 'profileMissing':
        return t(push ? 'drift.changes.pushProfileMissing' : 'drift.changes.adoptProfileMissing', vars);
      case 'rateLimit':
      case 'pool':
        return t(push ? 'drift.changes.pushSet' : 'drift.changes.adoptPackage', vars);
      case 'comment':
      case 'password':
        if (!push) return t(`drift.changes.adopt${c.kind === 'comment' ? 'Comment' : 'Password'}`, vars);
    }
    return t(`drift.changes.${c.direction}Set`, vars);
  };
  // Held after a restore: the owner sends the queue once the differences are settled.
  const canResume = can('sync.write');
  const resume = async () => {
    if (!router) return;
    setBusy('resume');
    const r = await api('sync.retry', { routerId: router.id });
    setBusy(null);
    if (!r.ok) return notifyApiError(r.error);
    const o = r.value.outcomes[0];
    notifications.show({
      color: o?.error ? 'red' : 'teal',
      title: router.name,
      message: o?.error ? <RouterMessage message={o.error} /> : t('sync.outcomeApplied', { count: o?.applied ?? 0 }),
    });
    onChanged?.();
  };
  const one = (i: DriftItem, d: Dir) =>
    void repair({ items: [{ key: i.key, direction: d }] }, d === 'push' && CONFIRM_PUSH.has(i.kind), `${i.key}:${d}`);

  return (
    <Modal
      opened={!!router}
      onClose={onClose}
      size="90%"
      title={<Text fw={600}>{t('drift.title', { name: router?.name ?? '' })}</Text>}
      attributes={contentTestId('drift-panel')}
    >
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {drift
              ? t('drift.summary', {
                  app: drift.accountsInApp,
                  profiles: drift.profilesInApp,
                  router: drift.secretsOnRouter,
                  diff: drift.items.length,
                  at: f.dateTime(drift.checkedAt),
                })
              : loading
                ? t('drift.checking')
                : ''}
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              onClick={() => router && void track(check(router.id))}
              loading={loading}
            >
              {t('drift.recheck')}
            </Button>
            {canWrite && drift && drift.items.length > 0 && (
              <Menu>
                <Menu.Target>
                  <Button size="xs" rightSection={<IconChevronDown size={14} />} data-testid="drift-fix-all">
                    {t('drift.fixAll')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconArrowRight size={14} />}
                    onClick={() => void repair({ all: 'push' }, true, 'all')}
                  >
                    {t('drift.allPush')}
                  </Menu.Item>
                  <Menu.Item
                    leftSection={<IconArrowLeft size={14} />}
                    onClick={() => void repair({ all: 'adopt' }, true, 'all')}
                  >
                    {t('drift.allAdopt')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        </Group>
        {loading && !drift && <Loader size="sm" />}
        {drift && drift.items.length === 0 && (
          <Alert color="teal" data-testid="drift-clean">
            {t('drift.clean')}
          </Alert>
        )}
        {router?.syncHold && (
          <Alert color="orange" data-testid="drift-hold">
            <Text size="sm">{t('sync.heldDrift')}</Text>
            {canResume && (
              <Button
                size="xs"
                color="orange"
                mt="xs"
                leftSection={<IconPlayerPlay size={14} />}
                loading={busy === 'resume'}
                onClick={() => void resume()}
              >
                {t('sync.resume')}
              </Button>
            )}
          </Alert>
        )}
        {dry && (
          <Alert
            color="blue"
            title={t('drift.dryTitle', { count: dry.res.changes.length })}
            data-testid="drift-dry-run"
          >
            {dry.req.all === 'push' && drift?.items.some((i) => i.kind === 'unowned') && (
              <Text size="xs" c="dimmed" mb={4}>
                {t('drift.unownedNotInAll')}
              </Text>
            )}
            {dry.res.changes.some((c) => c.subject === 'profile') && (
              <Text size="xs" c="dimmed" mb={4}>
                {t('drift.profilesFirst')}
              </Text>
            )}
            <ScrollArea.Autosize mah={180}>
              {dry.res.changes.map((c) => (
                <Text size="xs" key={`${c.key}:${c.direction}`}>
                  {c.direction === 'push' ? '→' : '←'} {describe(c)}
                </Text>
              ))}
            </ScrollArea.Autosize>
            <Group mt="sm" gap="xs">
              <Button
                size="xs"
                onClick={() => void repair(dry.req, false, 'apply')}
                loading={busy === 'apply'}
                data-testid="drift-apply"
              >
                {t('drift.applyDry')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setDry(null)}>
                {t('common:cancel')}
              </Button>
            </Group>
          </Alert>
        )}
        {drift && drift.items.length > 0 && (
          <ScrollArea h={420}>
            <Table striped withTableBorder stickyHeader data-testid="drift-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('drift.name')}</Table.Th>
                  <Table.Th>{t('drift.kind')}</Table.Th>
                  <Table.Th>{t('drift.inApp')}</Table.Th>
                  <Table.Th>{t('drift.onRouter')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {drift.items.slice(0, 2000).map((i) => (
                  <Table.Tr key={i.key} data-key={i.key}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {i.username}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`drift.subjects.${i.subject}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        size="sm"
                        tt="none"
                        color={
                          i.kind === 'unowned'
                            ? 'red'
                            : ['missing', 'extra', 'noProfile', 'profileMissing'].includes(i.kind)
                              ? 'orange'
                              : 'blue'
                        }
                        title={i.kind === 'unowned' ? t('drift.unownedHint') : undefined}
                      >
                        {t(`drift.kinds.${i.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{shown(i.kind, i.app)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{shown(i.kind, i.router)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {canWrite && (
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Button
                            size="compact-xs"
                            variant="light"
                            leftSection={<IconArrowRight size={12} />}
                            loading={busy === `${i.key}:push`}
                            onClick={() => one(i, 'push')}
                            title={t('drift.pushHint')}
                          >
                            {t('drift.push')}
                          </Button>
                          {!NOTHING_TO_ADOPT.has(i.kind) && (
                            <Button
                              size="compact-xs"
                              variant="light"
                              color="grape"
                              leftSection={<IconArrowLeft size={12} />}
                              loading={busy === `${i.key}:adopt`}
                              onClick={() => one(i, 'adopt')}
                              title={t('drift.adoptHint')}
                            >
                              {t('drift.adopt')}
                            </Button>
                          )}
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Stack>
    </Modal>
  );
}
