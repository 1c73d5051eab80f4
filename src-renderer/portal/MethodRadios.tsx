import { Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { METHOD_KINDS, methodKind, methodName } from './methods';

/**
 * The gateways' methods as radios grouped under QRIS, virtual account, e-wallet and other, each valued
 * `provider:method`; placed inside the screen's own Radio.Group (the portal's pay page, the reseller's top-up).
 */
export function MethodRadios({ methods }: { methods: { provider: string; method: string }[] }) {
  const { t } = useTranslation('portal');
  return (
    <Stack gap="xs" mt="xs">
      {METHOD_KINDS.map((kind) => {
        const of = methods.filter((m) => methodKind(m.method) === kind);
        if (!of.length) return null;
        return (
          <Stack gap={6} key={kind}>
            <Text size="sm" fw={600}>
              {t(`payOnline.kind.${kind}`)}
            </Text>
            {of.map((m) => (
              <Radio
                key={`${m.provider}:${m.method}`}
                value={`${m.provider}:${m.method}`}
                label={methodName(m.method)}
                data-method={m.method}
              />
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}
