import type { StaffMember } from '@clinicops/contracts';
import { Anchor, Switch } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { ALL_FACILITIES, useFacilityScope } from '../shell';
import { employmentLabels, positionLabels, shiftLabels } from './credential-state';
import { useStaffList } from './use-staff';

export function StaffList({ onOpen }: { onOpen: (id: string) => void }) {
  const { facilityId, facilities } = useFacilityScope();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [includeTerminated, setIncludeTerminated] = useState(false);
  const staff = useStaffList({
    q: q || undefined,
    facilityId: facilityId === ALL_FACILITIES ? undefined : facilityId,
    includeTerminated: includeTerminated ? 'true' : 'false',
  });
  const facilityName = useMemo(() => new Map(facilities.map((f) => [f.id, f.name])), [facilities]);

  const columns = useMemo<DataColumn<StaffMember>[]>(
    () => [
      {
        key: 'name',
        header: 'Name',
        value: (s) => `${s.lastName}, ${s.firstName}`,
        render: (s) => (
          <Anchor component="button" type="button" fw={500} ta="left" onClick={() => onOpen(s.id)}>
            {s.firstName} {s.lastName}
          </Anchor>
        ),
      },
      { key: 'position', header: 'Position', value: (s) => positionLabels[s.position] },
      { key: 'facility', header: 'Facility', value: (s) => facilityName.get(s.facilityId) ?? '', visibleFrom: 'md' },
      { key: 'shift', header: 'Shift', value: (s) => (s.shift ? shiftLabels[s.shift] : ''), visibleFrom: 'md' },
      { key: 'employment', header: 'Employment', value: (s) => employmentLabels[s.employmentType] },
      { key: 'hired', header: 'Hired', value: (s) => s.hireDate, visibleFrom: 'lg' },
    ],
    [facilityName, onOpen],
  );

  return (
    <DataTable
      caption="Staff"
      rows={staff.data}
      columns={columns}
      rowKey={(s) => s.id}
      loading={staff.isPending}
      error={staff.error}
      onRetry={() => void staff.refetch()}
      searchLabel="Search staff"
      search={search}
      onSearchChange={setSearch}
      toolbar={
        <Switch
          label="Include former staff"
          checked={includeTerminated}
          onChange={(e) => setIncludeTerminated(e.currentTarget.checked)}
          mb={8}
        />
      }
      exportFileName="staff.csv"
      initialSort={{ key: 'name', direction: 'asc' }}
      emptyTitle={q ? 'No one matches the search' : 'No staff yet'}
      minWidth={760}
    />
  );
}
