import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { DeskCustomer } from './deskTypes';

/**
 * The cash desk's customer search: the matches for what was typed (150 ms after the last key), the
 * highlighted one, and Enter pressed before the matches arrived, which takes the first match (`onPick`).
 */
export function useDeskSearch(onPick: (c: DeskCustomer) => void) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 150);
  const [results, setResults] = useState<DeskCustomer[]>([]);
  const [searching, setSearching] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const enterPending = useRef<string | null>(null);

  // A new search text: searching from this render on; an empty box shows no matches.
  const [asked, setAsked] = useState(debounced);
  if (debounced !== asked) {
    setAsked(debounced);
    setSearching(!!debounced);
    if (!debounced) setResults([]);
  }

  const answered = useEffectEvent((found: DeskCustomer[]) => {
    setSearching(false);
    setResults(found);
    setHighlight(0);
    // Enter pressed before the matches arrived: a fast typist means "take the first one".
    if (enterPending.current === debounced && found[0]) {
      enterPending.current = null;
      onPick(found[0]);
    }
  });
  useEffect(() => {
    if (!debounced) return;
    let live = true; // an answer to an older text is dropped
    void api('cashdesk.lookup', { query: debounced, limit: 8 }).then((r) => {
      if (live) answered(r.ok ? r.value.customers : []);
    });
    return () => {
      live = false;
    };
  }, [debounced]);

  return {
    query,
    setQuery,
    /** The text the shown matches are for (trimmed, debounced). */
    debounced,
    results,
    searching,
    highlight,
    setHighlight,
    clearResults: () => setResults([]),
    /** Enter with no match yet: take the first match for `typed` when it comes. */
    pickWhenFound: (typed: string | null) => {
      enterPending.current = typed;
    },
  };
}
