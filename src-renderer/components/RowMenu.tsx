import { ActionIcon, Menu } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import type { ReactNode, SyntheticEvent } from 'react';

const stop = (e: SyntheticEvent) => e.stopPropagation();

/**
 * The "…" menu at the end of a list row. Clicks and keys on it stay in the menu: they do not also
 * open the row.
 */
export function RowMenu({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={stop} onKeyDown={stop}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown onClick={stop}>{children}</Menu.Dropdown>
    </Menu>
  );
}
