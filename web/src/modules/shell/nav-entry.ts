import type { Permission } from '@clinicops/contracts';
import type { ComponentType } from 'react';

/** One line per module in app-modules.tsx builds both its route and its sidebar link. */
export type NavEntry = {
  path: string;
  label: string;
  icon: ComponentType<{ size?: number | string; 'aria-hidden'?: boolean }>;
  /** Hidden from the sidebar and refused by the route without it. */
  permission?: Permission;
  /** Served by the API server itself (e.g. /api/docs), opened outside the single-page app. */
  external?: boolean;
  /** Routed but reached another way (e.g. Account settings from the user menu). */
  hidden?: boolean;
};

export function visibleEntries(entries: readonly NavEntry[], can: (p: Permission) => boolean): NavEntry[] {
  return entries.filter((e) => !e.hidden && (!e.permission || can(e.permission)));
}
