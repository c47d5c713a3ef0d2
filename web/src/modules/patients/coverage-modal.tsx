import {
  type Coverage,
  CreateCoverageRequest,
  coverageRelationships,
  payerKinds,
  UpdateCoverageRequest,
} from '@clinicops/contracts';
import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { isoDateIn } from '../../lib/format';
import { ProblemAlert } from '../../ui/problem-alert';
import { useDateFormat } from '../shell';
import { explainDates } from './date-errors';
import { coverageOrderLabels, payerKindLabels, relationshipLabels } from './labels';
import { useSaveCoverage } from './patients-api';

const FIELDS = [
  'payerName',
  'payerKind',
  'planName',
  'memberId',
  'groupId',
  'subscriberName',
  'relationship',
  'order',
  'effectiveFrom',
  'effectiveTo',
  'active',
] as const;
const DATE_FIELDS = ['effectiveFrom', 'effectiveTo'];
type Values = Record<Exclude<(typeof FIELDS)[number], 'active'>, string> & { active: boolean };

/** The first order (primary, secondary, tertiary) no active coverage holds. */
function nextFreeOrder(existing: readonly Coverage[]): number {
  for (const order of [1, 2, 3]) if (!existing.some((c) => c.active && c.order === order)) return order;
  return 1;
}

export type CoverageModalProps = {
  patientId: string;
  patientName: string;
  /** The coverage to change; absent to add one. */
  coverage?: Coverage | undefined;
  existing: readonly Coverage[];
  onClose: () => void;
};

/** Mounted while open, so each opening starts from the coverage as it is now. */
export function CoverageModal({ patientId, patientName, coverage, existing, onClose }: CoverageModalProps) {
  const { timeZone } = useDateFormat();
  const [values, setValues] = useState<Values>(() =>
    coverage
      ? {
          payerName: coverage.payerName,
          payerKind: coverage.payerKind,
          planName: coverage.planName ?? '',
          memberId: coverage.memberId ?? '',
          groupId: coverage.groupId ?? '',
          subscriberName: coverage.subscriberName ?? '',
          relationship: coverage.relationship,
          order: String(coverage.order),
          effectiveFrom: coverage.effectiveFrom ?? '',
          effectiveTo: coverage.effectiveTo ?? '',
          active: coverage.active,
        }
      : {
          payerName: '',
          payerKind: 'commercial',
          planName: '',
          memberId: '',
          groupId: '',
          subscriberName: patientName,
          relationship: 'self',
          order: String(nextFreeOrder(existing)),
          // "Today" at the facility, not on the browser's clock.
          effectiveFrom: isoDateIn(timeZone),
          effectiveTo: '',
          active: true,
        },
  );
  const fields = useFieldErrors(FIELDS);
  const save = useSaveCoverage(patientId);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    fields.clearField(key);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const optional = (s: string) => (s.trim() === '' ? null : s.trim());
    const body = {
      payerName: values.payerName,
      payerKind: values.payerKind,
      planName: optional(values.planName),
      memberId: optional(values.memberId),
      groupId: optional(values.groupId),
      subscriberName: optional(values.subscriberName),
      relationship: values.relationship,
      order: Number(values.order),
      effectiveFrom: values.effectiveFrom.trim(),
      effectiveTo: optional(values.effectiveTo),
    };
    const onError = fields.fromError;
    const onSuccess = (saved: Coverage) => {
      notifications.show({
        color: 'green',
        message: `${saved.payerName}: ${coverage ? 'coverage saved' : `added as ${coverageOrderLabels[saved.order]?.toLowerCase()}`}`,
      });
      onClose();
    };
    if (coverage) {
      const v = validate(UpdateCoverageRequest, { ...body, active: values.active });
      if (!v.ok) return fields.setErrors(explainDates(v.errors, values, DATE_FIELDS));
      fields.reset();
      save.mutate({ coverageId: coverage.id, body: v.data }, { onSuccess, onError });
    } else {
      const v = validate(CreateCoverageRequest, body);
      if (!v.ok) return fields.setErrors(explainDates(v.errors, values, DATE_FIELDS));
      fields.reset();
      save.mutate({ body: v.data }, { onSuccess, onError });
    }
  };

  const input = (key: Exclude<keyof Values, 'active'>, label: string, extra: object = {}) => (
    <TextInput
      label={label}
      value={values[key]}
      error={fields.errors[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      {...extra}
    />
  );

  return (
    <Modal opened onClose={onClose} title={coverage ? `Edit coverage: ${coverage.payerName}` : 'Add coverage'} size="lg">
      <form onSubmit={submit} noValidate aria-label={coverage ? 'Edit coverage' : 'Add coverage'}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('payerName', 'Payer', { required: true, 'data-autofocus': true, placeholder: 'Aetna, Medicare Part B…' })}
            <NativeSelect
              label="Payer type"
              data={payerKinds.map((k) => ({ value: k, label: payerKindLabels[k] }))}
              value={values.payerKind}
              error={fields.errors.payerKind}
              onChange={(e) => set('payerKind', e.currentTarget.value)}
              required
            />
            {input('planName', 'Plan')}
            <NativeSelect
              label="Order"
              data={[1, 2, 3].map((o) => ({ value: String(o), label: coverageOrderLabels[o] ?? String(o) }))}
              value={values.order}
              error={fields.errors.order}
              onChange={(e) => set('order', e.currentTarget.value)}
              required
            />
            {input('memberId', 'Member ID', { autoComplete: 'off' })}
            {input('groupId', 'Group ID', { autoComplete: 'off' })}
            {input('subscriberName', 'Subscriber')}
            <NativeSelect
              label="Patient's relationship to subscriber"
              data={coverageRelationships.map((r) => ({ value: r, label: relationshipLabels[r] }))}
              value={values.relationship}
              error={fields.errors.relationship}
              onChange={(e) => set('relationship', e.currentTarget.value)}
              required
            />
            {input('effectiveFrom', 'Effective from (YYYY-MM-DD)', { required: true })}
            {input('effectiveTo', 'Effective to (YYYY-MM-DD)', { description: 'Leave empty while the coverage lasts' })}
          </SimpleGrid>
          {coverage ? (
            <Checkbox
              label="Active (clear to end this coverage)"
              checked={values.active}
              onChange={(e) => set('active', e.currentTarget.checked)}
              error={fields.errors.active}
            />
          ) : null}
          <ProblemAlert
            error={save.error}
            title={coverage ? 'The coverage was not saved' : 'The coverage was not added'}
            shownFields={fields.known}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {coverage ? 'Save coverage' : 'Add coverage'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
