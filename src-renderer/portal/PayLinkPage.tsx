import { Anchor, Box, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { PayView } from './PayView';

/** The token of a pay link (`/bayar/<token>`), or null on any other address. */
export function payLinkToken(pathname: string): string | null {
  const m = /^\/bayar\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  return m ? m[1]! : null;
}

/** A reminder's or the isolir page's pay link: one invoice, paid online without signing in. */
export function PayLinkPage({ token }: { token: string }) {
  const { t } = useTranslation('portal');
  return (
    <Box maw={560} mx="auto" p="sm">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={1} fz="xl">
          {t('payOnline.title')}
        </Title>
        <LanguageSwitch />
      </Group>
      <PayView target={{ token }} />
      <Text size="sm" mt="md" ta="center">
        <Anchor href="/">{t('payOnline.toPortal')}</Anchor>
      </Text>
    </Box>
  );
}
