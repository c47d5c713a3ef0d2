import { CreateFacilityCredentialRequest, type Credential } from '@clinicops/contracts';
import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCertificate } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { type DataColumn, DataTable } from '../../ui/data-table';
import { ProblemAlert } from '../../ui/problem-alert';
import { StatusBadge } from '../../ui/status-badge';
import { useSession } from '../auth';
import { useFacilityScope } from '../shell';
import { CredentialBadge } from './credential-badge';
import { useAddFacilityCredential, useCredentialTypes, useFacilityCredentials, useVerifyCredential } from './use-staff';

const FIELDS = ['facilityId', 'credentialTypeId', 'number', 'issuingBody', 'issuedOn', 'expiresOn'] as const;

/** The facilities' own credentials (CLIA certificates), beside the people's on the compliance page. */
export function FacilityCredentialsSection() {
  const { can } = useSession();
  const { facilities } = useFacilityScope();
  const credentials = useFacilityCredentials();
  const verify = useVerifyCredential();
  const [editing, setEditing] = useState<{ renewing: Credential | null } | null>(null);
  const canWrite = can('staff:write');
  const nameOf = useMemo(() => new Map(facilities.map((f) => [f.id, f.name])), [facilities]);
  const columns = useMemo<DataColumn<Credential>[]>(
    () => [
      { key: 'facility', header: 'Facility', value: (c) => nameOf.get(c.facilityId) ?? '' },
      { key: 'type', header: 'Credential', value: (c) => c.typeName },
      { key: 'number', header: 'Number', value: (c) => c.number },
      { key: 'expires', header: 'Expires', value: (c) => c.expiresOn ?? 'No expiry' },
      {
        key: 'state',
        header: 'Status',
        value: (c) => c.state,
        render: (c) =>
          c.status === 'active' ? (
            <CredentialBadge state={c.state} daysLeft={c.daysLeft} reasons={c.reasons} />
          ) : (
            <StatusBadge tone="neutral">{c.status === 'superseded' ? 'Superseded' : 'Revoked'}</StatusBadge>
          ),
      },
    ],
    [nameOf],
  );
  return (
    <section aria-labelledby="facility-credentials-heading">
      <Group justify="space-between" mt="xl" mb="xs">
        <Title order={2} size="h4" id="facility-credentials-heading">
          Facility credentials
        </Title>
        {canWrite ? (
          <Button
            variant="default"
            leftSection={<IconCertificate size={16} aria-hidden />}
            onClick={() => setEditing({ renewing: null })}
          >
            Add facility credential
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        Certificates a facility holds itself, such as the CLIA certificate of a clinic's lab. They are alerted on like anyone's.
      </Text>
      <DataTable
        caption="Facility credentials"
        rows={credentials.data}
        columns={columns}
        rowKey={(c) => c.id}
        loading={credentials.isPending}
        error={credentials.error}
        onRetry={() => credentials.refetch()}
        searchLabel={false}
        initialSort={{ key: 'expires', direction: 'asc' }}
        emptyTitle="No facility credentials recorded"
        minWidth={720}
        rowActions={
          canWrite
            ? (c) =>
                c.status === 'active' ? (
                  <>
                    {c.verifiedAt === null ? (
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => verify.mutate({ id: c.id, body: { method: 'document' } })}
                        aria-label={`Mark ${c.typeName} ${c.number} verified`}
                      >
                        Mark verified
                      </Button>
                    ) : null}
                    {c.expiresOn ? (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing({ renewing: c })}
                        aria-label={`Renew ${c.typeName} ${c.number}`}
                      >
                        Renew
                      </Button>
                    ) : null}
                  </>
                ) : null
            : undefined
        }
      />
      {editing ? <FacilityCredentialModal renewing={editing.renewing} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}

/** Adds a facility credential, or its renewal (a new certificate that supersedes the old one). */
function FacilityCredentialModal({ renewing, onClose }: { renewing: Credential | null; onClose: () => void }) {
  const { facilities } = useFacilityScope();
  const types = useCredentialTypes();
  const add = useAddFacilityCredential();
  const fields = useFieldErrors(FIELDS);
  const [values, setValues] = useState({
    facilityId: renewing?.facilityId ?? (facilities.length === 1 ? (facilities[0]?.id ?? '') : ''),
    credentialTypeId: renewing?.credentialTypeId ?? '',
    number: renewing?.number ?? '',
    issuingBody: renewing?.issuingBody ?? '',
    issuedOn: '',
    expiresOn: '',
  });
  const set = <K extends keyof typeof values>(key: K, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    fields.clearField(key);
  };
  const typeOptions = [
    { value: '', label: 'Choose a credential', disabled: true },
    ...(types.data ?? []).filter((t) => t.category === 'facility').map((t) => ({ value: t.id, label: t.name })),
  ];
  const facilityOptions = [
    { value: '', label: 'Choose a facility', disabled: true },
    ...facilities.map((f) => ({ value: f.id, label: f.name })),
  ];
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(CreateFacilityCredentialRequest, {
      facilityId: values.facilityId || undefined,
      credentialTypeId: values.credentialTypeId || undefined,
      number: values.number,
      issuingBody: values.issuingBody.trim() || undefined,
      issuedOn: values.issuedOn || undefined,
      // empty: the server derives it where the catalogue knows the rule (a CLIA waiver: 2 years)
      expiresOn: values.expiresOn || undefined,
    });
    if (!v.ok) return fields.setErrors(v.errors);
    add.mutate(v.data, {
      onSuccess: (c) => {
        notifications.show({ color: 'green', message: `${c.typeName} ${c.number} recorded` });
        onClose();
      },
      onError: fields.fromError,
    });
  };
  return (
    <Modal opened onClose={onClose} title={renewing ? `Renew ${renewing.typeName}` : 'Add facility credential'}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <NativeSelect
            label="Facility"
            data={facilityOptions}
            value={values.facilityId}
            onChange={(e) => set('facilityId', e.currentTarget.value)}
            error={fields.errors.facilityId}
            disabled={renewing !== null}
            required
          />
          <NativeSelect
            label="Credential"
            data={typeOptions}
            value={values.credentialTypeId}
            onChange={(e) => set('credentialTypeId', e.currentTarget.value)}
            error={fields.errors.credentialTypeId}
            disabled={renewing !== null}
            required
          />
          <TextInput
            label="Number"
            value={values.number}
            onChange={(e) => set('number', e.currentTarget.value)}
            error={fields.errors.number}
            required
          />
          <TextInput
            label="Issued by"
            value={values.issuingBody}
            onChange={(e) => set('issuingBody', e.currentTarget.value)}
            error={fields.errors.issuingBody}
          />
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label="Issued on"
              value={values.issuedOn}
              onChange={(e) => set('issuedOn', e.currentTarget.value)}
              error={fields.errors.issuedOn}
              required
            />
            <TextInput
              type="date"
              label="Expires on"
              description="Empty: derived from the catalogue"
              value={values.expiresOn}
              onChange={(e) => set('expiresOn', e.currentTarget.value)}
              error={fields.errors.expiresOn}
            />
          </Group>
          <ProblemAlert error={add.error} title="The credential was not recorded" shownFields={fields.known} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              {renewing ? 'Record renewal' : 'Add credential'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
