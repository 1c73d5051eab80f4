import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { contentTestId } from './testIds';

/**
 * A secret the server shows only once (a new API key, a webhook's signing secret): the warning, the
 * value (test id `<testId>-value`), Copy, and the button that closes it. The texts are the caller's.
 */
export function SecretOnceModal({
  secret,
  onClose,
  title,
  testId,
  before,
  texts,
}: {
  /** Null: closed. */
  secret: string | null;
  onClose: () => void;
  title: string;
  testId: string;
  /** Above the warning (what the secret belongs to). */
  before?: ReactNode;
  texts: { once: string; copy: string; copied: string; saved: string };
}) {
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      centered
      size="lg"
      title={<Text fw={600}>{title}</Text>}
      attributes={contentTestId(testId)}
    >
      {secret !== null && (
        <Stack gap="sm">
          {before}
          <Alert color="yellow">{texts.once}</Alert>
          <Code block data-testid={`${testId}-value`}>
            {secret}
          </Code>
          <Group justify="space-between">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? texts.copied : texts.copy}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{texts.saved}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
