import {
  Alert,
  Button,
  Checkbox,
  Group,
  PasswordInput,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { api } from '../../api/client';
import {
  applyApiError,
  fieldError,
  IntegerInput,
  integerRule,
  integerValue,
  MoneyInput,
  notifyApiError,
  rupiahValue,
} from '../../components';
import { KBPS } from '../routers/ImportProfilesTable';
import { TestResultView } from '../routers/RouterForm';
import { SpeedInputs } from '../routers/SpeedInputs';

type TestResult = OutputOf<'routers.test'>;

/** Same bounds as the API (src-shared/contract/routers.ts). */
const PORT = { min: 1, max: 65535 };
type Preview = OutputOf<'routers.import'>['preview'];
type Applied = NonNullable<OutputOf<'routers.import'>['applied']>;

/**
 * Optional wizard step: the first MikroTik router. Test the connection with the typed details, save
 * it, then offer to import its PPPoE profiles (as packages, with the price the owner types) and
 * secrets (as customers with accounts). Every part can be skipped.
 */
export function RouterStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('setup');
  const form = useForm({
    initialValues: {
      name: 'Router utama',
      host: '',
      port: '8728',
      useTls: false,
      username: 'admin',
      password: '',
    },
    validate: { port: integerRule(PORT) },
    validateInputOnBlur: ['port'],
  });
  const [test, setTest] = useState<TestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const [routerId, setRouterId] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [reading, setReading] = useState(false);
  const [prices, setPrices] = useState<Record<string, string>>({});
  // Speeds typed for profiles whose rate-limit could not be read (kbps, decimal like RouterOS).
  const [speeds, setSpeeds] = useState<Record<string, { down: string; up: string }>>({});
  const [applied, setApplied] = useState<Applied | null>(null);
  const [importing, setImporting] = useState(false);

  const target = () => {
    const v = form.values;
    return {
      host: v.host,
      port: integerValue(v.port, PORT),
      useTls: v.useTls,
      username: v.username,
      password: v.password,
    };
  };

  const runTest = async () => {
    if (form.validateField('port').hasError) return;
    setTesting(true);
    setTest(null);
    const r = await api('routers.test', target());
    setTesting(false);
    if (!r.ok) return void applyApiError(form, r.error);
    setTest(r.value);
  };

  const save = form.onSubmit(async (v) => {
    const r = await api('routers.create', { name: v.name, ...target(), password: v.password });
    if (!r.ok) return void applyApiError(form, r.error);
    setRouterId(r.value.id);
    setReading(true);
    const p = await api('routers.import', { routerId: r.value.id });
    setReading(false);
    if (p.ok) setPreview(p.value.preview);
    else notifyApiError(p.error, t('router.readFailed'));
  });

  const newProfiles = preview?.profiles.filter((p) => p.proposal === 'create' || p.proposal === 'unparsable') ?? [];
  // Only numbers the strict parsers accept count; a typo keeps the profile out and shows its message.
  const speedOf = (name: string) => ({
    down: integerValue(speeds[name]?.down ?? '', KBPS),
    up: integerValue(speeds[name]?.up ?? '', KBPS),
  });
  const priceOf = (name: string) => rupiahValue(prices[name] ?? '', { min: 1 });
  /** A new profile is imported once it has a price, and, when its rate-limit was unreadable, both speeds. */
  const ready = (p: Preview['profiles'][number]) =>
    priceOf(p.name) !== undefined &&
    (p.proposal === 'create' || (speedOf(p.name).down !== undefined && speedOf(p.name).up !== undefined));
  const typedError = (kind: 'rupiah' | 'integer', text: string | undefined, rules: { min: number; max?: number }) =>
    text?.trim() ? (fieldError(kind, text, rules) ?? undefined) : undefined;
  const importable = (p: Preview) => {
    const known = new Set(
      p.profiles
        .filter(
          (x) => x.proposal === 'exists' || ((x.proposal === 'create' || x.proposal === 'unparsable') && ready(x)),
        )
        .map((x) => x.name.toLowerCase()),
    );
    return p.secrets.filter((s) => !s.conflict && !s.existingCustomerId && known.has(s.profile.toLowerCase()));
  };

  const runImport = async () => {
    if (!preview || routerId === null) return;
    setImporting(true);
    const profiles = newProfiles.filter(ready).map((p) => ({
      name: p.name,
      packageName: p.name,
      price: priceOf(p.name)!,
      ...(p.proposal === 'unparsable' ? { downKbps: speedOf(p.name).down!, upKbps: speedOf(p.name).up! } : {}),
    }));
    const r = await api('routers.import', {
      routerId,
      apply: { profiles, secrets: importable(preview).map((s) => s.name) },
    });
    setImporting(false);
    if (!r.ok) return notifyApiError(r.error);
    setApplied(r.value.applied);
  };

  if (applied) {
    return (
      <Stack mt="md">
        <Alert color="green" icon={<IconCircleCheck />} title={t('router.imported')} data-testid="router-imported">
          {t('router.importedText', {
            packages: applied.packages,
            customers: applied.customers,
            accounts: applied.accounts,
          })}
          {applied.skipped.length > 0 && (
            <Text size="sm">{t('router.skipped', { count: applied.skipped.length })}</Text>
          )}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onDone} data-autofocus>
            {t('next')}
          </Button>
        </Group>
      </Stack>
    );
  }

  if (routerId !== null) {
    return (
      <Stack mt="md">
        <Alert color="green" icon={<IconCircleCheck />}>
          {t('router.saved')}
        </Alert>
        {reading && <Text size="sm">{t('router.reading')}</Text>}
        {preview && (
          <>
            <Text size="sm">
              {t('router.found', { profiles: preview.profiles.length, secrets: preview.secrets.length })}
            </Text>
            {newProfiles.length > 0 && (
              <>
                <Text size="sm" c="dimmed">
                  {t('router.priceHelp')}
                </Text>
                <ScrollArea.Autosize mah={220}>
                  <Table withTableBorder data-testid="import-profiles">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('router.profile')}</Table.Th>
                        <Table.Th>{t('router.rate')}</Table.Th>
                        <Table.Th>{t('router.secrets')}</Table.Th>
                        <Table.Th>{t('router.price')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {newProfiles.map((p) => (
                        <Table.Tr key={p.name}>
                          <Table.Td>{p.name}</Table.Td>
                          <Table.Td>
                            {p.proposal === 'unparsable' ? (
                              <SpeedInputs
                                labels={{
                                  down: t('router.downOf', { name: p.name }),
                                  up: t('router.upOf', { name: p.name }),
                                }}
                                value={{ down: speeds[p.name]?.down ?? '', up: speeds[p.name]?.up ?? '' }}
                                errors={{
                                  down: typedError('integer', speeds[p.name]?.down, KBPS),
                                  up: typedError('integer', speeds[p.name]?.up, KBPS),
                                }}
                                onChange={(dir, v) =>
                                  setSpeeds((x) => ({
                                    ...x,
                                    [p.name]: { down: x[p.name]?.down ?? '', up: x[p.name]?.up ?? '', [dir]: v },
                                  }))
                                }
                              />
                            ) : (
                              (p.rateLimit ?? '—')
                            )}
                          </Table.Td>
                          <Table.Td>{p.secrets}</Table.Td>
                          <Table.Td>
                            <MoneyInput
                              size="xs"
                              aria-label={t('router.priceOf', { name: p.name })}
                              value={prices[p.name] ?? ''}
                              error={typedError('rupiah', prices[p.name], { min: 1 })}
                              onChange={(v) => setPrices((x) => ({ ...x, [p.name]: v }))}
                            />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea.Autosize>
              </>
            )}
            <Text size="sm">{t('router.willImport', { count: importable(preview).length })}</Text>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('router.skipImport')}
          </Button>
          <Button
            onClick={() => void runImport()}
            loading={importing}
            disabled={!preview || (importable(preview).length === 0 && !newProfiles.some(ready))}
          >
            {t('router.import')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={save}>
      <Stack gap="sm" mt="md">
        <Text size="sm" c="dimmed">
          {t('router.intro')}
        </Text>
        <TextInput label={t('router.name')} {...form.getInputProps('name')} />
        <SimpleGrid cols={2}>
          <TextInput label={t('router.host')} placeholder="192.168.88.1" autoFocus {...form.getInputProps('host')} />
          <IntegerInput label={t('router.port')} {...form.getInputProps('port')} />
        </SimpleGrid>
        <Checkbox
          label={t('router.useTls')}
          {...form.getInputProps('useTls', { type: 'checkbox' })}
          onChange={(e) => {
            form.setFieldValue('useTls', e.currentTarget.checked);
            form.setFieldValue('port', e.currentTarget.checked ? '8729' : '8728');
          }}
        />
        <SimpleGrid cols={2}>
          <TextInput label={t('router.username')} autoComplete="off" {...form.getInputProps('username')} />
          <PasswordInput label={t('router.password')} autoComplete="new-password" {...form.getInputProps('password')} />
        </SimpleGrid>
        <TestResultView result={test} />
        <Group justify="space-between" mt="sm">
          <Button variant="subtle" onClick={onDone}>
            {t('router.skip')}
          </Button>
          <Group>
            <Button
              variant="default"
              onClick={() => void runTest()}
              loading={testing}
              disabled={!form.values.host || !form.values.username}
            >
              {t('router.test')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('router.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
