import { Alert, Button, Checkbox, Group, Loader, Modal, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, Router } from '../../../src-shared/contract/routers';
import type { OutputOf } from '../../../src-shared/contract';
import { api } from '../../api/client';
import {
  integerText,
  integerValue,
  notifyApiError,
  rupiahValue,
  translateApiMessage,
  useLoadOnKey,
  contentTestId,
} from '../../components';
import { choiceValid, ImportProfilesTable, KBPS, type ProfileChoice } from './ImportProfilesTable';
import { ImportSecretsTable, type CustomerDraft, type DraftErrors } from './ImportSecretsTable';

type Applied = NonNullable<OutputOf<'routers.import'>['applied']>;

/** Import from a router: read → preview (choose profiles → packages, secrets → customers + accounts) → apply. */
export function ImportWizard({ router, onClose }: { router: Router | null; onClose: () => void }) {
  const { t } = useTranslation('network');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [anyService, setAnyService] = useState(false);
  const [profiles, setProfiles] = useState<Record<string, ProfileChoice>>({});
  const [secrets, setSecrets] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [applying, setApplying] = useState(false);
  const [applied, setApplied] = useState<Applied | null>(null);
  const [drafts, setDrafts] = useState<Record<string, CustomerDraft>>({});
  const [errors, setErrors] = useState<DraftErrors>({});

  const load = async (routerId: number, any: boolean) => {
    const r = await api('routers.import', { routerId, anyService: any });
    if (!r.ok) return notifyApiError(r.error);
    const p = r.value.preview;
    setPreview(p);
    const usable = new Set(p.secrets.filter((s) => !s.conflict).map((s) => s.profile.toLowerCase()));
    setProfiles(
      Object.fromEntries(
        p.profiles.map((x) => [
          x.name,
          {
            // Proposed when secrets to import use it and its speed could be read (else the user types it).
            accept: x.proposal === 'create' && usable.has(x.name.toLowerCase()),
            packageName: x.existingPackageName ?? x.name,
            price: '',
            up: integerText(x.upKbps),
            down: integerText(x.downKbps),
          },
        ]),
      ),
    );
    setSecrets(new Set(p.secrets.filter((s) => !s.conflict).map((s) => s.name)));
    setDrafts(
      Object.fromEntries(p.secrets.map((s) => [s.name, { name: s.proposedName, phone: s.proposedPhone ?? '' }])),
    );
    setErrors({});
  };

  const { loading, track } = useLoadOnKey(
    router?.id,
    (routerId) => load(routerId, false),
    () => {
      setPreview(null);
      setApplied(null);
      setFilter('');
    },
  );

  const profileKnown = (name: string) => {
    const p = preview?.profiles.find((x) => x.name.toLowerCase() === name.toLowerCase());
    return !!p && (p.proposal === 'exists' || !!profiles[p.name]?.accept);
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
    // New customers as the user confirmed them (existing ones, matched by the code in the comment, stay as they are).
    const customers = preview.secrets
      .filter((x) => secrets.has(x.name) && !x.existingCustomerId && drafts[x.name])
      .map((x) => ({ secret: x.name, name: drafts[x.name]!.name, phone: drafts[x.name]!.phone.trim() || null }));
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
        customers,
      },
    });
    setApplying(false);
    if (!r.ok) {
      // "apply.customers.3.phone" → the phone field of that secret's row.
      const onRows: DraftErrors = {};
      for (const issue of r.error.issues ?? []) {
        const m = /^apply\.customers\.(\d+)\.(name|phone)$/.exec(issue.path);
        const row = m ? customers[Number(m[1])] : undefined;
        if (row) onRows[`${row.secret}.${m![2]}`] = translateApiMessage(issue.message);
      }
      setErrors(onRows);
      if (Object.keys(onRows).length) setFilter('');
      return notifyApiError(Object.keys(onRows).length ? { ...r.error, message: t('import.fixFields') } : r.error);
    }
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
      attributes={contentTestId('import-wizard')}
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
          <ImportProfilesTable preview={preview} profiles={profiles} setProfiles={setProfiles} />
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
                  const any = e.currentTarget.checked;
                  setAnyService(any);
                  if (router) void track(load(router.id, any));
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
          <Text size="xs" c="dimmed">
            {t('import.namesHint')}
          </Text>
          <ImportSecretsTable
            secrets={shown}
            selected={secrets}
            onToggle={(name, on) =>
              setSecrets((all) => {
                const next = new Set(all);
                if (on) next.add(name);
                else next.delete(name);
                return next;
              })
            }
            drafts={drafts}
            onDraft={(name, patch) => {
              setDrafts((all) => ({ ...all, [name]: { ...all[name]!, ...patch } }));
              setErrors((all) => {
                const next = { ...all };
                for (const k of Object.keys(patch)) delete next[`${name}.${k}`];
                return next;
              });
            }}
            errors={errors}
            profileKnown={profileKnown}
          />
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
