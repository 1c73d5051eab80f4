import { Alert, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalMe } from '../../src-shared/contract/portal/account';
import type { ApiError } from '../../src-shared/result';
import { translateApiMessage } from '../components/apiError';
import { portalApi } from './api';
import { PushCard } from './PushCard';

/** Field messages of a refused form, translated; a message without a field goes to `form`. */
function fieldErrors(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues ?? []) out[i.path] = translateApiMessage(i.message);
  if (!error.issues?.length) out.form = translateApiMessage(error.message);
  return out;
}

/** The customer's notifications on this device, own phone, e-mail and portal password. */
export function AccountView({ me, onChanged }: { me: PortalMe; onChanged: (me: PortalMe) => void }) {
  const { t } = useTranslation('portal');
  const [phone, setPhone] = useState(me.phone ?? '');
  const [email, setEmail] = useState(me.email ?? '');
  const [contactErr, setContactErr] = useState<Record<string, string>>({});
  const [contactSaved, setContactSaved] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [pwErr, setPwErr] = useState<Record<string, string>>({});
  const [pwSaved, setPwSaved] = useState(false);

  const saveContact = async (e: React.FormEvent) => {
    e.preventDefault();
    setContactSaved(false);
    const r = await portalApi('portal.updateContact', { phone, email });
    if (!r.ok) return setContactErr(fieldErrors(r.error));
    setContactErr({});
    setContactSaved(true);
    onChanged(r.value);
  };
  const savePassword = async (e: React.FormEvent) => {
    e.preventDefault();
    setPwSaved(false);
    const r = await portalApi('portal.changePassword', { currentPassword: current, newPassword: next });
    if (!r.ok) return setPwErr(fieldErrors(r.error));
    setPwErr({});
    setCurrent('');
    setNext('');
    setPwSaved(true);
  };

  return (
    <Stack>
      <PushCard />
      <Card withBorder>
        <form onSubmit={saveContact} noValidate>
          <Stack gap="sm">
            <Title order={3} fz="lg">
              {t('account.contact')}
            </Title>
            <TextInput
              label={t('account.phone')}
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              error={contactErr.phone}
              inputMode="tel"
            />
            <TextInput
              label={t('account.email')}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={contactErr.email}
              inputMode="email"
            />
            {contactErr.form && <Alert color="red">{contactErr.form}</Alert>}
            {contactSaved && <Text c="teal">{t('account.saved')}</Text>}
            <Button type="submit">{t('account.saveContact')}</Button>
          </Stack>
        </form>
      </Card>
      <Card withBorder>
        <form onSubmit={savePassword} noValidate>
          <Stack gap="sm">
            <Title order={3} fz="lg">
              {t('account.password')}
            </Title>
            <PasswordInput
              label={t('account.current')}
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
              error={pwErr.currentPassword}
              autoComplete="current-password"
            />
            <PasswordInput
              label={t('account.new')}
              description={t('account.newHint')}
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
              error={pwErr.newPassword}
              autoComplete="new-password"
            />
            {pwErr.form && <Alert color="red">{pwErr.form}</Alert>}
            {pwSaved && <Text c="teal">{t('account.passwordSaved')}</Text>}
            <Button type="submit">{t('account.savePassword')}</Button>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
