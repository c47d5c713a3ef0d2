import { Select, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../ui/empty-state';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession } from '../auth';
import { ContractSetup } from './contract-setup';
import { DemandSetup } from './demand-setup';
import { useShiftTypes } from './setup-api';
import { ShiftTypesSetup } from './shift-types-setup';
import { useUnits } from './use-rostering';
import { WorkweekSetup } from './workweek-setup';

/**
 * What a unit's rosters are built from: its shift types, coverage demand and its staff's limits,
 * and the workweek of its facility that overtime is counted in.
 */
export function RosterSetupView() {
  const { can } = useSession();
  const canEdit = can('rostering:write');
  const canSetWorkweek = can('facilities:write');
  const units = useUnits();
  const [chosen, setChosen] = useState<string | null>(null);
  const unit = units.data?.find((u) => u.id === chosen) ?? units.data?.[0] ?? null;
  const shiftTypes = useShiftTypes(unit?.id ?? null);
  return (
    <Stack gap="sm">
      <Select
        label="Unit"
        w={340}
        value={unit?.id ?? null}
        onChange={setChosen}
        allowDeselect={false}
        data={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
      />
      <ProblemAlert error={units.error ?? shiftTypes.error} />
      {units.data && units.data.length === 0 ? <EmptyState title="No rostering units yet" /> : null}
      {unit && shiftTypes.data ? (
        <Tabs defaultValue="shifts" keepMounted={false} variant="pills">
          <Tabs.List mb="md">
            <Tabs.Tab value="shifts">Shift types</Tabs.Tab>
            <Tabs.Tab value="demand">Coverage demand</Tabs.Tab>
            <Tabs.Tab value="contracts">Contract limits</Tabs.Tab>
            <Tabs.Tab value="workweek">Workweek</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="shifts">
            <ShiftTypesSetup unit={unit} shiftTypes={shiftTypes.data} canEdit={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="demand">
            <DemandSetup key={unit.id} unitId={unit.id} shiftTypes={shiftTypes.data} canEdit={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="contracts">
            <ContractSetup key={unit.id} facilityId={unit.facilityId} shiftTypes={shiftTypes.data} canEdit={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="workweek">
            <WorkweekSetup facilityId={unit.facilityId} canEdit={canSetWorkweek} />
          </Tabs.Panel>
        </Tabs>
      ) : null}
    </Stack>
  );
}
