import { type ComplianceMatrix, CredentialState, StaffPosition } from '@clinicops/contracts';
import { Anchor, Group, Select, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { StatusBadge } from '../../ui/status-badge';
import { ALL_FACILITIES, useFacilityScope } from '../shell';
import { CredentialBadge } from './credential-badge';
import { positionLabels, stateLabel } from './credential-state';
import { FacilityCredentialsSection } from './facility-credentials';
import { useCompliance } from './use-staff';

type Row = ComplianceMatrix['rows'][number];

const positionOptions = StaffPosition.options.map((p) => ({ value: p, label: positionLabels[p] }));
const stateOptions = CredentialState.options.map((s) => ({
  value: s,
  label: s.startsWith('expiring_') ? `Expiring within ${s.slice(9)} days` : stateLabel(s, null),
}));

export function ComplianceMatrixView({ onOpen }: { onOpen: (id: string) => void }) {
  const { facilityId } = useFacilityScope();
  const [position, setPosition] = useState<StaffPosition | null>(null);
  const [state, setState] = useState<CredentialState | null>(null);
  const matrix = useCompliance({
    facilityId: facilityId === ALL_FACILITIES ? undefined : facilityId,
    position: position ?? undefined,
    state: state ?? undefined,
  });
  const cols = matrix.data?.columns;

  const columns = useMemo<DataColumn<Row>[]>(
    () => [
      {
        key: 'name',
        header: 'Name',
        value: (r) => r.name,
        render: (r) => (
          <Anchor component="button" type="button" fw={500} ta="left" onClick={() => onOpen(r.staffMemberId)}>
            {r.name}
          </Anchor>
        ),
      },
      { key: 'position', header: 'Position', value: (r) => positionLabels[r.position] },
      {
        key: 'qualified',
        header: 'May work',
        value: (r) => (r.qualified ? 'Yes' : 'No'),
        render: (r) => <StatusBadge tone={r.qualified ? 'ok' : 'danger'}>{r.qualified ? 'Yes' : 'No'}</StatusBadge>,
      },
      ...(cols ?? []).map(
        (c, i): DataColumn<Row> => ({
          key: `req-${c.family}`,
          header: c.label,
          value: (r) => r.cells[i]?.state ?? '',
          render: (r) => {
            const cell = r.cells[i];
            if (!cell)
              return (
                <Text span c="dimmed" size="sm">
                  Not required
                </Text>
              );
            return <CredentialBadge state={cell.state} daysLeft={cell.daysLeft} reasons={cell.reasons} />;
          },
        }),
      ),
    ],
    [cols, onOpen],
  );

  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        Each person against the credentials their position requires, as of {matrix.data?.date ?? 'today'}.
      </Text>
      <DataTable
        caption="Credential compliance"
        rows={matrix.data?.rows}
        columns={columns}
        rowKey={(r) => r.staffMemberId}
        loading={matrix.isPending}
        error={matrix.error}
        onRetry={() => void matrix.refetch()}
        searchLabel="Filter by name"
        toolbar={
          <Group gap="sm" mb={8}>
            <Select
              label="Position"
              placeholder="Any"
              data={positionOptions}
              value={position}
              onChange={(v) => setPosition(v as StaffPosition | null)}
              clearable
            />
            <Select
              label="Status"
              placeholder="Any"
              data={stateOptions}
              value={state}
              onChange={(v) => setState(v as CredentialState | null)}
              clearable
            />
          </Group>
        }
        exportFileName="credential-compliance.csv"
        initialSort={{ key: 'name', direction: 'asc' }}
        emptyTitle="No one to show"
        emptyDescription="No staff member matches these filters."
        minWidth={900}
      />
      <FacilityCredentialsSection />
    </>
  );
}
