import { Tabs } from '@mantine/core';
import { useSession } from '../auth';
import { ExceptionsSetup } from './exceptions-setup';
import { HoursSetup } from './hours-setup';
import { ReminderSettingsPanel } from './reminder-settings';
import { ResourcesSetup } from './resources-setup';
import { TypesSetup } from './types-setup';

/** The schedule's setup: bookable resources, appointment types, weekly hours, closures and reminders. */
export function SetupView({ facilityId }: { facilityId: string | null }) {
  const { can } = useSession();
  const canEdit = can('appointments:write');
  return (
    <Tabs defaultValue="resources" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="resources">Resources</Tabs.Tab>
        <Tabs.Tab value="types">Appointment types</Tabs.Tab>
        <Tabs.Tab value="hours">Weekly hours</Tabs.Tab>
        <Tabs.Tab value="exceptions">Closures and leave</Tabs.Tab>
        <Tabs.Tab value="reminders">Reminders</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="resources">
        <ResourcesSetup facilityId={facilityId} canEdit={canEdit} />
      </Tabs.Panel>
      <Tabs.Panel value="types">
        <TypesSetup facilityId={facilityId} canEdit={canEdit} />
      </Tabs.Panel>
      <Tabs.Panel value="hours">
        <HoursSetup facilityId={facilityId} canEdit={canEdit} />
      </Tabs.Panel>
      <Tabs.Panel value="exceptions">
        <ExceptionsSetup facilityId={facilityId} canEdit={canEdit} />
      </Tabs.Panel>
      <Tabs.Panel value="reminders">
        <ReminderSettingsPanel canEdit={can('rostering:write')} canRun={canEdit} />
      </Tabs.Panel>
    </Tabs>
  );
}
