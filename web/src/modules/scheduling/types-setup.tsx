import { type AppointmentType, appointmentColors, resourceKinds, visitKinds } from '@clinicops/contracts';
import {
  Badge,
  Button,
  ColorSwatch,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { useTargetFacility } from './resources-setup';
import { useAppointmentTypes } from './scheduling-api';
import { setupApi, useSetupMutation } from './setup-api';

type Draft = {
  name: string;
  durationMinutes: number;
  bufferMinutes: number;
  requiredKinds: string[];
  visitKind: (typeof visitKinds)[number];
  color: (typeof appointmentColors)[number];
};

const blank: Draft = {
  name: '',
  durationMinutes: 20,
  bufferMinutes: 0,
  requiredKinds: ['provider', 'room'],
  visitKind: 'follow_up',
  color: 'blue',
};

export function TypesSetup({ facilityId, canEdit }: { facilityId: string | null; canEdit: boolean }) {
  const types = useAppointmentTypes(facilityId);
  const [editing, setEditing] = useState<AppointmentType | 'new' | null>(null);
  const toggle = useSetupMutation((t: AppointmentType) => setupApi.updateType(t.id, { active: !t.active }));
  return (
    <Stack>
      <ProblemAlert error={types.error ?? toggle.error} title="Appointment types" />
      {canEdit ? (
        <Button w="fit-content" onClick={() => setEditing('new')}>
          Add an appointment type
        </Button>
      ) : null}
      <Table striped aria-label="Appointment types">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Length</Table.Th>
            <Table.Th>Holds</Table.Th>
            <Table.Th>State</Table.Th>
            {canEdit ? <Table.Th>Change</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(types.data ?? []).map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>
                <Group gap={6}>
                  <ColorSwatch size={12} color={`var(--mantine-color-${t.color}-6)`} />
                  {t.name}
                </Group>
              </Table.Td>
              <Table.Td>
                {t.durationMinutes} min{t.bufferMinutes > 0 ? ` + ${t.bufferMinutes} min buffer` : ''}
              </Table.Td>
              <Table.Td>{t.requiredKinds.join(' + ')}</Table.Td>
              <Table.Td>{t.active ? <Badge color="green">Offered</Badge> : <Badge color="gray">Inactive</Badge>}</Table.Td>
              {canEdit ? (
                <Table.Td>
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setEditing(t)}>
                      Edit
                    </Button>
                    <Button size="xs" variant="default" onClick={() => toggle.mutate(t)}>
                      {t.active ? 'Deactivate' : 'Reactivate'}
                    </Button>
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing ? (
        <TypeModal facilityId={facilityId} type={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  );
}

function TypeModal({
  facilityId,
  type,
  onClose,
}: {
  facilityId: string | null;
  type: AppointmentType | null;
  onClose: () => void;
}) {
  const { target, picker } = useTargetFacility(facilityId);
  const [d, setD] = useState<Draft>(type ? { ...type, color: type.color as Draft['color'] } : blank);
  const save = useSetupMutation(async () => {
    if (type) {
      return setupApi.updateType(type.id, {
        name: d.name,
        durationMinutes: d.durationMinutes,
        bufferMinutes: d.bufferMinutes,
        color: d.color,
      });
    }
    return setupApi.createType({
      facilityId: target ?? '',
      name: d.name,
      durationMinutes: d.durationMinutes,
      bufferMinutes: d.bufferMinutes,
      requiredKinds: d.requiredKinds as AppointmentType['requiredKinds'],
      allowedProviderIds: [],
      visitKind: d.visitKind,
      color: d.color,
    });
  });
  return (
    <Modal opened onClose={onClose} title={type ? `Edit ${type.name}` : 'Add an appointment type'}>
      <Stack>
        {type ? null : picker}
        <TextInput label="Name" value={d.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} />
        <Group grow>
          <NumberInput
            label="Minutes"
            min={5}
            max={480}
            value={d.durationMinutes}
            onChange={(v) => setD({ ...d, durationMinutes: Number(v) })}
          />
          <NumberInput
            label="Buffer after"
            min={0}
            max={120}
            value={d.bufferMinutes}
            onChange={(v) => setD({ ...d, bufferMinutes: Number(v) })}
          />
        </Group>
        {type ? null : (
          <>
            <MultiSelect
              label="Holds at once"
              value={d.requiredKinds}
              onChange={(v) => setD({ ...d, requiredKinds: v.includes('provider') ? v : ['provider', ...v] })}
              data={resourceKinds.map((k) => ({ value: k, label: k }))}
            />
            <Select
              label="Visit"
              value={d.visitKind}
              onChange={(v) => setD({ ...d, visitKind: (v ?? 'follow_up') as Draft['visitKind'] })}
              data={[
                { value: 'new', label: 'New patient' },
                { value: 'follow_up', label: 'Follow-up' },
              ]}
              allowDeselect={false}
            />
          </>
        )}
        <Select
          label="Colour"
          value={d.color}
          onChange={(v) => setD({ ...d, color: (v ?? 'blue') as Draft['color'] })}
          data={appointmentColors.map((c) => ({ value: c, label: c }))}
          allowDeselect={false}
        />
        <ProblemAlert error={save.error} title="Not saved" />
        <Button w="fit-content" loading={save.isPending} onClick={() => save.mutate(undefined, { onSuccess: onClose })}>
          Save
        </Button>
      </Stack>
    </Modal>
  );
}
