import {
  Badge,
  Fieldset,
  Grid,
  Group,
  SegmentedControl,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import {
  IntegerInput,
  integerRule,
  integerText,
  integerValue,
  MoneyInput,
  NameAndActiveFields,
  rupiahRule,
  rupiahText,
  rupiahValue,
  useResetOnOpen,
  FormDialog,
  contentTestId,
} from '../../components';
import {
  BILLING_CYCLES,
  DEFAULT_DURATION_DAYS,
  type BillingCycle,
  type InternetPackage,
} from '../../../src-shared/contract/packages';
import { api } from '../../api/client';
import { applyApiError } from '../../components/apiError';
import { formatBandwidth } from '../../lib/format';
import { BrandField, brandChange } from '../brands/BrandField';
import { useBrands, usePreselectBrand } from '../brands/useBrands';

interface Values {
  name: string;
  description: string;
  bandwidthDown: string;
  bandwidthUp: string;
  price: string;
  billingCycle: BillingCycle;
  durationDays: string;
  isActive: boolean;
  ipPool: string;
  profileName: string;
  features: string[];
  /** The brand (a picker only when there are several active brands). */
  brandId: string;
}

const toValues = (p?: InternetPackage | null): Values => ({
  name: p?.name ?? '',
  description: p?.description ?? '',
  bandwidthDown: integerText(p?.bandwidthDown, true),
  bandwidthUp: integerText(p?.bandwidthUp, true),
  price: rupiahText(p?.price),
  billingCycle: p?.billingCycle ?? 'monthly',
  durationDays: integerText(p?.durationDays ?? DEFAULT_DURATION_DAYS.monthly),
  isActive: p?.isActive ?? true,
  ipPool: p?.ipPool ?? '',
  profileName: p?.profileName ?? '',
  features: p?.features ?? [],
  brandId: p ? String(p.brandId) : '',
});

const NUMBER = { required: false };
const KBPS = { min: 8, max: 100_000_000 };

const mbpsHint = (v: string) => {
  const n = integerValue(v, KBPS);
  return n !== undefined && n > 0 ? `= ${formatBandwidth(n)}` : undefined;
};

interface Props {
  opened: boolean;
  pkg: InternetPackage | null;
  readOnly?: boolean;
  onClose: () => void;
  onSaved: (p: InternetPackage) => void;
}

/** Create / edit an internet package. Bandwidth in kbps (Mbps shown as a hint), price in whole rupiah. */
export function PackageForm({ opened, pkg, readOnly = false, onClose, onSaved }: Props) {
  const { t } = useTranslation('packages');
  const brands = useBrands();
  const form = useForm<Values>({
    initialValues: toValues(pkg),
    // Only what cannot be sent as a number is stopped here ("-5", "1o24"); empty fields and ranges
    // are the API's, so a save shows every field's message at once (name, profile, speeds…).
    validate: {
      bandwidthDown: integerRule(NUMBER),
      bandwidthUp: integerRule(NUMBER),
      price: rupiahRule(NUMBER),
      durationDays: integerRule(NUMBER),
    },
    validateInputOnBlur: ['bandwidthDown', 'bandwidthUp', 'price', 'durationDays'],
  });
  useResetOnOpen(form, opened, pkg?.id, () => toValues(pkg));
  usePreselectBrand(opened, form.values.brandId, brands, (v) => form.setFieldValue('brandId', v));

  const setCycle = (c: BillingCycle) => {
    // The duration follows the cycle unless someone typed their own value.
    const prev = DEFAULT_DURATION_DAYS[form.values.billingCycle];
    const typed = form.values.durationDays;
    if (typed.trim() === '' || integerValue(typed) === prev)
      form.setFieldValue('durationDays', integerText(DEFAULT_DURATION_DAYS[c]));
    form.setFieldValue('billingCycle', c);
  };

  const submit = form.onSubmit(async (v) => {
    const fields = {
      name: v.name,
      description: v.description,
      bandwidthDown: integerValue(v.bandwidthDown)!,
      bandwidthUp: integerValue(v.bandwidthUp)!,
      price: rupiahValue(v.price)!,
      billingCycle: v.billingCycle,
      durationDays: integerValue(v.durationDays),
      isActive: v.isActive,
      ipPool: v.ipPool,
      // Empty: a new package gets a profile name derived from its name; an edit keeps the old one.
      ...(v.profileName.trim() ? { profileName: v.profileName } : {}),
      features: v.features,
      ...brandChange(brands, v.brandId, pkg),
    };
    const r = pkg ? await api('packages.update', { id: pkg.id, ...fields }) : await api('packages.create', fields);
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({
      color: 'teal',
      message: pkg ? t('updated', { name: r.value.name }) : t('created', { name: r.value.name }),
    });
    onSaved(r.value);
  });

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="xl"
      title={
        <Group gap="xs">
          <Text fw={600}>{readOnly ? t('viewTitle') : pkg ? t('editTitle') : t('newTitle')}</Text>
          {pkg && pkg.accounts + pkg.subscriptions > 0 && (
            <Badge variant="light" color="blue" tt="none">
              {t('usedBy', { accounts: pkg.accounts, subscriptions: pkg.subscriptions })}
            </Badge>
          )}
        </Group>
      }
      attributes={contentTestId('package-form')}
      onSubmit={submit}
      saveOnCtrlEnter
      noValidate
      readOnly={readOnly}
      submitting={form.submitting}
      footerStart={
        <Text size="xs" c="dimmed">
          {readOnly ? '' : t('customers:saveHint')}
        </Text>
      }
      footerMt="xs"
    >
      <Fieldset variant="unstyled" disabled={readOnly} p={0}>
        <Grid gap="sm">
          <BrandField brands={brands} current={pkg?.brandId} input={form.getInputProps('brandId')} />
          <NameAndActiveFields
            name={{ label: t('field.name'), ...form.getInputProps('name') }}
            active={{
              label: t('field.isActive'),
              description: t('isActiveHint'),
              ...form.getInputProps('isActive', { type: 'checkbox' }),
            }}
          />
          <Grid.Col span={12}>
            <Textarea
              label={t('field.description')}
              autosize
              minRows={1}
              maxRows={4}
              {...form.getInputProps('description')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <IntegerInput
              label={t('field.bandwidthDown')}
              withAsterisk
              group
              rightSection="kbps"
              rightSectionWidth={48}
              description={mbpsHint(form.values.bandwidthDown) ?? t('kbpsHint')}
              {...form.getInputProps('bandwidthDown')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <IntegerInput
              label={t('field.bandwidthUp')}
              withAsterisk
              group
              rightSection="kbps"
              rightSectionWidth={48}
              description={mbpsHint(form.values.bandwidthUp) ?? t('kbpsHint')}
              {...form.getInputProps('bandwidthUp')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <MoneyInput
              label={t('field.price')}
              withAsterisk
              description={t('priceHint')}
              {...form.getInputProps('price')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('field.billingCycle')}
              </Text>
              <SegmentedControl
                fullWidth
                aria-label={t('field.billingCycle')}
                data-testid="billing-cycle"
                value={form.values.billingCycle}
                onChange={(v) => setCycle(v as BillingCycle)}
                data={BILLING_CYCLES.map((c) => ({ value: c, label: t(`cycle.${c}`) }))}
                disabled={readOnly}
              />
              {form.errors.billingCycle && (
                <Text size="xs" c="red">
                  {form.errors.billingCycle}
                </Text>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <IntegerInput
              label={t('field.durationDays')}
              rightSection={t('days')}
              rightSectionWidth={48}
              {...form.getInputProps('durationDays')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('field.profileName')}
              description={t('profileHint')}
              placeholder={pkg ? undefined : t('profileAuto')}
              {...form.getInputProps('profileName')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('field.ipPool')}
              description={t('ipPoolHint')}
              placeholder="pool-pppoe"
              {...form.getInputProps('ipPool')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <TagsInput
              label={t('field.features')}
              description={t('featuresHint')}
              placeholder={form.values.features.length ? undefined : t('featuresPlaceholder')}
              clearable
              splitChars={[',']}
              maxTags={30}
              {...form.getInputProps('features')}
            />
          </Grid.Col>
        </Grid>
      </Fieldset>
    </FormDialog>
  );
}
