import { Button, FileButton, Group, Image, Input, Paper, Text } from '@mantine/core';
import { IconPhoto, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const MAX_BYTES = 500 * 1024;

/** Reads a picked file as a data: URL (the form stores the logo as text, as the settings API expects). */
export function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/** ISP logo for receipts and invoices: PNG or JPEG up to 500 KB, previewed, removable. */
export function LogoInput({
  value,
  onChange,
  error,
  disabled,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: React.ReactNode;
  disabled?: boolean;
}) {
  const { t } = useTranslation('settings');
  const [localError, setLocalError] = useState<string | null>(null);
  const pick = async (file: File | null) => {
    if (!file) return;
    if (!['image/png', 'image/jpeg'].includes(file.type)) return setLocalError(t('logo.type'));
    if (file.size > MAX_BYTES) return setLocalError(t('logo.size'));
    setLocalError(null);
    onChange(await readAsDataUrl(file));
  };
  return (
    <Input.Wrapper label={t('fields.ispLogo')} description={t('logo.hint')} error={localError ?? error}>
      <Group mt={6} align="center">
        <Paper withBorder w={96} h={96} p={4} style={{ display: 'grid', placeItems: 'center' }}>
          {value ? (
            <Image src={value} alt={t('fields.ispLogo')} fit="contain" mah={86} maw={86} data-testid="logo-preview" />
          ) : (
            <IconPhoto size={32} color="var(--mantine-color-gray-5)" />
          )}
        </Paper>
        <FileButton onChange={(f) => void pick(f)} accept="image/png,image/jpeg" disabled={disabled}>
          {(props) => (
            <Button variant="default" {...props} disabled={disabled}>
              {value ? t('logo.change') : t('logo.choose')}
            </Button>
          )}
        </FileButton>
        {value && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() => onChange('')}
            disabled={disabled}
          >
            {t('logo.remove')}
          </Button>
        )}
        {!value && (
          <Text size="xs" c="dimmed">
            {t('logo.none')}
          </Text>
        )}
      </Group>
    </Input.Wrapper>
  );
}
