import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  ScrollArea,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, Router } from '../../../src-shared/contract/routers';
import type { OutputOf } from '../../../src-shared/contract';
import { api } from '../../api/client';
import {
  fieldError,
  IntegerInput,
  integerText,
  integerValue,
  MoneyInput,
  notifyApiError,
  rupiahValue,
} from '../../components';

type Applied = NonNullable<OutputOf<'routers.import'>['applied']>;
interface ProfileChoice {
  accept: boolean;
  packageName: string;
  price: string;
  up: string;
  down: string;
}

const KBPS = { min: 8, max: 100_000_000 };
/** Field messages of a choice's typed numbers (strict parsers); empty fields are not errors here. */
const choiceErrors = (c: ProfileChoice) => ({
  price: fieldError('rupiah', c.price, { required: false }) ?? undefined,
  up: fieldError('integer', c.up, { ...KBPS, required: false }) ?? undefined,
  down: fieldError('integer', c.down, { ...KBPS, required: false }) ?? undefined,
});
const choiceValid = (c: ProfileChoice) => Object.values(choiceErrors(c)).every((e) => e === undefined);

/** RouterOS speeds are decimal (1M = 1,000 kbps), as the profile's rate-limit says. */
const rate = (kbps: number) => (kbps >= 1000 ? `${Math.round(kbps / 10) / 100} Mbps` : `${kbps} kbps`);

