import { Button, Modal, Stack, Text } from '@mantine/core';
import { IconBrandWhatsapp, IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { translateApiMessage } from '../../components';
import { base64Blob, saveBlob } from '../../lib/download';

export type Receipt = OutputOf<'collector.receipt'>;

/** The receipt of one of the collector's payments: the desk's PDF, and the WhatsApp text to the customer. */
export function ReceiptDialog({ receipt, onClose }: { receipt: Receipt | null; onClose: () => void }) {
  const { t } = useTranslation('collectors');
  return (
    <Modal opened={!!receipt} onClose={onClose} title={t('receipt.title')}>
      {receipt && (
        <Stack gap="sm">
          <Button
            leftSection={<IconFileTypePdf size={18} />}
            variant="light"
            onClick={() => saveBlob(base64Blob(receipt.base64, receipt.mimeType), receipt.filename)}
          >
            {t('receipt.pdf')}
          </Button>
          {receipt.waUrl ? (
            <Button
              component="a"
              href={receipt.waUrl}
              target="_blank"
              rel="noopener"
              color="green"
              leftSection={<IconBrandWhatsapp size={18} />}
              data-testid="receipt-wa"
            >
              {t('receipt.whatsapp')}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t('receipt.noWhatsapp', { reason: translateApiMessage(receipt.waProblem ?? '') })}
            </Text>
          )}
        </Stack>
      )}
    </Modal>
  );
}
