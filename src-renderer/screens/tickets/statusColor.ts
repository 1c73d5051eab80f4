/** Badge colours of a ticket's status, the same on the list and in the drawer. */
export const STATUS_COLOR = { open: 'orange', answered: 'blue', closed: 'gray' } as const;
