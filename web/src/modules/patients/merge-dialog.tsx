import { type MergeFieldName, type MergeResult, mergeFields, type Patient } from '@clinicops/contracts';
import { Alert, Anchor, Button, Group, Modal, Radio, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../../lib/api-client';
import { ProblemAlert } from '../../ui/problem-alert';
import { birthDateLabel, familyGiven, givenFamily } from './labels';
import { patientsApi, usePatientSearch } from './patients-api';

type Side = 'survivor' | 'duplicate';

const fieldLabels: Record<MergeFieldName, string> = {
  name: 'Name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  sexAtBirth: 'Sex at birth',
  genderIdentity: 'Gender identity',
  phone: 'Phone',
  email: 'Email',
  address: 'Address',
  preferredLanguage: 'Language',
  emergencyContact: 'Emergency contact',
  ssn: 'SSN',
  notes: 'Notes',
};

/** What each merge field shows, for the side-by-side comparison; empty text is blank. */
export function fieldText(p: Patient, f: MergeFieldName): string {
  switch (f) {
    case 'name':
      return givenFamily(p);
    case 'sexAtBirth':
      return p.sexAtBirth === 'unknown' ? '' : p.sexAtBirth;
    case 'address':
      return [p.addressLine1, p.addressLine2, [p.city, p.state, p.postalCode].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', ');
    case 'emergencyContact':
      return p.emergencyContact ? [p.emergencyContact.name, p.emergencyContact.phone].filter(Boolean).join(' · ') : '';
    case 'ssn':
      return p.ssnLast4 ? `•••-••-${p.ssnLast4}` : '';
    default:
      return (p[f] as string | null) ?? '';
  }
}

/** The server's default: the survivor's value, unless it is blank and the duplicate's is not. */
export const defaultSide = (survivor: Patient, duplicate: Patient, f: MergeFieldName): Side =>
  fieldText(survivor, f).trim() === '' && fieldText(duplicate, f).trim() !== '' ? 'duplicate' : 'survivor';

/**
 * Merge another record (the duplicate) into this one: find it, compare side by side, choose per
 * field, confirm. The duplicate is kept, marked merged; its coverages, consents and visits move.
 */
export function MergeDialog({ survivor, onClose }: { survivor: Patient; onClose: () => void }) {
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 200);
  const results = usePatientSearch(q);
  const [duplicateId, setDuplicateId] = useState<string | null>(null);
  const duplicate = useQuery({
    queryKey: ['patients', 'merge-candidate', duplicateId],
    queryFn: () => patientsApi.get(duplicateId ?? ''),
    enabled: duplicateId !== null,
    gcTime: 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [choices, setChoices] = useState<Partial<Record<MergeFieldName, Side>>>({});
  const merge = useMutation({
    mutationFn: (body: { duplicateId: string; fields: Partial<Record<MergeFieldName, Side>> }) =>
      request<MergeResult>('POST', `/api/patients/${encodeURIComponent(survivor.id)}/merge`, { body }),
    onSuccess: (r) => {
      // The record itself comes back in the answer; only what moved onto it is read again (each
      // read is an audited access, so not the whole record).
      qc.setQueryData(['patients', survivor.id], r.survivor);
      for (const part of ['coverages', 'consents', 'encounters', 'retention']) {
        void qc.invalidateQueries({ queryKey: ['patients', survivor.id, part], exact: true });
      }
      void qc.invalidateQueries({ queryKey: ['patients', 'search'] });
      const words: Record<string, string> = {
        coverages: 'coverage(s)',
        consents: 'consent(s)',
        encounters: 'visit(s)',
        accessRequests: 'access request(s)',
      };
      const moved = Object.entries(r.moved)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${words[k] ?? k}`)
        .join(', ');
      notifications.show({ color: 'green', message: `Records merged${moved ? `; moved ${moved}` : ''}` });
      onClose();
    },
  });
  const d = duplicate.data;
  const candidates = (results.data ?? []).filter((p) => p.id !== survivor.id && p.status !== 'merged');
  const sideOf = (f: MergeFieldName): Side => (d ? (choices[f] ?? defaultSide(survivor, d, f)) : 'survivor');

  return (
    <Modal opened onClose={onClose} title={`Merge a duplicate into ${givenFamily(survivor)} (MRN ${survivor.mrn})`} size="xl">
      <Stack>
        {!d ? (
          <>
            <TextInput
              label="Find the duplicate record"
              placeholder="Name, date of birth, MRN or phone"
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-autofocus
            />
            <ProblemAlert error={results.error ?? duplicate.error} />
            {candidates.map((p) => (
              <Group key={p.id} justify="space-between">
                <Text size="sm">
                  {familyGiven(p)} · {birthDateLabel(p.dateOfBirth)} · MRN {p.mrn}
                </Text>
                <Button size="compact-sm" variant="light" onClick={() => setDuplicateId(p.id)}>
                  Compare
                </Button>
              </Group>
            ))}
          </>
        ) : (
          <>
            <Alert color="yellow" title="Check before merging">
              The record on the right is kept but marked merged: its coverages, consents and encounters move to the record on the
              left. Choose, field by field, which value the surviving record keeps.
            </Alert>
            <Table aria-label="Side-by-side comparison" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>Surviving record (MRN {survivor.mrn})</Table.Th>
                  <Table.Th>Duplicate (MRN {d.mrn})</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {mergeFields.map((f) => {
                  const left = fieldText(survivor, f);
                  const right = fieldText(d, f);
                  const same = left === right;
                  return (
                    <Table.Tr key={f}>
                      <Table.Td>{fieldLabels[f]}</Table.Td>
                      {(['survivor', 'duplicate'] as const).map((side) => (
                        <Table.Td key={side}>
                          {same ? (
                            <Text size="sm">{left || '—'}</Text>
                          ) : (
                            <Radio
                              name={`merge-${f}`}
                              label={(side === 'survivor' ? left : right) || '— (blank)'}
                              aria-label={`${fieldLabels[f]}: keep the ${side === 'survivor' ? 'surviving record' : 'duplicate'}'s value`}
                              checked={sideOf(f) === side}
                              onChange={() => setChoices((c) => ({ ...c, [f]: side }))}
                            />
                          )}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed">
              Alerts of both records are kept.{' '}
              <Anchor component="button" type="button" onClick={() => setDuplicateId(null)}>
                Choose another record
              </Anchor>
            </Text>
            <ProblemAlert error={merge.error} title="The records were not merged" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button
                color="red"
                loading={merge.isPending}
                onClick={() =>
                  merge.mutate({ duplicateId: d.id, fields: Object.fromEntries(mergeFields.map((f) => [f, sideOf(f)])) })
                }
              >
                Merge into this record
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
