import { Tabs } from '@mantine/core';
import { IconAlertOctagon, IconList } from '@tabler/icons-react';
import { PageHeader } from '../../ui/page-header';
import { useDateFormat } from '../shell';
import { AuditEvents } from './audit-events';
import { BreakGlassList } from './break-glass-list';
import { useAuditParams } from './use-audit-params';

export function AuditPage() {
  const { tab, setTab } = useAuditParams();
  const fmt = useDateFormat();
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every sign-in, change and access to patient data, in an append-only, tamper-evident log. Times in ${fmt.timeZone}.`}
      />
      <Tabs value={tab} onChange={(v) => setTab(v === 'emergency' ? 'emergency' : 'events')} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="events" leftSection={<IconList size={16} aria-hidden />}>
            Events
          </Tabs.Tab>
          <Tabs.Tab value="emergency" leftSection={<IconAlertOctagon size={16} aria-hidden />}>
            Emergency access
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="events">
          <AuditEvents />
        </Tabs.Panel>
        <Tabs.Panel value="emergency">
          <BreakGlassList />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