/** Import from a router: read → preview (choose profiles → packages, secrets → customers + accounts) → apply. */
export function ImportWizard({ router, onClose }: { router: Router | null; onClose: () => void }) {
  const { t } = useTranslation('network');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [anyService, setAnyService] = useState(false);
  const [profiles, setProfiles] = useState<Record<string, ProfileChoice>>({});
  const [secrets, setSecrets] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [applying, setApplying] = useState(false);
  const [applied, setApplied] = useState<Applied | null>(null);

  const load = async (any = anyService) => {
    if (!router) return;
    setLoading(true);
    const r = await api('routers.import', { routerId: router.id, anyService: any });
    setLoading(false);
    if (!r.ok) return notifyApiError(r.error);
    const p = r.value.preview;
    setPreview(p);
    setProfiles(
      Object.fromEntries(
        p.profiles.map((x) => [
          x.name,
          {
            accept: x.proposal !== 'exists' && x.secrets > 0,
            packageName: x.existingPackageName ?? x.name,
            price: '',
            up: integerText(x.upKbps),
            down: integerText(x.downKbps),
          },
        ]),
      ),
    );
    setSecrets(new Set(p.secrets.filter((s) => !s.conflict).map((s) => s.name)));
  };

  useEffect(() => {
    setPreview(null);
    setApplied(null);
    setFilter('');
    if (router) void load(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [router?.id]);

  const profileKnown = (name: string) => {
    const p = preview?.profiles.find((x) => x.name.toLowerCase() === name.toLowerCase());
    return !!p && (p.proposal === 'exists' || profiles[p.name]?.accept);
  };
  const shown = useMemo(
    () =>
      (preview?.secrets ?? []).filter(
        (s) => !filter || `${s.name} ${s.comment ?? ''} ${s.profile}`.toLowerCase().includes(filter.toLowerCase()),
      ),
    [preview, filter],
  );

  const apply = async () => {
    if (!router || !preview) return;
    setApplying(true);
    const r = await api('routers.import', {
      routerId: router.id,
      anyService,
      apply: {
        profiles: Object.entries(profiles)
          .filter(([name, c]) => c.accept && preview.profiles.find((p) => p.name === name)?.proposal !== 'exists')
          .map(([name, c]) => ({
            name,
            packageName: c.packageName,
            price: rupiahValue(c.price) ?? 0,
            ...(c.up.trim() ? { upKbps: integerValue(c.up, KBPS)! } : {}),
            ...(c.down.trim() ? { downKbps: integerValue(c.down, KBPS)! } : {}),
          })),
        secrets: [...secrets],
      },
    });
    setApplying(false);
    if (!r.ok) return notifyApiError(r.error);
    setApplied(r.value.applied);
    setPreview(r.value.preview);
    notifications.show({
      color: 'teal',
      message: t('import.done', { accounts: r.value.applied?.accounts ?? 0, packages: r.value.applied?.packages ?? 0 }),
    });
  };

  const toggleAll = (on: boolean) =>
    setSecrets(on ? new Set((preview?.secrets ?? []).filter((s) => !s.conflict).map((s) => s.name)) : new Set());

  return (
    <Modal
      opened={!!router}
      onClose={onClose}
      size="90%"
      title={<Text fw={600}>{t('import.title', { name: router?.name ?? '' })}</Text>}
      attributes={{ content: { 'data-testid': 'import-wizard' } as Record<string, string> }}
    >
      <Stepper active={applied ? 2 : preview ? 1 : 0} size="sm" mb="md">
        <Stepper.Step label={t('import.stepRead')} />
        <Stepper.Step label={t('import.stepChoose')} />
        <Stepper.Step label={t('import.stepDone')} />
      </Stepper>
      {loading && (
        <Group>
          <Loader size="sm" /> <Text size="sm">{t('import.reading')}</Text>
        </Group>
      )}
      {applied && (
        <Alert color="teal" title={t('import.resultTitle')} mb="md" data-testid="import-result">
          {t('import.result', {
            packages: applied.packages,
            customers: applied.customers,
            accounts: applied.accounts,
            skipped: applied.skipped.length,
          })}
          {applied.skipped.slice(0, 20).map((s) => (
            <Text size="xs" key={s.name}>
              {s.name}: {s.reason}
            </Text>
          ))}
        </Alert>
      )}
      {preview && !applied && (
        <Stack gap="md">
          <Text fw={600}>{t('import.profiles', { count: preview.profiles.length })}</Text>
          <ScrollArea.Autosize mah={260}>
            <Table striped withTableBorder data-testid="import-profiles">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40} />
                  <Table.Th>{t('import.profile')}</Table.Th>
                  <Table.Th>{t('import.rateLimit')}</Table.Th>
                  <Table.Th>{t('import.speed')}</Table.Th>
                  <Table.Th>{t('import.packageName')}</Table.Th>
                  <Table.Th>{t('import.price')}</Table.Th>
                  <Table.Th>{t('import.secretsCol')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.profiles.map((p) => {
                  const c = profiles[p.name];
                  if (!c) return null;
                  const set = (patch: Partial<ProfileChoice>) =>
                    setProfiles((all) => ({ ...all, [p.name]: { ...c, ...patch } }));
                  return (
                    <Table.Tr key={p.name}>
                      <Table.Td>
                        {p.proposal === 'exists' ? (
                          <Text size="xs" c="teal" fw={600}>
                            {t('import.linked')}
                          </Text>
                        ) : (
                          <Checkbox
                            aria-label={t('import.acceptProfile', { name: p.name })}
                            checked={c.accept}
                            onChange={(e) => set({ accept: e.currentTarget.checked })}
                          />
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {p.name}
                        </Text>
                        {p.remoteAddress && (
                          <Text size="xs" c="dimmed">
                            {t('import.pool', { pool: p.remoteAddress })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace">
                          {p.rateLimit ?? '—'}
                        </Text>
                        {p.burst && (
                          <Text size="xs" c="dimmed">
                            {t('import.burst')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {p.proposal === 'unparsable' && c.accept ? (
                          <Group gap={4} wrap="nowrap">
                            <IntegerInput
                              size="xs"
                              w={90}
                              placeholder="↓ kbps"
                              aria-label={t('import.down')}
                              value={c.down}
                              error={choiceErrors(c).down}
                              onChange={(v) => set({ down: v })}
                            />
                            <IntegerInput
                              size="xs"
                              w={90}
                              placeholder="↑ kbps"
                              aria-label={t('import.up')}
                              value={c.up}
                              error={choiceErrors(c).up}
                              onChange={(v) => set({ up: v })}
                            />
                          </Group>
                        ) : p.downKbps ? (
                          <Text size="sm">
                            ↓ {rate(p.downKbps)} / ↑ {rate(p.upKbps ?? 0)}
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t('import.unparsable')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {p.proposal === 'exists' ? (
                          <Text size="sm">{p.existingPackageName}</Text>
                        ) : (
                          <TextInput
                            size="xs"
                            aria-label={t('import.packageName')}
                            value={c.packageName}
                            disabled={!c.accept}
                            onChange={(e) => set({ packageName: e.currentTarget.value })}
                          />
                        )}
                      </Table.Td>
                      <Table.Td>
                        {p.proposal !== 'exists' && (
                          <MoneyInput
                            size="xs"
                            w={130}
                            aria-label={t('import.price')}
                            value={c.price}
                            error={choiceErrors(c).price}
                            disabled={!c.accept}
                            onChange={(v) => set({ price: v })}
                          />
                        )}
                      </Table.Td>
                      <Table.Td>{p.secrets}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <Group justify="space-between">
            <Text fw={600}>{t('import.secrets', { count: preview.secrets.length, selected: secrets.size })}</Text>
            <Group gap="xs">
              <TextInput
                size="xs"
                placeholder={t('common:search')}
                value={filter}
                onChange={(e) => setFilter(e.currentTarget.value)}
                aria-label={t('common:search')}
              />
              <Checkbox
                size="xs"
                label={t('import.anyService')}
                checked={anyService}
                onChange={(e) => {
                  setAnyService(e.currentTarget.checked);
                  void load(e.currentTarget.checked);
                }}
              />
              <Button size="xs" variant="default" onClick={() => toggleAll(true)}>
                {t('import.selectAll')}
              </Button>
              <Button size="xs" variant="default" onClick={() => toggleAll(false)}>
                {t('import.selectNone')}
              </Button>
            </Group>
          </Group>
          <ScrollArea h={320}>
            <Table striped withTableBorder stickyHeader data-testid="import-secrets">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40} />
                  <Table.Th>{t('import.username')}</Table.Th>
                  <Table.Th>{t('import.profile')}</Table.Th>
                  <Table.Th>{t('import.comment')}</Table.Th>
                  <Table.Th>{t('import.customer')}</Table.Th>
                  <Table.Th>IP</Table.Th>
                  <Table.Th>{t('import.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.slice(0, 2000).map((s) => {
                  const noPackage = !s.conflict && !profileKnown(s.profile);
                  return (
                    <Table.Tr key={s.name}>
                      <Table.Td>
                        <Checkbox
                          aria-label={t('import.acceptSecret', { name: s.name })}
                          disabled={!!s.conflict}
                          checked={secrets.has(s.name)}
                          onChange={(e) => {
                            const on = e.currentTarget.checked;
                            setSecrets((all) => {
                              const next = new Set(all);
                              if (on) next.add(s.name);
                              else next.delete(s.name);
                              return next;
                            });
                          }}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {s.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{s.profile}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{s.comment ?? ''}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">
                          {s.existingCustomerName
                            ? `${s.customerCode} · ${s.existingCustomerName}`
                            : s.customerCode
                              ? t('import.newWithCode', { code: s.customerCode })
                              : t('import.newCustomer')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{s.remoteAddress ?? ''}</Text>
                      </Table.Td>
                      <Table.Td>
                        {s.conflict ? (
                          <Badge color="red" size="sm" tt="none">
                            {t(`import.conflict.${s.conflict}`)}
                          </Badge>
                        ) : noPackage ? (
                          <Badge color="yellow" size="sm" tt="none">
                            {t('import.needsPackage')}
                          </Badge>
                        ) : s.disabled ? (
                          <Badge color="gray" size="sm" tt="none">
                            {t('import.disabled')}
                          </Badge>
                        ) : (
                          <Badge color="teal" size="sm" tt="none">
                            {t('import.ok')}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button
              onClick={() => void apply()}
              loading={applying}
              disabled={
                (secrets.size === 0 && !Object.values(profiles).some((c) => c.accept)) ||
                Object.values(profiles).some((c) => c.accept && !choiceValid(c))
              }
              data-testid="import-apply"
            >
              {t('import.apply', { count: secrets.size })}
            </Button>
          </Group>
        </Stack>
      )}
      {applied && (
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('common:close')}</Button>
        </Group>
      )}
    </Modal>
  );
}
