import { Button } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';

/**
 * What a list shows with no rows: "nothing matches" with a button that clears the search and
 * filters, or, when none is set, the empty state of the list itself (what to do first).
 */
export function ListEmpty({
  filtered,
  noMatch,
  onClearFilters,
  clearLabel,
  icon,
  title,
  description,
  actions,
}: {
  filtered: boolean;
  noMatch: { title: string; description: string };
  onClearFilters: () => void;
  clearLabel: string;
  icon: ReactNode;
  title: string;
  description: string;
  actions: ReactNode;
}) {
  return filtered ? (
    <EmptyState
      title={noMatch.title}
      description={noMatch.description}
      actions={
        <Button variant="default" onClick={onClearFilters}>
          {clearLabel}
        </Button>
      }
    />
  ) : (
    <EmptyState icon={icon} title={title} description={description} actions={actions} />
  );
}
