import {
  AppShell,
  Avatar,
  Box,
  Burger,
  Center,
  Group,
  Loader,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  ThemeIcon,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell, IconChevronDown, IconDevices, IconKey, IconLogout, IconRouter } from '@tabler/icons-react';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { onEvent } from '../api/client';
import { ChangePasswordDialog } from '../screens/auth/ChangePasswordDialog';
import { LockScreen } from '../screens/auth/LockScreen';
import { StaffNotificationsDialog, StaffNotifier } from '../screens/messages/StaffNotifications';
import NotAllowedScreen from '../screens/security/NotAllowedScreen';
import { MySessionsDialog } from '../screens/users/SessionsPanel';
import { LanguageSwitch } from './LanguageSwitch';
import { ROUTES, SECTIONS } from './routes';
import { useCan, useSession } from './session';

function UserMenu() {
  const { t } = useTranslation('auth');
  const { me, signOut } = useSession();
  const [pwOpen, setPwOpen] = useState(false);
  const [notifyOpen, setNotifyOpen] = useState(false);
  const [sessionsOpen, setSessionsOpen] = useState(false);
  const forced = !!me?.mustChangePassword;
  if (!me) return null;
  const initials = me.fullName
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <>
      <Menu position="bottom-end" width={220} shadow="md">
        <Menu.Target>
          <UnstyledButton data-testid="user-menu" aria-label={t('userMenu')}>
            <Group gap={8} wrap="nowrap">
              <Avatar size={30} radius="xl" color="indigo">
                {initials}
              </Avatar>
              <Box visibleFrom="sm">
                <Text size="sm" fw={500} lh={1.2}>
                  {me.fullName}
                </Text>
                <Text size="xs" c="dimmed" lh={1.2}>
                  {t(`common:role.${me.role}`)}
                </Text>
              </Box>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{me.username}</Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setPwOpen(true)}>
            {t('changePassword')}
          </Menu.Item>
          <Menu.Item leftSection={<IconDevices size={16} />} onClick={() => setSessionsOpen(true)}>
            {t('users:sessions.menu')}
          </Menu.Item>
          <Menu.Item leftSection={<IconBell size={16} />} onClick={() => setNotifyOpen(true)}>
            {t('messages:staffNotify.menu')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} />} color="red" onClick={() => void signOut()}>
            {t('signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <StaffNotifier />
      <MySessionsDialog opened={sessionsOpen} onClose={() => setSessionsOpen(false)} />
      <StaffNotificationsDialog opened={notifyOpen} onClose={() => setNotifyOpen(false)} />
      <ChangePasswordDialog
        opened={pwOpen || forced}
        forced={forced && !pwOpen}
        onClose={() => {
          setPwOpen(false);
          if (forced) useSession.setState({ me: { ...me, mustChangePassword: false } });
        }}
      />
    </>
  );
}

/** The signed-in app: header, navigation built from ROUTES (filtered by permission), the screens. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const can = useCan();
  const ispName = useSession((s) => s.info?.ispName);
  const [location] = useLocation();
  const routes = ROUTES.filter((r) => can(r.permission));
  useEffect(close, [location, close]);
  // The window title names the screen (task bar, Alt+Tab).
  const current = routes.find((r) => location === r.path || location.startsWith(r.path + '/'));
  const screenTitle = current ? t(current.labelKey) : '';
  useEffect(() => {
    document.title = screenTitle ? `${screenTitle} · PPPoE Desk` : 'PPPoE Desk';
  }, [screenTitle]);
  // The header shows the ISP name from Settings: follow changes made anywhere.
  const refreshInfo = useSession((s) => s.refreshInfo);
  useEffect(
    () => onEvent('data.changed', (p) => void ((p.entity === 'settings' || p.entity === 'all') && refreshInfo())),
    [refreshInfo],
  );

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" />
            <ThemeIcon size={32} radius="md">
              <IconRouter size={20} />
            </ThemeIcon>
            <Stack gap={0}>
              <Text fw={700} size="sm" lh={1.2}>
                PPPoE Desk
              </Text>
              <Text size="xs" c="dimmed" lh={1.2} data-testid="isp-name">
                {ispName}
              </Text>
            </Stack>
          </Group>
          <Group gap="lg" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('navigation')}>
        {/* The section scrolls on its own when the nav is taller than the window. */}
        <AppShell.Section grow component={ScrollArea} mx="-sm" px="sm">
          {SECTIONS.map((section) => {
            const items = routes.filter((r) => (r.section ?? 'main') === section);
            if (!items.length) return null;
            return (
              <Stack gap={2} mb="md" key={section}>
                {section !== 'main' && (
                  <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" mb={4}>
                    {t(`section.${section}`)}
                  </Text>
                )}
                {items.map((r) => (
                  <NavLink
                    key={r.path}
                    component={Link}
                    href={r.path}
                    label={t(r.labelKey)}
                    leftSection={<r.icon size={18} stroke={1.6} />}
                    active={location === r.path || location.startsWith(r.path + '/')}
                    variant="light"
                    style={{ borderRadius: 'var(--mantine-radius-md)' }}
                  />
                ))}
              </Stack>
            );
          })}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Suspense
          fallback={
            <Center h={300}>
              <Loader size="sm" />
            </Center>
          }
        >
          <Switch>
            {routes.map((r) => (
              <Route key={r.path} path={r.path} nest>
                <r.component />
              </Route>
            ))}
            {/* A screen this role may not use (typed or bookmarked URL): say so instead of redirecting. */}
            {ROUTES.filter((r) => !can(r.permission)).map((r) => (
              <Route key={r.path} path={r.path} nest>
                <NotAllowedScreen />
              </Route>
            ))}
            <Route>{routes[0] ? <Redirect to={routes[0].path} replace /> : <Text>{t('noScreens')}</Text>}</Route>
          </Switch>
        </Suspense>
      </AppShell.Main>
      <LockScreen />
    </AppShell>
  );
}
