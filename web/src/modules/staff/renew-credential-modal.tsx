import { CreateCredentialRequest, type Credential, type VerificationMethod } from '@clinicops/contracts';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { isoDateIn } from '../../lib/format';
import { ProblemAlert } from '../../ui/problem-alert';
import { useFacilityScope } from '../shell';
import { useAddCredential, useCredentialTypes, useVerifyCredential } from './use-staff';

const FIELDS = ['number', 'issuedOn', 'expiresOn'] as const;

const verificationOptions = [
  { value: '', label: 'Not verified yet' },
  { value: 'primary_source', label: "Primary source (the issuer's register)" },
  { value: 'document', label: 'Document seen' },
  { value: 'attestation', label: 'Attestation' },
];

/**
 * A renewal is recorded as a new credential of the same type: the server then marks the one it
 * renews as superseded, so the old dates stay on file as evidence instead of being overwritten.
 */
export function RenewCredentialModal({
  staffId,
  credential,
  onClose,
}: {
  staffId: string;
  credential: Credential;
  onClose: () => void;
}) {
  const { timeZone } = useFacilityScope();
  const [values, setValues] = useState({
    number: credential.number,
    issuedOn: isoDateIn(timeZone),
    expiresOn: '',
    verification: '' as VerificationMethod | '',
  });
  const fields = useFieldErrors(FIELDS);
  const add = useAddCredential(staffId);
  const verify = useVerifyCredential();
  const type = useCredentialTypes().data?.find((t) => t.id === credential.credentialTypeId);
  // State boards print their own expiry; for AHA cards and CLIA the server derives it.
  const expiryImplied = type !== undefined && type.expiryRule !== 'as_issued' && type.renewalCycleMonths !== null;

  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    fields.clearField(key);
  };
  const close = () => {
    fields.reset();
    add.reset();
    onClose();
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(CreateCredentialRequest, {
      credentialTypeId: credential.credentialTypeId,
      number: values.number,
      issuingState: credential.issuingState ?? undefined,
      issuingBody: credential.issuingBody ?? undefined,
      multistate: credential.multistate,
      issuedOn: values.issuedOn || undefined,
      expiresOn: values.expiresOn || undefined,
    });
    const errors = v.ok ? {} : { ...v.errors };
    if (!values.expiresOn && !expiryImplied) errors.expiresOn ??= 'Required: the new expiry printed on the renewal';
    // Only a later expiry supersedes the current credential; an earlier one would be a second copy.
    if (values.expiresOn && credential.expiresOn && values.expiresOn <= credential.expiresOn) {
      errors.expiresOn ??= `Must be after the current expiry (${credential.expiresOn})`;
    }
    if (!v.ok || Object.keys(errors).length > 0) return fields.setErrors(errors);
    fields.reset();
    add.mutate(v.data, {
      onSuccess: (renewed) => {
        const done = () => {
          notifications.show({
            color: 'green',
            message: `${renewed.typeName} renewed until ${renewed.expiresOn ?? 'further notice'}`,
          });
          close();
        };
        if (!values.verification) return done();
        verify.mutate(
          { id: renewed.id, body: { method: values.verification } },
          {
            onSuccess: done,
            // The renewal is on file; only the verification needs doing again from the table.
            onError: () => {
              notifications.show({
                color: 'orange',
                message: `${renewed.typeName} renewed, but marking it verified failed: use "Mark verified"`,
              });
              close();
            },
          },
        );
      },
      onError: fields.fromError,
    });
  };

  return (
    <Modal opened onClose={close} title={`Renew ${credential.typeName}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Alert variant="light" color="gray">
            <Text size="sm">
              Current: number {credential.number}, issued {credential.issuedOn},{' '}
              {credential.expiresOn ? `expires ${credential.expiresOn}` : 'no expiry'}. It will be kept on file as superseded.
            </Text>
          </Alert>
          <TextInput
            label="Number"
            description="Most boards keep the number on renewal"
            value={values.number}
            onChange={(e) => set('number', e.currentTarget.value)}
            error={fields.errors.number}
            required
          />
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label="Renewed on"
              value={values.issuedOn}
              onChange={(e) => set('issuedOn', e.currentTarget.value)}
              error={fields.errors.issuedOn}
              required
              data-autofocus
            />
            <TextInput
              type="date"
              label="New expiry"
              description={expiryImplied ? 'Leave empty to use the catalogue rule' : undefined}
              value={values.expiresOn}
              onChange={(e) => set('expiresOn', e.currentTarget.value)}
              error={fields.errors.expiresOn}
              required={!expiryImplied}
            />
          </Group>
          <NativeSelect
            label="Verified with"
            description="A renewal is trusted once it has been checked"
            data={verificationOptions}
            value={values.verification}
            onChange={(e) => set('verification', e.currentTarget.value as VerificationMethod | '')}
          />
          <ProblemAlert error={add.error} title="The renewal was not recorded" shownFields={fields.known} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending || verify.isPending}>
              Record renewal
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
