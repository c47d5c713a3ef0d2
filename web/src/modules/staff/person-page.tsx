import type { CeRecord, Credential } from '@clinicops/contracts';
import { Anchor, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCertificate, IconPencil, IconSchool } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { PageHeader } from '../../ui/page-header';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import { useSession } from '../auth';
import { AddCredentialModal } from './add-credential-modal';
import { CredentialBadge } from './credential-badge';
import { employmentLabels, positionLabels, shiftLabels } from './credential-state';
import { benchmarkedPositions } from './pay-benchmark';
import { PayBenchmarkPanel } from './pay-benchmark-panel';
import { CredentialDocumentCell, PersonDocumentsSection } from './person-documents';
import { ceCategoryLabels, RecordCeModal } from './record-ce-modal';
import { RenewCredentialModal } from './renew-credential-modal';
import { ScreeningHistory } from './screening-history';
import { StaffFormModal } from './staff-form-modal';
import { useStaffMember, useVerifyCredential } from './use-staff';

export function PersonPage({ id, onBack }: { id: string; onBack: () => void }) {
  const { can } = useSession();
  const person = useStaffMember(id);
  const verify = useVerifyCredential();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [recordingCe, setRecordingCe] = useState(false);
  const [renewing, setRenewing] = useState<Credential | null>(null);
  const canWrite = can('staff:write');
  // The server's rule for screenings: those who act on them and compliance auditors.
  const canReadScreenings = canWrite || can('audit:read');

  const columns = useMemo<DataColumn<Credential>[]>(
    () => [
      { key: 'type', header: 'Credential', value: (c) => c.typeName },
      { key: 'number', header: 'Number', value: (c) => c.number },
      { key: 'issued', header: 'Issued', value: (c) => c.issuedOn, visibleFrom: 'md' },
      { key: 'expires', header: 'Expires', value: (c) => c.expiresOn ?? 'No expiry' },
      {
        key: 'state',
        header: 'Status',
        value: (c) => c.state,
        render: (c) =>
          // A superseded or revoked credential is history, not a lapse to act on.
          c.status === 'active' ? (
            <CredentialBadge state={c.state} daysLeft={c.daysLeft} reasons={c.reasons} />
          ) : (
            <StatusBadge tone="neutral">{c.status === 'superseded' ? 'Superseded' : 'Revoked'}</StatusBadge>
          ),
      },
      {
        key: 'verified',
        header: 'Verified',
        value: (c) => c.verifiedAt ?? '',
        render: (c) =>
          c.verifiedAt ? (
            <Text size="sm">{c.verifiedAt.slice(0, 10)}</Text>
          ) : canWrite ? (
            <Button
              size="compact-xs"
              variant="light"
              loading={verify.isPending && verify.variables?.id === c.id}
              onClick={() =>
                verify.mutate(
                  { id: c.id, body: { method: 'primary_source' } },
                  { onSuccess: () => notifications.show({ color: 'green', message: `${c.typeName} marked verified` }) },
                )
              }
            >
              Mark verified
            </Button>
          ) : (
            'No'
          ),
      },
      {
        key: 'document',
        header: 'Document',
        value: () => '',
        sortable: false,
        exportable: false,
        render: (c: Credential) => (
          <CredentialDocumentCell staffId={id} credential={c} credentials={person.data?.credentials ?? []} canWrite={canWrite} />
        ),
      },
      ...(canWrite
        ? [
            {
              key: 'actions',
              header: 'Actions',
              value: () => '',
              sortable: false,
              exportable: false,
              render: (c: Credential) =>
                // Nothing to renew on a credential that does not expire.
                c.status === 'active' && c.expiresOn !== null ? (
                  <Button
                    size="compact-xs"
                    // Draw the eye to the credentials that need renewing now.
                    variant={c.state === 'expired' || c.state.startsWith('expiring') ? 'filled' : 'default'}
                    onClick={() => setRenewing(c)}
                    aria-label={`Renew ${c.typeName} ${c.number}`}
                  >
                    Renew
                  </Button>
                ) : null,
            } satisfies DataColumn<Credential>,
          ]
        : []),
    ],
    [canWrite, verify, id, person.data?.credentials],
  );
  const ceColumns = useMemo<DataColumn<CeRecord>[]>(
    () => [
      { key: 'date', header: 'Completed', value: (r) => r.completedOn },
      { key: 'title', header: 'Course or activity', value: (r) => r.title },
      { key: 'provider', header: 'Provider', value: (r) => r.provider, visibleFrom: 'md' },
      { key: 'units', header: 'Units', value: (r) => r.units },
      { key: 'category', header: 'Category', value: (r) => ceCategoryLabels[r.category], visibleFrom: 'md' },
    ],
    [],
  );

  const back = (
    <Anchor component="button" type="button" onClick={onBack} mb="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden /> All staff
      </Group>
    </Anchor>
  );
  if (person.error || !person.data) {
    return (
      <>
        {back}
        <ProblemAlert error={person.error} title="Could not load this person" onRetry={() => void person.refetch()} />
        {person.isPending ? <Text c="dimmed">Loading…</Text> : null}
      </>
    );
  }
  const p = person.data;
  return (
    <>
      {back}
      <PageHeader
        title={`${p.firstName} ${p.lastName}`}
        description={[
          positionLabels[p.position],
          p.department,
          employmentLabels[p.employmentType],
          p.shift ? `${shiftLabels[p.shift]} shift` : null,
          `hired ${p.hireDate}`,
          p.terminationDate ? `left ${p.terminationDate}` : null,
          p.npi ? `NPI ${p.npi}` : null,
          p.screeningIdentity?.dateOfBirth ? `born ${p.screeningIdentity.dateOfBirth}` : null,
          p.screeningIdentity?.formerLastNames.length ? `formerly ${p.screeningIdentity.formerLastNames.join(', ')}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          canWrite ? (
            <Group gap="xs">
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
                Edit
              </Button>
              <Button variant="default" leftSection={<IconSchool size={16} aria-hidden />} onClick={() => setRecordingCe(true)}>
                Record CE
              </Button>
              <Button leftSection={<IconCertificate size={16} aria-hidden />} onClick={() => setAdding(true)}>
                Add credential
              </Button>
            </Group>
          ) : null
        }
      />
      <Stack gap="lg">
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              Required for the position
            </Title>
            <StatusBadge tone={p.qualified ? 'ok' : 'danger'}>{p.qualified ? 'May work' : 'May not work'}</StatusBadge>
          </Group>
          {p.requirements.length === 0 ? (
            <Text size="sm" c="dimmed">
              This position requires no credential.
            </Text>
          ) : (
            <Stack gap={6}>
              {p.requirements.map((r) => (
                <Group key={r.family} justify="space-between" wrap="nowrap">
                  <Text size="sm">
                    {r.label}
                    {r.reasons.length > 0 ? <Text span c="dimmed" size="sm">{` — ${r.reasons.join('; ')}`}</Text> : null}
                  </Text>
                  <CredentialBadge state={r.state} daysLeft={r.daysLeft} reasons={r.reasons} />
                </Group>
              ))}
            </Stack>
          )}
        </Card>
        <section aria-labelledby="credentials-heading">
          <Title order={2} size="h4" id="credentials-heading" mb="xs">
            Credentials
          </Title>
          <DataTable
            caption="Credentials"
            rows={p.credentials}
            columns={columns}
            rowKey={(c) => c.id}
            searchLabel={false}
            initialSort={{ key: 'expires', direction: 'asc' }}
            emptyTitle="No credentials recorded"
            minWidth={720}
          />
        </section>
        {p.ceProgress.length > 0 ? (
          <section aria-labelledby="ce-heading">
            <Title order={2} size="h4" id="ce-heading" mb="xs">
              Continuing education
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {p.ceProgress.map((c) => (
                <Card withBorder key={c.credentialId}>
                  <Text fw={500}>{c.typeName}</Text>
                  <Text size="sm" c="dimmed" mb="xs">
                    Cycle {c.cycleStart} to {c.cycleEnd}
                  </Text>
                  <Text size="sm">
                    {c.unitsEarned} of {c.unitsRequired} units
                    {c.approvedMinimum > 0 ? ` (${c.approvedEarned} of ${c.approvedMinimum} approved)` : ''}
                  </Text>
                  <Progress
                    value={Math.min(100, (c.unitsEarned / Math.max(1, c.unitsRequired)) * 100)}
                    color={c.complete ? 'green' : c.projectedNonCompliance ? 'orange' : 'blue'}
                    aria-label={`${c.unitsEarned} of ${c.unitsRequired} CE units`}
                    my="xs"
                  />
                  {c.reasons.map((r) => (
                    <Text size="sm" key={r} c={c.projectedNonCompliance ? 'orange.9' : undefined}>
                      {r}
                    </Text>
                  ))}
                </Card>
              ))}
            </SimpleGrid>
          </section>
        ) : null}
        <PersonDocumentsSection staffId={p.id} credentials={p.credentials} canWrite={canWrite} />
        {p.ceRecords.length > 0 || canWrite ? (
          <section aria-labelledby="ce-records-heading">
            <Title order={2} size="h4" id="ce-records-heading" mb="xs">
              CE records
            </Title>
            {p.ceRecords.length === 0 ? (
              <Text size="sm" c="dimmed">
                No continuing education recorded yet.
              </Text>
            ) : (
              <DataTable
                caption="CE records"
                rows={p.ceRecords}
                columns={ceColumns}
                rowKey={(r) => r.id}
                searchLabel={false}
                initialSort={{ key: 'date', direction: 'desc' }}
                emptyTitle="No continuing education recorded"
                minWidth={600}
              />
            )}
          </section>
        ) : null}
        {/* Pay is shown to those who may change it (staff:write), so is the benchmark beside it. */}
        {canWrite && benchmarkedPositions.includes(p.position) ? <PayBenchmarkPanel person={p} /> : null}
        {canReadScreenings ? <ScreeningHistory staffId={p.id} /> : null}
      </Stack>
      {canWrite ? (
        <>
          <AddCredentialModal staffId={p.id} opened={adding} onClose={() => setAdding(false)} />
          {/* Mounted while open, so the form starts from the person as they are now. */}
          {editing ? <StaffFormModal person={p} opened onClose={() => setEditing(false)} /> : null}
          {recordingCe ? <RecordCeModal person={p} opened onClose={() => setRecordingCe(false)} /> : null}
          {renewing ? <RenewCredentialModal staffId={p.id} credential={renewing} onClose={() => setRenewing(null)} /> : null}
        </>
      ) : null}
    </>
  );
}
