import type { Coverage, DocumentKind, Patient } from '@clinicops/contracts';
import { Alert, Badge, Button, Drawer, Group, Loader, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconArrowMerge, IconPencil } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession } from '../auth';
import { CoverageCardImages, type DocumentLink, DocumentsPanel, UploadDocumentModal, useDocuments } from '../documents';
import { EncountersTab } from '../encounters';
import { AccessRequestsPanel, ExportButtons, RetentionLine } from '../records';
import { PatientAppointments } from '../scheduling';
import { useDateFormat } from '../shell';
import { ConsentsTab } from './consents-tab';
import { CoverageTab } from './coverage-tab';
import { EditPatientModal } from './edit-patient-modal';
import { accessActionLabels, birthDateLabel, coverageOrderLabels, familyGiven, givenFamily, sexAtBirthLabels } from './labels';
import { MergeDialog } from './merge-dialog';
import { usePatientRecord } from './patients-api';

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
      <Field label="Date of birth">{birthDateLabel(p.dateOfBirth)}</Field>
      <Field label="Sex at birth">{sexAtBirthLabels[p.sexAtBirth]}</Field>
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

/** Owns the edit state, so it goes away with the record when the drawer closes. */
function DemographicsPanel({
  p,
  canWrite,
  onOpen,
}: {
  p: Patient;
  canWrite: boolean;
  onOpen?: ((id: string) => void) | undefined;
}) {
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  return (
    <>
      {p.mergedIntoId ? (
        <Alert color="gray" mb="xs" title="Merged record">
          This record was merged into another one; its coverages, consents and visits are there now. It is kept for history and
          takes no new data.
          {onOpen ? (
            <Button size="xs" variant="light" mt="xs" display="block" onClick={() => onOpen(p.mergedIntoId as string)}>
              Open the surviving record
            </Button>
          ) : null}
        </Alert>
      ) : canWrite ? (
        <Group justify="flex-end" mb="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArrowMerge size={14} aria-hidden />}
            onClick={() => setMerging(true)}
          >
            Merge a duplicate…
          </Button>
          <Button size="xs" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(true)}>
            Edit patient
          </Button>
        </Group>
      ) : null}
      <Demographics p={p} />
      <Stack gap={6} mt="md">
        <RetentionLine patientId={p.id} />
        <ExportButtons patientId={p.id} />
      </Stack>
      <AccessRequestsPanel patientId={p.id} canWrite={canWrite && !p.mergedIntoId} />
      {editing ? <EditPatientModal patient={p} onClose={() => setEditing(false)} /> : null}
      {merging ? <MergeDialog survivor={p} onClose={() => setMerging(false)} /> : null}
    </>
  );
}

const coverageLinks = (coverages: readonly Coverage[] | undefined): DocumentLink[] =>
  (coverages ?? []).map((c) => ({
    id: c.id,
    label: `${c.active ? (coverageOrderLabels[c.order] ?? '') : 'Ended'}: ${c.payerName}`,
  }));

export function PatientDrawer({
  patientId,
  onClose,
  onOpen,
}: {
  patientId: string | null;
  onClose: () => void;
  /** Switches the drawer to another record (a merged record's survivor). */
  onOpen?: (id: string) => void;
}) {
  const { can } = useSession();
  const fmt = useDateFormat();
  const canSeeHistory = can('audit:read');
  const canWrite = can('patients:write');
  const r = usePatientRecord(patientId, canSeeHistory);
  const documents = useDocuments('patient', patientId);
  const [apptsFor, setApptsFor] = useState<string | null>(null);
  const [cardUpload, setCardUpload] = useState<{ coverageId: string; kind: DocumentKind } | null>(null);
  const p = r.patient.data;
  const links = coverageLinks(r.coverages.data);
  return (
    <Drawer opened={patientId !== null} onClose={onClose} position="right" size="xl" title={p ? familyGiven(p) : 'Patient'}>
      {r.patient.isPending ? <Loader size="sm" /> : null}
      <ProblemAlert error={r.patient.error} title="Could not open the record" />
      {p ? (
        <Tabs defaultValue="demographics" onChange={(v) => v === 'appointments' && setApptsFor(p.id)}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="demographics">Demographics</Tabs.Tab>
            <Tabs.Tab value="coverage">Coverage</Tabs.Tab>
            <Tabs.Tab value="consents">Consents</Tabs.Tab>
            <Tabs.Tab value="documents">Documents</Tabs.Tab>
            <Tabs.Tab value="encounters">Encounters</Tabs.Tab>
            {can('appointments:read') ? <Tabs.Tab value="appointments">Appointments</Tabs.Tab> : null}
            {canSeeHistory ? <Tabs.Tab value="history">Access history</Tabs.Tab> : null}
          </Tabs.List>
          <Tabs.Panel value="appointments">
            {/* loaded (an audited read) only once the tab is opened */}
            {apptsFor === p.id ? <PatientAppointments patientId={p.id} /> : null}
          </Tabs.Panel>
          <Tabs.Panel value="demographics">
            <DemographicsPanel p={p} canWrite={canWrite} onOpen={onOpen} />
          </Tabs.Panel>
          <Tabs.Panel value="coverage">
            <CoverageTab
              patientId={p.id}
              patientName={givenFamily(p)}
              coverages={r.coverages.data}
              error={r.coverages.error}
              canWrite={canWrite}
              cardImages={(c) => (
                <CoverageCardImages
                  coverageId={c.id}
                  documents={documents.data ?? []}
                  canWrite={canWrite}
                  onUpload={(kind) => setCardUpload({ coverageId: c.id, kind })}
                />
              )}
            />
            {cardUpload ? (
              <UploadDocumentModal
                ownerKind="patient"
                ownerId={p.id}
                links={links}
                initialKind={cardUpload.kind}
                initialLinkId={cardUpload.coverageId}
                onClose={() => setCardUpload(null)}
              />
            ) : null}
          </Tabs.Panel>
          <Tabs.Panel value="documents">
            <DocumentsPanel ownerKind="patient" ownerId={p.id} canWrite={canWrite} links={links} />
          </Tabs.Panel>
          <Tabs.Panel value="consents">
            <ConsentsTab patientId={p.id} consents={r.consents.data} error={r.consents.error} canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="encounters" keepMounted={false}>
            <EncountersTab patientId={p.id} canWrite={canWrite} />
          </Tabs.Panel>
          {canSeeHistory ? (
            <Tabs.Panel value="history">
              <Title order={5} mb="xs">
                Who accessed this record
              </Title>
              <ProblemAlert error={r.history.error} />
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When{fmt.zoneDiffers ? ` (${fmt.timeZone})` : ''}</Table.Th>
                    <Table.Th>Who</Table.Th>
                    <Table.Th>What</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(r.history.data?.items ?? []).map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{fmt.dateTime(e.occurredAt)}</Table.Td>
                      <Table.Td>{e.actorLabel ?? 'system'}</Table.Td>
                      <Table.Td title={e.action}>
                        {accessActionLabels[e.action] ?? e.action}
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
