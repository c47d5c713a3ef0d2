import type { PatientSummary } from '@clinicops/contracts';
import { Anchor, Button, Group, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClockShield, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { PageHeader } from '../../ui/page-header';
import { StatusBadge } from '../../ui/status-badge';
import { useSession } from '../auth';
import { RetentionSettingsModal } from '../records';
import { birthDateLabel, familyGiven } from './labels';
import { PatientDrawer } from './patient-drawer';
import { usePatientSearch } from './patients-api';
import { RegisterPatientModal } from './register-patient-modal';

const statusTone = { active: 'ok', inactive: 'neutral', deceased: 'neutral', merged: 'neutral' } as const;

export function PatientsPage() {
  const { can } = useSession();
  const [search, setSearch] = useState('');
  // Short debounce: results appear while the front desk is still typing.
  const [q] = useDebouncedValue(search.trim(), 150);
  const results = usePatientSearch(q);
  const [openId, setOpenId] = useState<string | null>(null);
  const [registerOpen, setRegisterOpen] = useState(false);
  const [retentionOpen, setRetentionOpen] = useState(false);

  const columns = useMemo<DataColumn<PatientSummary>[]>(
    () => [
      {
        key: 'name',
        header: 'Name',
        value: (p) => familyGiven(p),
        render: (p) => (
          <Anchor component="button" type="button" fw={500} ta="left" onClick={() => setOpenId(p.id)}>
            {familyGiven(p)}
            {p.preferredName ? ` ("${p.preferredName}")` : ''}
          </Anchor>
        ),
      },
      { key: 'dob', header: 'Date of birth', value: (p) => birthDateLabel(p.dateOfBirth) },
      { key: 'mrn', header: 'MRN', value: (p) => p.mrn },
      { key: 'phone', header: 'Phone', value: (p) => p.phone ?? '' },
      {
        key: 'status',
        header: 'Status',
        value: (p) => p.status,
        render: (p) => <StatusBadge tone={statusTone[p.status]}>{p.status}</StatusBadge>,
      },
    ],
    [],
  );

  return (
    <>
      <PageHeader
        title="Patients"
        description="Type a name (family, given or both), a date of birth, an MRN or a phone number."
        actions={
          <Group gap="xs">
            {can('users:write') ? (
              <Button
                variant="default"
                leftSection={<IconClockShield size={16} aria-hidden />}
                onClick={() => setRetentionOpen(true)}
              >
                Retention settings
              </Button>
            ) : null}
            {can('patients:write') ? (
              <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setRegisterOpen(true)}>
                Register patient
              </Button>
            ) : null}
          </Group>
        }
      />
      <TextInput
        label="Find a patient"
        placeholder="garcia, jo  ·  03/07/1984  ·  614 555 0142"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-autofocus
        autoFocus
        mb="md"
        maxLength={100}
      />
      {q ? (
        <DataTable
          caption="Matching patients"
          rows={results.data}
          columns={columns}
          rowKey={(p) => p.id}
          loading={results.isPending}
          error={results.error}
          onRetry={() => void results.refetch()}
          searchLabel={false}
          emptyTitle="No patient matches"
          minWidth={640}
        />
      ) : (
        <Text c="dimmed" size="sm">
          Searches and record views are recorded in the audit trail.
        </Text>
      )}
      <PatientDrawer patientId={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />
      {retentionOpen ? <RetentionSettingsModal onClose={() => setRetentionOpen(false)} /> : null}
      {can('patients:write') ? (
        <RegisterPatientModal
          opened={registerOpen}
          onClose={() => setRegisterOpen(false)}
          onCreated={(id) => {
            setRegisterOpen(false);
            setOpenId(id);
          }}
        />
      ) : null}
    </>
  );
}
