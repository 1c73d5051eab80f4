import { Alert, Button, Grid, PasswordInput, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Router, RouterTestResult } from '../../../src-shared/contract/routers';
import { api } from '../../api/client';
import {
  applyApiError,
  IntegerInput,
  integerRule,
  integerText,
  integerValue,
  NameAndActiveFields,
  notifyApiError,
  useResetOnOpen,
  FormDialog,
  contentTestId,
} from '../../components';
import { RouterMessage } from '../sync/RouterMessage';
import { BrandField, brandChange } from '../brands/BrandField';
import { useBrands, usePreselectBrand } from '../brands/useBrands';

interface Values {
  name: string;
  host: string;
  port: string;
  useTls: boolean;
  username: string;
  password: string;
  isolirProfile: string;
  notes: string;
  isActive: boolean;
  /** The brand (a picker only when there are several active brands). */
  brandId: string;
}

const toValues = (r?: Router | null): Values => ({
  name: r?.name ?? '',
  host: r?.host ?? '',
  port: integerText(r?.port ?? 8728),
  useTls: r?.useTls ?? false,
  username: r?.username ?? 'admin',
  password: '',
  isolirProfile: r?.isolirProfile ?? 'ISOLIR',
  notes: r?.notes ?? '',
  isActive: r?.isActive ?? true,
  brandId: r ? String(r.brandId) : '',
});

/** Shows what "Test" found: identity, RouterOS version, uptime, or the reason it failed. */
export function TestResultView({ result }: { result: RouterTestResult | null }) {
  const { t } = useTranslation('network');
  if (!result) return null;
  if (result.ok)
    return (
      <Alert color="teal" title={t('router.testOk')} data-testid="router-test-result" data-ok="true">
        <Text size="sm">
          {t('router.identity')}: <b>{result.identity}</b> · RouterOS <b>{result.version}</b> · {t('router.uptime')}{' '}
          <b>{result.uptime}</b>
          {result.boardName ? ` · ${result.boardName}` : ''} · {result.ms} ms
        </Text>
      </Alert>
    );
  return (
    <Alert
      color="red"
      title={t(`router.reason.${result.reason ?? 'error'}`, { defaultValue: t('router.reason.error') })}
      data-testid="router-test-result"
      data-ok="false"
    >
      {result.message && <RouterMessage message={result.message} />}
    </Alert>
  );
}

interface Props {
  opened: boolean;
  router: Router | null;
  readOnly?: boolean;
  onClose: () => void;
  onSaved: (r: Router) => void;
}

/** Add / edit a router. The password field is empty on edit: leave it empty to keep the stored one. */
export function RouterForm({ opened, router, readOnly = false, onClose, onSaved }: Props) {
  const { t } = useTranslation('network');
  const brands = useBrands();
  const form = useForm<Values>({
    initialValues: toValues(router),
    validate: { port: integerRule({ min: 1, max: 65535, required: false }) },
    validateInputOnBlur: ['port'],
  });
  const [test, setTest] = useState<RouterTestResult | null>(null);
  const [testing, setTesting] = useState(false);
  useResetOnOpen(
    form,
    opened,
    router?.id,
    () => toValues(router),
    () => setTest(null),
  );
  usePreselectBrand(opened, form.values.brandId, brands, (v) => form.setFieldValue('brandId', v));

  const fields = (v: Values) => ({
    name: v.name,
    host: v.host,
    port: integerValue(v.port),
    useTls: v.useTls,
    username: v.username,
    isolirProfile: v.isolirProfile,
    notes: v.notes,
    isActive: v.isActive,
    ...brandChange(brands, v.brandId, router),
  });

  const runTest = async () => {
    if (form.validateField('port').hasError) return;
    setTesting(true);
    setTest(null);
    const v = form.values;
    const r = await api('routers.test', {
      ...(router ? { id: router.id } : {}),
      host: v.host.trim() || undefined,
      port: integerValue(v.port),
      useTls: v.useTls,
      username: v.username.trim() || undefined,
      ...(v.password ? { password: v.password } : {}),
    });
    setTesting(false);
    if (!r.ok) return void applyApiError(form, r.error);
    setTest(r.value);
  };

  const submit = form.onSubmit(async (v) => {
    const r = router
      ? await api('routers.update', { id: router.id, ...fields(v), ...(v.password ? { password: v.password } : {}) })
      : await api('routers.create', { ...fields(v), password: v.password });
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({
      color: 'teal',
      message: t(router ? 'router.updated' : 'router.created', { name: r.value.name }),
    });
    onSaved(r.value);
  });

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="lg"
      title={<Text fw={600}>{router ? t('router.editTitle') : t('router.newTitle')}</Text>}
      attributes={contentTestId('router-form')}
      onSubmit={submit}
      saveOnCtrlEnter
      noValidate
      readOnly={readOnly}
      submitting={form.submitting}
      footerStart={
        <Button
          variant="light"
          leftSection={<IconPlugConnected size={16} />}
          loading={testing}
          onClick={() => void runTest().catch((e) => notifyApiError({ code: 'INTERNAL', message: String(e) }))}
          data-testid="router-test"
        >
          {t('router.test')}
        </Button>
      }
      footerMt="xs"
    >
      <Grid gap="sm">
        <BrandField
          brands={brands}
          current={router?.brandId}
          disabled={readOnly}
          input={form.getInputProps('brandId')}
        />
        <NameAndActiveFields
          name={{
            label: t('router.name'),
            placeholder: t('router.namePlaceholder'),
            disabled: readOnly,
            ...form.getInputProps('name'),
          }}
          active={{
            label: t('router.isActive'),
            disabled: readOnly,
            ...form.getInputProps('isActive', { type: 'checkbox' }),
          }}
        />
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput
            label={t('router.host')}
            withAsterisk
            placeholder="192.168.88.1"
            disabled={readOnly}
            {...form.getInputProps('host')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <IntegerInput label={t('router.port')} disabled={readOnly} {...form.getInputProps('port')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Switch
            label={t('router.useTls')}
            description={t('router.useTlsHint')}
            disabled={readOnly}
            checked={form.values.useTls}
            onChange={(e) => {
              const tls = e.currentTarget.checked;
              form.setFieldValue('useTls', tls);
              if (['8728', '8729', ''].includes(form.values.port.trim()))
                form.setFieldValue('port', tls ? '8729' : '8728');
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('router.username')}
            withAsterisk
            autoComplete="off"
            disabled={readOnly}
            {...form.getInputProps('username')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <PasswordInput
            label={t('router.password')}
            withAsterisk={!router}
            autoComplete="new-password"
            description={router?.hasPassword ? t('router.passwordKeep') : undefined}
            disabled={readOnly}
            {...form.getInputProps('password')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('router.isolirProfile')}
            description={t('router.isolirHint')}
            disabled={readOnly}
            {...form.getInputProps('isolirProfile')}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea
            label={t('router.notes')}
            autosize
            minRows={1}
            maxRows={3}
            disabled={readOnly}
            {...form.getInputProps('notes')}
          />
        </Grid.Col>
      </Grid>
      <TestResultView result={test} />
    </FormDialog>
  );
}
