// The shell's public surface: layout, facility scope and zone-aware formatting for every module.
export { AppLayout } from './app-layout';
export { ALL_FACILITIES, FacilityProvider, type FacilityScope, useFacilityScope } from './facility-context';
export type { NavEntry } from './nav-entry';
export { NotFoundPage } from './not-found-page';
export { RequirePermission } from './require-permission';
export { useDateFormat } from './use-date-format';
