import type { Consent } from '@clinicops/contracts';
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { ConsentModal } from './consent-modal';
import { consentKindLabels } from './labels';

export function ConsentsTab(props: { patientId: string; consents: Consent[] | undefined; error: unknown; canWrite: boolean }) {
  const [adding, setAdding] = useState(false);
  const list = props.consents ?? [];
  return (
    <Stack gap="sm">
      {props.canWrite ? (
        <Group justify="flex-end">
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setAdding(true)}>
            Add consent
          </Button>
        </Group>
      ) : null}
      <ProblemAlert error={props.error} />
      {props.consents && list.length === 0 ? <Text c="dimmed">No consent on file.</Text> : null}
      {list.length > 0 ? (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Consent or acknowledgment</Table.Th>
              <Table.Th>Signed on</Table.Th>
              <Table.Th>Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{consentKindLabels[c.kind]}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.signedOn}</Table.Td>
                <Table.Td>{c.note ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {adding ? <ConsentModal patientId={props.patientId} onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}
