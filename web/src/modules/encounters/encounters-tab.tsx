import type { Encounter } from '@clinicops/contracts';
import { Button, Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import { useDateFormat } from '../shell';
import { EncounterModal } from './encounter-modal';
import { useEncounters } from './encounters-api';
import { statusLabels, statusTones } from './labels';

type Editing = { encounter?: Encounter } | null;

/** The patient's visits, newest first, with their codes; mounted when the tab is first shown. */
export function EncountersTab({ patientId, canWrite }: { patientId: string; canWrite: boolean }) {
  const encounters = useEncounters(patientId);
  const fmt = useDateFormat();
  const [editing, setEditing] = useState<Editing>(null);
  const list = encounters.data ?? [];
  return (
    <Stack gap="sm">
      {canWrite ? (
        <Group justify="flex-end">
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing({})}>
            New encounter
          </Button>
        </Group>
      ) : null}
      {encounters.isPending ? <Loader size="sm" /> : null}
      <ProblemAlert error={encounters.error} />
      {encounters.data && list.length === 0 ? <Text c="dimmed">No encounters recorded.</Text> : null}
      {list.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label="Encounters">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When{fmt.zoneDiffers ? ` (${fmt.timeZone})` : ''}</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Provider and reason</Table.Th>
                <Table.Th>Diagnoses</Table.Th>
                <Table.Th>Procedures</Table.Th>
                {canWrite ? (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{fmt.dateTime(e.startsAt)}</Table.Td>
                  <Table.Td>
                    <StatusBadge tone={statusTones[e.status]}>{statusLabels[e.status]}</StatusBadge>
                    {e.warnings.map((w) => (
                      <Text key={w} size="xs" c="orange.8" mt={4} maw={220}>
                        {w}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {e.providerName ?? '—'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {e.reason}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {e.diagnoses.map((d) => (
                      <Text size="sm" key={d.position} title={d.description ?? undefined}>
                        {d.position}. {d.display}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    {e.procedures.map((p) => (
                      <Text size="sm" key={p.position}>
                        {p.code}
                        {p.modifiers.length ? `-${p.modifiers.join('-')}` : ''}
                        {p.units > 1 ? ` ×${p.units}` : ''}{' '}
                        <Text span size="xs" c="dimmed">
                          → {p.diagnosisPointers.join(',')}
                        </Text>
                      </Text>
                    ))}
                  </Table.Td>
                  {canWrite ? (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconPencil size={12} aria-hidden />}
                        onClick={() => setEditing({ encounter: e })}
                        aria-label={`Edit encounter of ${fmt.dateTime(e.startsAt)}`}
                      >
                        Edit
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {editing ? <EncounterModal patientId={patientId} encounter={editing.encounter} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
