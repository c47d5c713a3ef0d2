import type { Coverage } from '@clinicops/contracts';
import { Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import { CoverageModal } from './coverage-modal';
import { coverageOrderLabels, payerKindLabels, relationshipLabels } from './labels';

type Editing = { coverage?: Coverage } | null;

export function CoverageTab(props: {
  patientId: string;
  patientName: string;
  coverages: Coverage[] | undefined;
  error: unknown;
  canWrite: boolean;
  /** The coverage's insurance card images (front and back), shown in their own column. */
  cardImages?: (coverage: Coverage) => ReactNode;
}) {
  const [editing, setEditing] = useState<Editing>(null);
  const list = props.coverages ?? [];
  return (
    <Stack gap="sm">
      {props.canWrite ? (
        <Group justify="flex-end">
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing({})}>
            Add coverage
          </Button>
        </Group>
      ) : null}
      <ProblemAlert error={props.error} />
      {props.coverages && list.length === 0 ? <Text c="dimmed">No coverage on file: the patient is self-pay.</Text> : null}
      {list.length > 0 ? (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Order</Table.Th>
                <Table.Th>Payer and plan</Table.Th>
                <Table.Th>Member / group</Table.Th>
                <Table.Th>Subscriber</Table.Th>
                <Table.Th>Effective</Table.Th>
                {props.cardImages ? <Table.Th>Card</Table.Th> : null}
                {props.canWrite ? (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((c) => (
                <Table.Tr key={c.id} c={c.active ? undefined : 'dimmed'}>
                  <Table.Td>
                    {c.active ? (
                      <StatusBadge tone="info">{coverageOrderLabels[c.order]}</StatusBadge>
                    ) : (
                      <StatusBadge tone="neutral">Ended</StatusBadge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {c.payerName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[payerKindLabels[c.payerKind], c.planName].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.memberId ?? '—'}</Text>
                    {c.groupId ? (
                      <Text size="xs" c="dimmed">
                        Group {c.groupId}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.subscriberName ?? '—'}</Text>
                    <Text size="xs" c="dimmed">
                      {relationshipLabels[c.relationship]}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {c.effectiveFrom ?? 'start unknown'} – {c.effectiveTo ?? 'open'}
                    </Text>
                  </Table.Td>
                  {props.cardImages ? <Table.Td>{props.cardImages(c)}</Table.Td> : null}
                  {props.canWrite ? (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconPencil size={12} aria-hidden />}
                        aria-label={`Edit coverage ${c.payerName}`}
                        onClick={() => setEditing({ coverage: c })}
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
      {editing ? (
        <CoverageModal
          patientId={props.patientId}
          patientName={props.patientName}
          coverage={editing.coverage}
          existing={list}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}
