import { Stack } from '@mantine/core';
import { useSession } from '../auth';
import { ReminderSettingsPanel } from './reminder-settings';

/** The schedule's setup: reminders (and the bookable resources, types and hours). */
export function SetupView(_: { facilityId: string | null }) {
  const { can } = useSession();
  return (
    <Stack>
      <ReminderSettingsPanel canEdit={can('rostering:write')} />
    </Stack>
  );
}
