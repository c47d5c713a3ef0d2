import {
  IconApi,
  IconCalendarEvent,
  IconCalendarUser,
  IconCalendarWeek,
  IconId,
  IconLayoutDashboard,
  IconMail,
  IconSettings,
  IconShieldCheck,
  IconUserHeart,
  IconUsers,
} from '@tabler/icons-react';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { NavEntry } from './modules/shell';

// The module registry: one line per module gives it a route, a sidebar link and its permission.
// Pages load lazily so a front-desk tablet does not download the audit screens it never opens.

export type AppModule = NavEntry & { page?: LazyExoticComponent<ComponentType> };

export const appModules: readonly AppModule[] = [
  {
    path: '/',
    label: 'Dashboard',
    icon: IconLayoutDashboard,
    page: lazy(() => import('./modules/dashboard').then((m) => ({ default: m.DashboardPage }))),
  },
  {
    path: '/schedule',
    label: 'Schedule',
    icon: IconCalendarEvent,
    permission: 'appointments:read',
    page: lazy(() => import('./modules/scheduling').then((m) => ({ default: m.SchedulePage }))),
  },
  {
    path: '/staff',
    label: 'Staff & credentials',
    icon: IconId,
    permission: 'staff:read',
    page: lazy(() => import('./modules/staff').then((m) => ({ default: m.StaffPage }))),
  },
  {
    path: '/rostering',
    label: 'Rostering',
    icon: IconCalendarWeek,
    permission: 'rostering:write',
    page: lazy(() => import('./modules/rostering').then((m) => ({ default: m.RosteringPage }))),
  },
  {
    path: '/my-shifts',
    label: 'My shifts',
    icon: IconCalendarUser,
    permission: 'rostering:read',
    page: lazy(() => import('./modules/rostering').then((m) => ({ default: m.MyShiftsPage }))),
  },
  {
    path: '/patients',
    label: 'Patients',
    icon: IconUserHeart,
    permission: 'patients:read',
    page: lazy(() => import('./modules/patients').then((m) => ({ default: m.PatientsPage }))),
  },
  {
    path: '/users',
    label: 'Users & roles',
    icon: IconUsers,
    permission: 'users:read',
    page: lazy(() => import('./modules/users').then((m) => ({ default: m.UsersPage }))),
  },
  {
    path: '/audit',
    label: 'Audit log',
    icon: IconShieldCheck,
    permission: 'audit:read',
    page: lazy(() => import('./modules/audit').then((m) => ({ default: m.AuditPage }))),
  },
  {
    path: '/outbox',
    label: 'Email outbox',
    icon: IconMail,
    permission: 'users:write',
    page: lazy(() => import('./modules/email').then((m) => ({ default: m.OutboxPage }))),
  },
  {
    path: '/account',
    label: 'Account settings',
    icon: IconSettings,
    hidden: true,
    page: lazy(() => import('./modules/account').then((m) => ({ default: m.AccountPage }))),
  },
  { path: '/api/docs', label: 'API docs', icon: IconApi, external: true },
];
