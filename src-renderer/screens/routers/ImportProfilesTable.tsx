import { Checkbox, ScrollArea, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../src-shared/contract/routers';
import { fieldError, MoneyInput } from '../../components';
import { SpeedInputs } from './SpeedInputs';

export interface ProfileChoice {
  accept: boolean;
  packageName: string;
  price: string;
  up: string;
  down: string;
}

export const KBPS = { min: 8, max: 100_000_000 };
/** Field messages of a choice's typed numbers (strict parsers); empty fields are not errors here. */
const choiceErrors = (c: ProfileChoice) => ({
  price: fieldError('rupiah', c.price, { required: false }) ?? undefined,
  up: fieldError('integer', c.up, { ...KBPS, required: false }) ?? undefined,
  down: fieldError('integer', c.down, { ...KBPS, required: false }) ?? undefined,
});
export const choiceValid = (c: ProfileChoice) => Object.values(choiceErrors(c)).every((e) => e === undefined);

/** RouterOS speeds are decimal (1M = 1,000 kbps), as the profile's rate-limit says. */
const rate = (kbps: number) => (kbps >= 1000 ? `${Math.round(kbps / 10) / 100} Mbps` : `${kbps} kbps`);

/** The router's profiles, each proposed as a package (name, price, speed when the rate-limit is unreadable). */
export function ImportProfilesTable({
  preview,
  profiles,
  setProfiles,
}: {
  preview: ImportPreview;
  profiles: Record<string, ProfileChoice>;
  setProfiles: (update: (all: Record<string, ProfileChoice>) => Record<string, ProfileChoice>) => void;
}) {
  const { t } = useTranslation('network');
  return (
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
                    <SpeedInputs
                      labels={{ down: t('import.down'), up: t('import.up') }}
                      value={c}
                      errors={choiceErrors(c)}
                      onChange={(dir, v) => set({ [dir]: v })}
                    />
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
  );
}
