import { AppShell, Group, Loader, Center, Tabs, Text, Button } from '@mantine/core';
import { IconChartBar, IconFileInvoice, IconHome, IconLifebuoy, IconLogout, IconUser } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalMe } from '../../src-shared/contract/portal/account';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { lastHome, portalApi, setSignedOutHandler } from './api';
import { AccountView } from './AccountView';
import { BillsView } from './BillsView';
import { HomeView } from './HomeView';
import { LoginView } from './LoginView';
import { PayLinkPage, payLinkToken } from './PayLinkPage';
import { PayView, type PayTarget } from './PayView';
import { TicketsView } from './TicketsView';
import { UsageView } from './UsageView';

type Tab = 'home' | 'bills' | 'usage' | 'tickets' | 'account';

/** The customer portal: a pay link's page, or sign-in, then the bill, invoices and payments, tickets and the account. */
export function PortalApp() {
  const token = payLinkToken(window.location.pathname);
  return token ? <PayLinkPage token={token} /> : <SignedInPortal />;
}

function SignedInPortal() {
  const { t } = useTranslation('portal');
  const [me, setMe] = useState<PortalMe | null | undefined>(undefined);
  const [tab, setTab] = useState<Tab>('home');
  /** Paying online: shown over the tabs until the customer goes back. */
  const [paying, setPaying] = useState<PayTarget | null>(null);

  useEffect(() => {
    setSignedOutHandler(() => setMe(null));
    void portalApi('portal.me', {}).then((r) =>
      setMe(r.ok ? r.value : r.error.code === 'UNAUTHENTICATED' ? null : undefined),
    );
    return () => setSignedOutHandler(null);
  }, []);

  const signOut = async () => {
    await portalApi('portal.logout', {});
    lastHome.clear();
    setMe(null);
    setTab('home');
    setPaying(null);
  };

  if (me === undefined && !lastHome.load()) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (me === null) return <LoginView onSignedIn={setMe} />;

  return (
    <AppShell header={{ height: 52 }} padding="sm">
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Text fw={700} truncate>
            {me?.name ?? t('title')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <Button size="compact-sm" variant="subtle" onClick={signOut} leftSection={<IconLogout size={16} />}>
              {t('signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main maw={720} mx="auto">
        {paying ? (
          <>
            <Button variant="subtle" mb="sm" onClick={() => setPaying(null)} data-testid="pay-back">
              {t('tickets.back')}
            </Button>
            <PayView target={paying} />
          </>
        ) : (
          <Tabs value={tab} onChange={(v) => setTab((v as Tab) ?? 'home')} keepMounted={false}>
            <Tabs.List grow mb="sm">
              <Tabs.Tab value="home" leftSection={<IconHome size={16} />}>
                {t('tabs.home')}
              </Tabs.Tab>
              <Tabs.Tab value="bills" leftSection={<IconFileInvoice size={16} />}>
                {t('tabs.bills')}
              </Tabs.Tab>
              <Tabs.Tab value="usage" leftSection={<IconChartBar size={16} />}>
                {t('tabs.usage')}
              </Tabs.Tab>
              <Tabs.Tab value="tickets" leftSection={<IconLifebuoy size={16} />}>
                {t('tabs.tickets')}
              </Tabs.Tab>
              <Tabs.Tab value="account" leftSection={<IconUser size={16} />}>
                {t('tabs.account')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="home">
              <HomeView onPay={setPaying} />
            </Tabs.Panel>
            <Tabs.Panel value="bills">
              <BillsView onPay={setPaying} />
            </Tabs.Panel>
            <Tabs.Panel value="usage">
              <UsageView />
            </Tabs.Panel>
            <Tabs.Panel value="tickets">
              <TicketsView />
            </Tabs.Panel>
            <Tabs.Panel value="account">{me && <AccountView me={me} onChanged={setMe} />}</Tabs.Panel>
          </Tabs>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
