import {
  Anchor,
  AppShell,
  Avatar,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  Menu,
  NavLink,
  ScrollArea,
  Select,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconExternalLink, IconLogout, IconSettings } from '@tabler/icons-react';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from '../../ui/error-boundary';
import { useSession, useSignOut } from '../auth';
import { BreakGlassBanner } from './break-glass-banner';
import { ALL_FACILITIES, useFacilityScope } from './facility-context';
import { IdleGuard } from './idle-guard';
import { type NavEntry, visibleEntries } from './nav-entry';

export function AppLayout({ entries }: { entries: readonly NavEntry[] }) {
  const [navOpen, nav] = useDisclosure(false);
  const location = useLocation();
  const { me } = useSession();

  return (
    <>
      <Anchor href="#main" className="skip-link">
        Skip to main content
      </Anchor>
      <AppShell
        header={{ height: me.breakGlass ? 92 : 60 }}
        navbar={{ width: { base: 240, sm: 200, lg: 240 }, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
        padding="md"
      >
        <AppShell.Header>
          <BreakGlassBanner />
          <Group h={60} px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={navOpen} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
              <Text component={Link} to="/" fw={800} size="lg" c="blue.8" style={{ textDecoration: 'none' }}>
                ClinicOps
              </Text>
              <Text size="sm" c="dimmed" visibleFrom="md" truncate maw={260} data-testid="organization-name">
                {me.organization.name}
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <FacilitySwitcher />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="xs" aria-label="Main navigation" component="nav">
          <AppShell.Section grow component={ScrollArea}>
            <SideNav entries={entries} onNavigate={nav.close} />
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id="main" tabIndex={-1}>
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense
              fallback={
                <Center py="xl">
                  <Loader aria-label="Loading page" />
                </Center>
              }
            >
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </AppShell.Main>
      </AppShell>
      <IdleGuard />
    </>
  );
}

function isActive(path: string, pathname: string): boolean {
  return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
}

function SideNav({ entries, onNavigate }: { entries: readonly NavEntry[]; onNavigate: () => void }) {
  const { can } = useSession();
  const { pathname } = useLocation();
  return (
    <>
      {visibleEntries(entries, can).map((e) => {
        const Icon = e.icon;
        const icon = <Icon size={18} aria-hidden />;
        if (e.external) {
          return (
            <NavLink
              key={e.path}
              component="a"
              href={e.path}
              target="_blank"
              rel="noopener"
              label={e.label}
              leftSection={icon}
              rightSection={<IconExternalLink size={14} aria-hidden />}
            />
          );
        }
        const active = isActive(e.path, pathname);
        return (
          <NavLink
            key={e.path}
            component={Link}
            to={e.path}
            label={e.label}
            leftSection={icon}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
          />
        );
      })}
    </>
  );
}

function FacilitySwitcher() {
  const { facilityId, facilities, setFacilityId } = useFacilityScope();
  const data = [{ value: ALL_FACILITIES, label: 'All facilities' }, ...facilities.map((f) => ({ value: f.id, label: f.name }))];
  return (
    <Select
      aria-label="Facility"
      data={data}
      value={facilityId}
      onChange={(v) => v && setFacilityId(v)}
      allowDeselect={false}
      w={{ base: 170, sm: 230 }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

function UserMenu() {
  const { me } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const initials = me.user.displayName
    .split(/\s+/)
    .map((p) => p[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          px="xs"
          aria-label={`Account menu for ${me.user.displayName}`}
          rightSection={<IconChevronDown size={14} aria-hidden />}
        >
          <Group gap={8} wrap="nowrap">
            <Avatar size={28} radius="xl" color="blue">
              {initials}
            </Avatar>
            <Text size="sm" visibleFrom="md" truncate maw={160}>
              {me.user.displayName}
            </Text>
          </Group>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.email}</Menu.Label>
        <Menu.Item leftSection={<IconSettings size={16} aria-hidden />} onClick={() => navigate('/account')}>
          Account settings
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
