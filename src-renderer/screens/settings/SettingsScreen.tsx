import {
  Alert,
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  TagsInput,
  Text,
  TextInput,
  Input,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  IconBuildingBroadcastTower,
  IconCloudDownload,
  IconDatabase,
  IconFileInvoice,
  IconLock,
  IconPrinter,
  IconWorldOff,
} from '@tabler/icons-react';
import { useEffectEvent, useLayoutEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-shared/settings';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan, useSession } from '../../app/session';
import {
  applyApiError,
  IntegerInput,
  MoneyInput,
  PageHeader,
  phoneRule,
  printWarning,
  translateApiMessage,
} from '../../components';
import { IsolirPagePanel, TRANSFER_FIELD_TABS } from './IsolirPagePanel';
import { LAN_SHARE_FIELD_TABS, LanShareSettings, LanShareTab } from './LanShareSettings';
import { LogoInput } from './LogoInput';
import { PORTAL_FIELD_TABS, PortalSettings, PortalTab } from './PortalSettings';
import { UpdatesPanel } from './UpdatesPanel';
import { languageOptions, timeZoneOptions } from './options';
import { fromForm, isNumberKey, numberKind, numberRules, toForm, type SettingsForm } from './settingsForm';

type Tab = 'isp' | 'billing' | 'isolir' | 'printing' | 'backup' | 'security' | 'portal' | 'lan' | 'updates';

/**
 * Every setting of src-shared/settings.ts, grouped in tabs. Only the fields that changed are sent;
 * the API validates each one and its messages appear under the field (the tab with an error is
 * selected). Read-only for roles without settings.write.
 */
export default function SettingsScreen() {
  const { t, i18n } = useTranslation('settings');
  const can = useCan();
  const canWrite = can('settings.write');
  const refreshInfo = useSession((s) => s.refreshInfo);
  const q = useApiQuery('settings.get', {}, { entities: ['settings'] });
  const [tab, setTab] = useState<Tab>('isp');
  const form = useForm<SettingsForm>({
    initialValues: toForm(DEFAULT_SETTINGS),
    validate: { ...numberRules, ispPhone: phoneRule },
    validateInputOnBlur: true,
  });
  // The stored values the form was loaded from: the first answer, and later ones while nothing is
  // edited (e.g. after a save); a background refetch never wipes edits. Decided in the render the answer
  // arrives in; the form is filled before that render is painted.
  const [loadedFrom, setLoadedFrom] = useState<Settings | null>(null);
  const [seen, setSeen] = useState(q.data);
  if (q.data !== seen) {
    setSeen(q.data);
    if (q.data && (!loadedFrom || !form.isDirty())) setLoadedFrom(q.data);
  }
  const fill = useEffectEvent((s: Settings) => {
    form.setValues(toForm(s));
    form.resetDirty(toForm(s));
  });
  useLayoutEffect(() => {
    if (loadedFrom) fill(loadedFrom);
  }, [loadedFrom]);
  const fieldTab: Record<keyof Settings, Tab> = useMemo(
    () => ({
      ispName: 'isp',
      ispAddress: 'isp',
      ispPhone: 'isp',
      ispLogo: 'isp',
      timeZone: 'isp',
      language: 'isp',
      customerCodePrefix: 'billing',
      invoicePrefix: 'billing',
      paymentPrefix: 'billing',
      refundPrefix: 'billing',
      dueDays: 'billing',
      graceDays: 'billing',
      isolirMode: 'billing',
      autoInvoiceRun: 'billing',
      invoiceRunDay: 'billing',
      invoiceRunTime: 'billing',
      billingDayMode: 'billing',
      fixedBillingDay: 'billing',
      prorateFirstInvoice: 'billing',
      automationEnabled: 'billing',
      expiryAlertDays: 'billing',
      paymentConfirmLimit: 'billing',
      allowNegativeDeposit: 'billing',
      isolirPortalAddress: 'isolir',
      isolirPortalPort: 'isolir',
      isolirPoolRanges: 'isolir',
      isolirLocalAddress: 'isolir',
      bankAccounts: 'isolir',
      receiptWidth: 'printing',
      backupFolder: 'backup',
      backupAllowedFolders: 'backup',
      backupTime: 'backup',
      backupKeepDaily: 'backup',
      backupKeepWeekly: 'backup',
      backupKeepMonthly: 'backup',
      sessionTimeoutMinutes: 'security',
      ...PORTAL_FIELD_TABS,
      ...LAN_SHARE_FIELD_TABS,
      ...TRANSFER_FIELD_TABS,
      updateUrl: 'updates',
    }),
    [],
  );

  if (!loadedFrom) {
    return (
      <>
        <PageHeader title={t('title')} />
        {q.error ? (
          <Alert color="red">{translateApiMessage(q.error.message)}</Alert>
        ) : (
          <Text c="dimmed">{t('common:loading')}</Text>
        )}
      </>
    );
  }

  const save = form.onSubmit(async (typed) => {
    const values = fromForm(typed);
    const patch = Object.fromEntries(
      (Object.keys(values) as (keyof Settings)[])
        .filter((k) => JSON.stringify(values[k]) !== JSON.stringify(loadedFrom[k]))
        .map((k) => [k, values[k]]),
    ) as Partial<Settings>;
    if (Object.keys(patch).length === 0) {
      notifications.show({ message: t('nothingChanged') });
      return;
    }
    const r = await api('settings.update', patch);
    if (!r.ok) {
      applyApiError(form, r.error);
      const first = String(r.error.issues?.[0]?.path ?? '').split('.')[0] as keyof Settings;
      if (first && fieldTab[first]) setTab(fieldTab[first]);
      return;
    }
    form.setValues(toForm(r.value));
    form.resetDirty(toForm(r.value));
    setLoadedFrom(r.value);
    if (patch.language && patch.language !== i18n.language) void i18n.changeLanguage(patch.language);
    await refreshInfo();
    notifications.show({ color: 'green', message: t('saved') });
  });
  const ro = !canWrite;
  /** A number setting: typed as text, read by the strict parser of its kind (money or whole number). */
  const num = (k: keyof Settings, hintKey?: string) => {
    const props = {
      label: t(`fields.${k}`),
      disabled: ro,
      ...(hintKey ? hint(hintKey) : {}),
      ...form.getInputProps(k),
    };
    return isNumberKey(k) && numberKind(k) === 'rupiah' ? <MoneyInput {...props} /> : <IntegerInput {...props} />;
  };
  const text = (k: keyof Settings) => ({ label: t(`fields.${k}`), disabled: ro, ...form.getInputProps(k) });
  const hint = (k: string) => ({ description: t(`hints.${k}`) });
  return (
    <form onSubmit={save} data-testid="settings-form">
      <PageHeader
        title={t('title')}
        subtitle={canWrite ? t('subtitle') : t('readOnly')}
        actions={
          canWrite && (
            <>
              <Button variant="default" disabled={!form.isDirty()} onClick={() => form.setValues(toForm(loadedFrom))}>
                {t('undo')}
              </Button>
              <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
                {t('common:save')}
              </Button>
            </>
          )
        }
      />
      <Tabs value={tab} onChange={(v) => setTab((v as Tab) ?? 'isp')} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="isp" leftSection={<IconBuildingBroadcastTower size={16} />}>
            {t('tabs.isp')}
          </Tabs.Tab>
          <Tabs.Tab value="billing" leftSection={<IconFileInvoice size={16} />}>
            {t('tabs.billing')}
          </Tabs.Tab>
          <Tabs.Tab value="isolir" leftSection={<IconWorldOff size={16} />}>
            {t('tabs.isolir')}
          </Tabs.Tab>
          <Tabs.Tab value="printing" leftSection={<IconPrinter size={16} />}>
            {t('tabs.printing')}
          </Tabs.Tab>
          <Tabs.Tab value="backup" leftSection={<IconDatabase size={16} />}>
            {t('tabs.backup')}
          </Tabs.Tab>
          <Tabs.Tab value="security" leftSection={<IconLock size={16} />}>
            {t('tabs.security')}
          </Tabs.Tab>
          <PortalTab />
          <LanShareTab />
          <Tabs.Tab value="updates" leftSection={<IconCloudDownload size={16} />}>
            {t('tabs.updates')}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="isp">
          <Stack maw={720}>
            <TextInput {...text('ispName')} withAsterisk description={printWarning(form.values.ispName)} />
            <TextInput {...text('ispAddress')} />
            <TextInput {...text('ispPhone')} />
            <LogoInput
              value={form.values.ispLogo}
              onChange={(v) => form.setFieldValue('ispLogo', v)}
              error={form.errors.ispLogo}
              disabled={ro}
            />
            <SimpleGrid cols={2}>
              <Select {...text('timeZone')} {...hint('timeZone')} data={timeZoneOptions(t)} allowDeselect={false} />
              <Select {...text('language')} {...hint('language')} data={languageOptions} allowDeselect={false} />
            </SimpleGrid>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="billing">
          <Stack maw={720}>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <TextInput {...text('customerCodePrefix')} {...hint('prefix')} />
              <TextInput {...text('invoicePrefix')} {...hint('prefix')} />
              <TextInput {...text('paymentPrefix')} {...hint('prefix')} />
              <TextInput {...text('refundPrefix')} {...hint('prefix')} />
            </SimpleGrid>
            <SimpleGrid cols={2}>
              {num('dueDays', 'dueDays')}
              {num('graceDays', 'graceDays')}
            </SimpleGrid>
            <Input.Wrapper
              label={t('fields.isolirMode')}
              description={t('hints.isolirMode')}
              error={form.errors.isolirMode}
            >
              <SegmentedControl
                mt={6}
                disabled={ro}
                value={form.values.isolirMode}
                onChange={(v) => form.setFieldValue('isolirMode', v as Settings['isolirMode'])}
                data={[
                  { value: 'profile', label: t('isolir.profile') },
                  { value: 'disable', label: t('isolir.disable') },
                ]}
              />
            </Input.Wrapper>
            <Switch
              {...form.getInputProps('autoInvoiceRun', { type: 'checkbox' })}
              label={t('fields.autoInvoiceRun')}
              description={t('hints.autoInvoiceRun')}
              disabled={ro}
            />
            <SimpleGrid cols={2}>
              {num('invoiceRunDay', 'invoiceRunDay')}
              <TimeInput {...text('invoiceRunTime')} {...hint('time')} />
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <Input.Wrapper
                label={t('fields.billingDayMode')}
                description={t('hints.billingDayMode')}
                error={form.errors.billingDayMode}
              >
                <SegmentedControl
                  mt={6}
                  disabled={ro}
                  value={form.values.billingDayMode}
                  onChange={(v) => form.setFieldValue('billingDayMode', v as Settings['billingDayMode'])}
                  data={[
                    { value: 'start_date', label: t('billingDay.start_date') },
                    { value: 'fixed', label: t('billingDay.fixed') },
                  ]}
                  data-testid="billing-day-mode"
                />
              </Input.Wrapper>
              {form.values.billingDayMode === 'fixed' && num('fixedBillingDay', 'fixedBillingDay')}
            </SimpleGrid>
            <Switch
              {...form.getInputProps('prorateFirstInvoice', { type: 'checkbox' })}
              label={t('fields.prorateFirstInvoice')}
              description={t('hints.prorateFirstInvoice')}
              disabled={ro}
            />
            <Switch
              {...form.getInputProps('automationEnabled', { type: 'checkbox' })}
              label={t('fields.automationEnabled')}
              description={t('hints.automationEnabled')}
              disabled={ro}
            />
            <SimpleGrid cols={2}>
              {num('expiryAlertDays')}
              {num('paymentConfirmLimit', 'paymentConfirmLimit')}
            </SimpleGrid>
            <Switch
              {...form.getInputProps('allowNegativeDeposit', { type: 'checkbox' })}
              label={t('fields.allowNegativeDeposit')}
              disabled={ro}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="isolir">
          <IsolirPagePanel form={form} ro={ro} num={num} />
        </Tabs.Panel>

        <Tabs.Panel value="printing">
          <Stack maw={720}>
            <Input.Wrapper
              label={t('fields.receiptWidth')}
              description={t('hints.receiptWidth')}
              error={form.errors.receiptWidth}
            >
              <SegmentedControl
                mt={6}
                disabled={ro}
                value={String(form.values.receiptWidth)}
                onChange={(v) => form.setFieldValue('receiptWidth', Number(v) as Settings['receiptWidth'])}
                data={[
                  { value: '58', label: '58 mm' },
                  { value: '80', label: '80 mm' },
                ]}
              />
            </Input.Wrapper>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="backup">
          <Stack maw={720}>
            <TextInput {...text('backupFolder')} {...hint('backupFolder')} placeholder={'D:\\Cadangan PPPoE Desk'} />
            {/* Paths may hold commas: Enter adds a folder, nothing splits on typing. */}
            <TagsInput
              {...text('backupAllowedFolders')}
              {...hint('backupAllowedFolders')}
              placeholder={'E:\\'}
              splitChars={[]}
              acceptValueOnBlur
              clearable
            />
            <TimeInput {...text('backupTime')} {...hint('backupTime')} />
            <SimpleGrid cols={3}>
              {num('backupKeepDaily')}
              {num('backupKeepWeekly')}
              {num('backupKeepMonthly')}
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              {t('hints.retention')}
            </Text>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="security">
          <Stack maw={720}>{num('sessionTimeoutMinutes', 'sessionTimeoutMinutes')}</Stack>
        </Tabs.Panel>

        <PortalSettings form={form} ro={ro} port={num('portalPort', 'portalPort')} />
        <LanShareSettings form={form} ro={ro} port={num('lanSharePort', 'lanSharePort')} />

        <Tabs.Panel value="updates">
          <Stack maw={720}>
            <TextInput {...text('updateUrl')} {...hint('updateUrl')} placeholder="http://192.168.1.10/pppoe-desk/" />
            {can('system.admin') && <UpdatesPanel />}
          </Stack>
        </Tabs.Panel>
      </Tabs>
      {canWrite && form.isDirty() && (
        <Group mt="lg">
          <Text size="sm" c="dimmed">
            {t('unsaved')}
          </Text>
        </Group>
      )}
    </form>
  );
}
