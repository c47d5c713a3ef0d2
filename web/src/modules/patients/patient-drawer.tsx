import type { Patient } from '@clinicops/contracts';
import { Badge, Drawer, Group, Loader, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession } from '../auth';
import { useDateFormat } from '../shell';
import { usePatientRecord } from './patients-api';

const ORDER = ['', 'Primary', 'Secondary', 'Tertiary'];
const CONSENT = { npp: 'Notice of privacy practices', treatment: 'Consent to treatment', communication: 'Communication consent' };

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={150}>
        {label}
      </Text>
      <Text size="sm">{children || '—'}</Text>
    </Group>
  );
}

function Demographics({ p }: { p: Patient }) {
  const address = [p.addressLine1, p.addressLine2, [p.city, p.state, p.postalCode].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return (
    <Stack gap={6}>
      {p.alerts.length > 0 ? (
        <Group gap="xs">
          {p.alerts.map((a) => (
            <Badge key={a} color="red" variant="light">
              {a}
            </Badge>
          ))}
        </Group>
      ) : null}
      <Field label="MRN">{p.mrn}</Field>
      <Field label="Date of birth">{p.dateOfBirth}</Field>
      <Field label="Sex at birth">{p.sexAtBirth}</Field>
      <Field label="Gender identity">{p.genderIdentity}</Field>
      <Field label="Preferred name">{p.preferredName}</Field>
      <Field label="Phone">
        {p.phone}
        {p.phone && p.smsConsent ? ' (SMS ok)' : ''}
      </Field>
      <Field label="Email">
        {p.email}
        {p.email && p.emailConsent ? ' (email ok)' : ''}
      </Field>
      <Field label="Address">{address}</Field>
      <Field label="Language">{p.preferredLanguage}</Field>
      <Field label="Emergency contact">
        {p.emergencyContact
          ? [p.emergencyContact.name, p.emergencyContact.relationship, p.emergencyContact.phone].filter(Boolean).join(' · ')
          : null}
      </Field>
      <Field label="SSN">{p.ssnLast4 ? `•••-••-${p.ssnLast4}` : null}</Field>
      <Field label="Notes">{p.notes}</Field>
    </Stack>
  );
}

export function PatientDrawer({ patientId, onClose }: { patientId: string | null; onClose: () => void }) {
  const { can } = useSession();
  const fmt = useDateFormat();
  const canSeeHistory = can('audit:read');
  const r = usePatientRecord(patientId, canSeeHistory);
  const p = r.patient.data;
  return (
    <Drawer
      opened={patientId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={p ? `${p.familyName}, ${p.givenName}` : 'Patient'}
    >
      {r.patient.isPending ? <Loader size="sm" /> : null}
      <ProblemAlert error={r.patient.error} title="Could not open the record" />
      {p ? (
        <Tabs defaultValue="demographics">
          <Tabs.List mb="sm">
            <Tabs.Tab value="demographics">Demographics</Tabs.Tab>
            <Tabs.Tab value="coverage">Coverage</Tabs.Tab>
            <Tabs.Tab value="consents">Consents</Tabs.Tab>
            {canSeeHistory ? <Tabs.Tab value="history">Access history</Tabs.Tab> : null}
          </Tabs.List>
          <Tabs.Panel value="demographics">
            <Demographics p={p} />
          </Tabs.Panel>
          <Tabs.Panel value="coverage">
            <ProblemAlert error={r.coverages.error} />
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Order</Table.Th>
                  <Table.Th>Payer</Table.Th>
                  <Table.Th>Member id</Table.Th>
                  <Table.Th>Effective</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(r.coverages.data ?? []).map((c) => (
                  <Table.Tr key={c.id} c={c.active ? undefined : 'dimmed'}>
                    <Table.Td>{c.active ? ORDER[c.order] : 'Ended'}</Table.Td>
                    <Table.Td>
                      {c.payerName}
                      {c.planName ? ` · ${c.planName}` : ''}
                    </Table.Td>
                    <Table.Td>{c.memberId ?? '—'}</Table.Td>
                    <Table.Td>
                      {c.effectiveFrom} – {c.effectiveTo ?? 'open'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Tabs.Panel>
          <Tabs.Panel value="consents">
            <ProblemAlert error={r.consents.error} />
            <Stack gap={4}>
              {(r.consents.data ?? []).map((c) => (
                <Text key={c.id} size="sm">
                  {CONSENT[c.kind]}: signed {c.signedOn}
                  {c.note ? ` (${c.note})` : ''}
                </Text>
              ))}
              {r.consents.data?.length === 0 ? <Text c="dimmed">No consent on file.</Text> : null}
            </Stack>
          </Tabs.Panel>
          {canSeeHistory ? (
            <Tabs.Panel value="history">
              <Title order={5} mb="xs">
                Who accessed this record
              </Title>
              <ProblemAlert error={r.history.error} />
              <Table>
                <Table.Tbody>
                  {(r.history.data?.items ?? []).map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{fmt.dateTime(e.occurredAt)}</Table.Td>
                      <Table.Td>{e.actorLabel ?? 'system'}</Table.Td>
                      <Table.Td>
                        {e.action}
                        {e.breakGlass ? ' (emergency access)' : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Tabs.Panel>
          ) : null}
        </Tabs>
      ) : null}
    </Drawer>
  );
}
