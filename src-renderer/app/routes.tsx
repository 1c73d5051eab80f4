import { IconBox, IconUsers, type Icon } from '@tabler/icons-react';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '../../src-shared/permissions';

export interface AppRoute {
  /** Hash path, e.g. `/customers` (the screen gets everything under it: `/customers/12`). */
  path: string;
  /** i18n key with namespace, e.g. `customers:nav`. */
  labelKey: string;
  icon: Icon;
  /** The nav shows the entry only when the signed-in role has this permission. */
  permission: Permission;
  /** Nav group; entries keep their order in this array inside a group. */
  section?: 'main' | 'network' | 'finance' | 'admin';
  component: LazyExoticComponent<ComponentType>;
}

/**
 * Every screen of the app. Add ONE entry per screen (keep the comment line last); the screen file
 * default-exports its component. Only screens that exist belong here.
 */
export const ROUTES: AppRoute[] = [
  { path: '/customers', labelKey: 'customers:nav', icon: IconUsers, permission: 'customers.read', section: 'main', component: lazy(() => import('../screens/customers/CustomersScreen')) },
  { path: '/packages', labelKey: 'packages:nav', icon: IconBox, permission: 'packages.read', section: 'main', component: lazy(() => import('../screens/packages/PackagesScreen')) },
  // ↑ add routes above this line
];

export const SECTIONS = ['main', 'network', 'finance', 'admin'] as const;
