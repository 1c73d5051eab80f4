/**
 * `attributes` of a Mantine Modal or Drawer that give its content panel a test id (Mantine types
 * the attribute maps without `data-*` keys, hence the one cast here).
 */
export const contentTestId = (id: string) => ({ content: { 'data-testid': id } as Record<string, string> });
