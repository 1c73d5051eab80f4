import { useRoute } from 'wouter';

/**
 * The numeric record id of a route such as `/:id` or `/:id/edit`, or null when the route does not
 * match or its id is not a whole number (a typo in a deep link opens nothing).
 */
export function useRouteId(pattern: string): number | null {
  const [matches, params] = useRoute<{ id: string }>(pattern);
  return matches && params && /^\d+$/.test(params.id) ? Number(params.id) : null;
}
