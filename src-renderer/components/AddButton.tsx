import { Button, Group, Kbd, Tooltip } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';

/** The screen's "add" action; its Alt+N shortcut is bound by the screen (useHotkeys) and shown on hover. */
export function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Tooltip
      label={
        <Group gap={4}>
          <Kbd size="xs">Alt</Kbd>+<Kbd size="xs">N</Kbd>
        </Group>
      }
      openDelay={500}
    >
      <Button leftSection={<IconPlus size={16} />} onClick={onClick}>
        {label}
      </Button>
    </Tooltip>
  );
}
