import { Alert, Button, Card, Stack, Text, Title } from '@mantine/core';
import { IconBell, IconBellOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../src-shared/result';
import { translateApiMessage } from '../components/apiError';
import { portalApi } from './api';

type State = 'loading' | 'unsupported' | 'unavailable' | 'off' | 'on' | 'denied';

const supported = () =>
  'serviceWorker' in navigator &&
  typeof window.PushManager !== 'undefined' &&
  typeof window.Notification !== 'undefined';

/** The VAPID public key (base64url) as the bytes pushManager.subscribe() takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** "Chrome · Android": enough for the customer's devices to be told apart on the desk. */
function deviceLabel(): string {
  const ua = navigator.userAgent;
  const browser = /SamsungBrowser/.test(ua)
    ? 'Samsung Internet'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  return (await navigator.serviceWorker.getRegistration('/')) ?? navigator.serviceWorker.register('/sw.js');
}

const refusal = (e: ApiError) => {
  const issue = e.issues?.[0];
  return issue ? `${issue.path}: ${translateApiMessage(issue.message)}` : translateApiMessage(e.message);
};

/** "Aktifkan notifikasi": this browser's Web Push subscription for the signed-in customer; "Matikan" removes it. */
export function PushCard() {
  const { t } = useTranslation('portal');
  const [state, setState] = useState<State>(() => (supported() ? 'loading' : 'unsupported'));
  const [key, setKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!supported()) return;
    void (async () => {
      const reg = await registration();
      const sub = await reg.pushManager.getSubscription();
      const r = await portalApi('portal.push.config', sub ? { endpoint: sub.endpoint } : {});
      if (!r.ok || !r.value.publicKey) return setState('unavailable');
      setKey(r.value.publicKey);
      setState(sub && r.value.subscribed ? 'on' : Notification.permission === 'denied' ? 'denied' : 'off');
    })();
  }, []);

  const enable = async () => {
    if (!key) return;
    setBusy(true);
    setError(null);
    try {
      if ((await Notification.requestPermission()) !== 'granted') return setState('denied');
      const reg = await registration();
      await navigator.serviceWorker.ready;
      // A subscription made with another key (the ISP's keys were made again) cannot be reused.
      await (await reg.pushManager.getSubscription())?.unsubscribe();
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
      const json = sub.toJSON() as {
        endpoint: string;
        expirationTime?: number | null;
        keys: { p256dh: string; auth: string };
      };
      const r = await portalApi('portal.push.subscribe', { subscription: json, device: deviceLabel() });
      if (!r.ok) {
        await sub.unsubscribe();
        return setError(t('push.failed', { reason: refusal(r.error) }));
      }
      setState('on');
    } catch (e) {
      setError(t('push.failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const disable = async () => {
    setBusy(true);
    setError(null);
    try {
      const sub = await (await registration()).pushManager.getSubscription();
      if (sub) {
        const r = await portalApi('portal.push.unsubscribe', { endpoint: sub.endpoint });
        if (!r.ok) return setError(t('push.failed', { reason: refusal(r.error) }));
        await sub.unsubscribe();
      }
      setState('off');
    } finally {
      setBusy(false);
    }
  };

  if (state === 'loading') return null;
  return (
    <Card withBorder data-testid="push-card">
      <Stack gap="sm">
        <Title order={3} fz="lg">
          {t('push.title')}
        </Title>
        <Text size="sm">{t('push.intro')}</Text>
        {state === 'unsupported' && <Alert color="gray">{t('push.unsupported')}</Alert>}
        {state === 'unavailable' && <Alert color="gray">{t('push.unavailable')}</Alert>}
        {state === 'denied' && <Alert color="yellow">{t('push.denied')}</Alert>}
        {state === 'on' && <Text c="teal">{t('push.on')}</Text>}
        {state === 'off' && <Text c="dimmed">{t('push.off')}</Text>}
        {error && (
          <Alert color="red" data-testid="push-error">
            {error}
          </Alert>
        )}
        {state === 'on' && (
          <Button
            variant="default"
            leftSection={<IconBellOff size={16} />}
            onClick={() => void disable()}
            loading={busy}
          >
            {t('push.disable')}
          </Button>
        )}
        {(state === 'off' || state === 'denied') && (
          <Button leftSection={<IconBell size={16} />} onClick={() => void enable()} loading={busy}>
            {t('push.enable')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
