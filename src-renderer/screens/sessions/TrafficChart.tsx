import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Badge, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { translateApiMessage, contentTestId } from '../../components';
import { useFormat } from '../../lib/format';

interface Point {
  t: string;
  download: number;
  upload: number;
}
const WINDOW = 60;
const mbps = (bps: number) => Math.round((bps / 1_000_000) * 100) / 100;

/**
 * Live rx/tx of one account: one `sessions.traffic` call per second while the dialog is open (the router
 * runs `/interface/monitor-traffic =once=` for it); closing the dialog stops the polling.
 */
export function TrafficChart({
  account,
  onClose,
}: {
  account: { id: number; username: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('network');
  const f = useFormat();
  // The poll loop lives across renders: it reads the formatter of the latest render.
  const timeOf = useEffectEvent((at: string) => f.time(at));
  const [points, setPoints] = useState<Point[]>([]);
  const [online, setOnline] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  // Another account (or none): start from an empty chart in this very render.
  const accountId = account?.id;
  const [shownFor, setShownFor] = useState(accountId);
  if (accountId !== shownFor) {
    setShownFor(accountId);
    setPoints([]);
    setOnline(null);
    setError(null);
  }

  useEffect(() => {
    if (accountId === undefined) return;
    let stopped = false;
    const tick = async () => {
      // One request at a time: a slow router must not pile up calls.
      if (busy.current) return;
      busy.current = true;
      const r = await api('sessions.traffic', { accountId });
      busy.current = false;
      if (stopped) return;
      if (!r.ok) return setError(translateApiMessage(r.error.message));
      setError(null);
      setOnline(r.value.online);
      // Router rx = what the customer uploads, tx = what the customer downloads.
      const p = { t: timeOf(r.value.at), download: mbps(r.value.txBps), upload: mbps(r.value.rxBps) };
      setPoints((ps) => [...ps, p].slice(-WINDOW));
    };
    void tick();
    const h = setInterval(() => void tick(), 1000);
    return () => {
      stopped = true;
      clearInterval(h);
    };
  }, [accountId]);

  const last = points[points.length - 1];
  return (
    <Modal
      opened={!!account}
      onClose={onClose}
      size="xl"
      title={<Text fw={600}>{t('traffic.title', { name: account?.username ?? '' })}</Text>}
      attributes={contentTestId('traffic-chart')}
    >
      <Stack gap="sm">
        <Group gap="sm">
          {online === null ? null : online ? (
            <Badge color="teal">{t('traffic.online')}</Badge>
          ) : (
            <Badge color="gray">{t('traffic.offline')}</Badge>
          )}
          {last && (
            <Text size="sm" data-testid="traffic-now">
              ↓ {last.download} Mbps · ↑ {last.upload} Mbps
            </Text>
          )}
          {error && (
            <Text size="sm" c="red">
              {error}
            </Text>
          )}
        </Group>
        <LineChart
          h={260}
          data={points}
          dataKey="t"
          unit=" Mbps"
          withDots={false}
          curveType="monotone"
          series={[
            { name: 'download', label: t('traffic.download'), color: 'indigo.6' },
            { name: 'upload', label: t('traffic.upload'), color: 'teal.6' },
          ]}
          withLegend
        />
        <Text size="xs" c="dimmed">
          {t('traffic.hint')}
        </Text>
      </Stack>
    </Modal>
  );
}
