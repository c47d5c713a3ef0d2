import { resourceKinds } from '@clinicops/contracts';
import { Badge, Button, Group, Modal, Select, Stack, Table, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession } from '../auth';
import { useFacilityScope } from '../shell';
import { useResources } from './scheduling-api';
import { setupApi, useSetupMutation } from './setup-api';

const kindLabel = { provider: 'Provider', room: 'Room', equipment: 'Equipment' } as const;

/** The facility a new record goes to: the one being looked at, or one chosen in the form. */
export function useTargetFacility(facilityId: string | null) {
  const scope = useFacilityScope();
  const [chosen, setChosen] = useState<string | null>(facilityId ?? scope.facilities[0]?.id ?? null);
  const target = facilityId ?? chosen;
  const picker =
    facilityId === null ? (
      <Select
        label="Facility"
        value={chosen}
        onChange={setChosen}
        data={scope.facilities.map((f) => ({ value: f.id, label: f.name }))}
        allowDeselect={false}
      />
    ) : null;
  return { target, picker };
}

export function ResourcesSetup({ facilityId, canEdit }: { facilityId: string | null; canEdit: boolean }) {
  const { can } = useSession();
  const resources = useResources(facilityId);
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const update = useSetupMutation((v: { id: string; name?: string; active?: boolean }) =>
    setupApi.updateResource(v.id, {
      ...(v.name !== undefined ? { name: v.name } : {}),
      ...(v.active !== undefined ? { active: v.active } : {}),
    }),
  );
  return (
    <Stack>
      <ProblemAlert error={resources.error ?? update.error} title="Resources" />
      {canEdit ? (
        <Button w="fit-content" onClick={() => setAdding(true)}>
          Add a resource
        </Button>
      ) : null}
      <Table striped aria-label="Bookable resources">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>State</Table.Th>
            {canEdit ? <Table.Th>Change</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(resources.data ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td>{kindLabel[r.kind]}</Table.Td>
              <Table.Td>{r.active ? <Badge color="green">Bookable</Badge> : <Badge color="gray">Inactive</Badge>}</Table.Td>
              {canEdit ? (
                <Table.Td>
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setRenaming({ id: r.id, name: r.name })}>
                      Rename
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      color={r.active ? 'red' : undefined}
                      onClick={() => update.mutate({ id: r.id, active: !r.active })}
                    >
                      {r.active ? 'Deactivate' : 'Reactivate'}
                    </Button>
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={renaming !== null} onClose={() => setRenaming(null)} title="Rename resource">
        <Stack>
          <TextInput
            label="Name"
            value={renaming?.name ?? ''}
            onChange={(e) => setRenaming(renaming ? { ...renaming, name: e.currentTarget.value } : null)}
          />
          <Button
            w="fit-content"
            loading={update.isPending}
            onClick={() =>
              renaming && update.mutate({ id: renaming.id, name: renaming.name }, { onSuccess: () => setRenaming(null) })
            }
          >
            Save
          </Button>
        </Stack>
      </Modal>
      {adding ? (
        <AddResourceModal facilityId={facilityId} canListStaff={can('staff:read')} onClose={() => setAdding(false)} />
      ) : null}
    </Stack>
  );
}

function AddResourceModal({
  facilityId,
  canListStaff,
  onClose,
}: {
  facilityId: string | null;
  canListStaff: boolean;
  onClose: () => void;
}) {
  const { target, picker } = useTargetFacility(facilityId);
  const [kind, setKind] = useState<(typeof resourceKinds)[number]>('room');
  const [name, setName] = useState('');
  const [staffMemberId, setStaffMemberId] = useState<string | null>(null);
  const staff = useQuery({
    queryKey: ['scheduling', 'provider-candidates', target],
    queryFn: () => setupApi.providersToAdd(target),
    enabled: kind === 'provider' && canListStaff,
  });
  const create = useSetupMutation(setupApi.createResource);
  return (
    <Modal opened onClose={onClose} title="Add a bookable resource">
      <Stack>
        {picker}
        <Select
          label="Kind"
          value={kind}
          onChange={(v) => setKind((v ?? 'room') as typeof kind)}
          data={resourceKinds.map((k) => ({ value: k, label: kindLabel[k] }))}
          allowDeselect={false}
        />
        {kind === 'provider' ? (
          <Select
            label="Staff member (physician, NP or PA)"
            searchable
            value={staffMemberId}
            onChange={setStaffMemberId}
            data={(staff.data ?? []).map((s) => ({ value: s.id, label: `${s.lastName}, ${s.firstName}` }))}
          />
        ) : (
          <TextInput label="Name" placeholder="Exam 4, ECG cart" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        )}
        <ProblemAlert error={create.error} title="Not added" />
        <Button
          w="fit-content"
          loading={create.isPending}
          disabled={!target}
          onClick={() =>
            target &&
            create.mutate(
              kind === 'provider'
                ? { facilityId: target, kind, ...(staffMemberId ? { staffMemberId } : {}) }
                : { facilityId: target, kind, name },
              { onSuccess: onClose },
            )
          }
        >
          Add
        </Button>
      </Stack>
    </Modal>
  );
}
