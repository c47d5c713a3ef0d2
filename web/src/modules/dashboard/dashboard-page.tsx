import { SimpleGrid, Skeleton, Text } from '@mantine/core';
import { IconLayoutDashboard } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { dashboardApi } from '../../lib/api';
import { hourIn } from '../../lib/format';
import { EmptyState } from '../../ui/empty-state';
import { PageHeader } from '../../ui/page-header';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession } from '../auth';
import { useFacilityScope } from '../shell';
import { DashboardCard } from './dashboard-card';

function greeting(hour: number): string {
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

export function DashboardPage() {
  const { me } = useSession();
  const { timeZone, facility } = useFacilityScope();
  const q = useQuery({ queryKey: ['dashboard'], queryFn: dashboardApi.get });

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={
          <Text size="sm" data-testid="greeting">
            {greeting(hourIn(timeZone))}, {me.user.displayName} — {me.organization.name}
            {facility ? ` · ${facility.name}` : ''}
          </Text>
        }
      />
      <ProblemAlert error={q.error} title="The dashboard could not be loaded" onRetry={() => void q.refetch()} />
      {q.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 4 }} aria-busy>
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <Skeleton key={i} h={140} radius="md" />
          ))}
        </SimpleGrid>
      ) : null}
      {q.data && q.data.cards.length === 0 ? (
        <EmptyState
          icon={<IconLayoutDashboard size={28} aria-hidden />}
          title="Nothing needs your attention"
          description="Cards appear here as modules report shifts, credentials, claims and tasks."
        />
      ) : null}
      {q.data && q.data.cards.length > 0 ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 4 }} component="section" aria-label="Summary cards">
          {q.data.cards.map((card) => (
            <DashboardCard key={card.key} card={card} />
          ))}
        </SimpleGrid>
      ) : null}
    </>
  );
}
