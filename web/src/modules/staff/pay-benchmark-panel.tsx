import { CreatePayBenchmarkRequest, PayIndustry, type StaffDetail } from '@clinicops/contracts';
import {
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { isoDateIn } from '../../lib/format';
import { ProblemAlert } from '../../ui/problem-alert';
import { useFacilityScope } from '../shell';
import { compareToBenchmark, dollars, HOURS_PER_YEAR, industryLabels } from './pay-benchmark';
import { useAddPayBenchmark, usePayBenchmarks } from './use-staff';

const monthYear = (date: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/** The BLS median pay of medical and health services managers beside this person's pay. */
export function PayBenchmarkPanel({ person }: { person: StaffDetail }) {
  const { facilities, timeZone } = useFacilityScope();
  const benchmarks = usePayBenchmarks();
  const [adding, setAdding] = useState(false);
  const kind = facilities.find((f) => f.id === person.facilityId)?.kind;
  const data = benchmarks.data ?? [];
  const c = compareToBenchmark(person.payRates, data, kind, isoDateIn(timeZone));
  const latestDate = c.overall?.referenceDate;
  const sameDate = data.filter((b) => b.referenceDate === latestDate);
  const source = c.overall;
  return (
    <Card withBorder component="section" aria-labelledby="pay-benchmark-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="pay-benchmark-heading">
          Reference pay
        </Title>
        <Button size="xs" variant="default" onClick={() => setAdding(true)}>
          Add newer figures
        </Button>
      </Group>
      <ProblemAlert error={benchmarks.error} title="Could not load the reference pay" />
      {c.annualCents !== null ? (
        <Text size="sm" mb="xs">
          Current pay: <b>{dollars(c.annualCents)}</b> a year
          {c.rate?.per === 'hour' ? ` (hourly rate × ${HOURS_PER_YEAR.toLocaleString('en-US')} hours)` : ''}
          {c.differencePercent !== null
            ? `, ${Math.abs(c.differencePercent)}% ${c.differencePercent >= 0 ? 'above' : 'below'} the ${
                c.industry ? industryLabels[c.industry.industry].toLowerCase() : 'overall'
              } median.`
            : '.'}
        </Text>
      ) : (
        <Text size="sm" c="dimmed" mb="xs">
          No pay rate recorded.
        </Text>
      )}
      {latestDate ? (
        <>
          <Table withRowBorders={false} verticalSpacing={2} maw={520}>
            <Table.Caption>Median annual pay of medical and health services managers, {monthYear(latestDate)}</Table.Caption>
            <Table.Tbody>
              {sameDate.map((b) => (
                <Table.Tr key={b.id} fw={b.industry === c.industry?.industry ? 600 : undefined}>
                  <Table.Td>{industryLabels[b.industry]}</Table.Td>
                  <Table.Td ta="right">{dollars(b.medianAnnualCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {source?.projectedGrowthPercent != null ? (
            <Text size="sm" mt="xs">
              Projected employment growth {source.projectionPeriod}: {source.projectedGrowthPercent}%.
            </Text>
          ) : null}
          <Text size="xs" c="dimmed" mt="xs">
            Source:{' '}
            {source?.sourceUrl ? (
              <Anchor href={source.sourceUrl} target="_blank" rel="noreferrer" size="xs">
                {source.source}
              </Anchor>
            ) : (
              source?.source
            )}
            . Figures are dated; add newer ones when they are published.
          </Text>
        </>
      ) : null}
      {adding ? <AddBenchmarkModal onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

const FIELDS = [
  'referenceDate',
  'industry',
  'medianAnnualCents',
  'projectedGrowthPercent',
  'projectionPeriod',
  'source',
  'sourceUrl',
] as const;

function AddBenchmarkModal({ onClose }: { onClose: () => void }) {
  const add = useAddPayBenchmark();
  const fields = useFieldErrors(FIELDS);
  const [values, setValues] = useState({
    referenceDate: '',
    industry: 'all' as PayIndustry,
    median: '' as number | string,
    growth: '' as number | string,
    projectionPeriod: '',
    source: 'US Bureau of Labor Statistics, Occupational Outlook Handbook: Medical and Health Services Managers',
    sourceUrl: 'https://www.bls.gov/ooh/management/medical-and-health-services-managers.htm',
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(CreatePayBenchmarkRequest, {
      occupation: 'medical_and_health_services_managers',
      referenceDate: values.referenceDate || undefined,
      industry: values.industry,
      medianAnnualCents: values.median === '' ? undefined : Math.round(Number(values.median) * 100),
      projectedGrowthPercent: values.growth === '' ? null : Number(values.growth),
      projectionPeriod: values.projectionPeriod.trim() || null,
      source: values.source,
      sourceUrl: values.sourceUrl.trim() || null,
    });
    if (!v.ok) return fields.setErrors(v.errors);
    add.mutate(v.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: 'The reference figure was added' });
        onClose();
      },
      onError: fields.fromError,
    });
  };
  return (
    <Modal opened onClose={onClose} title="Add reference pay">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label="Figures as of"
              description="BLS medians describe May: 2023-05-01"
              value={values.referenceDate}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setValues((s) => ({ ...s, referenceDate: value }));
              }}
              error={fields.errors.referenceDate}
              required
            />
            <NativeSelect
              label="Industry"
              data={PayIndustry.options.map((i) => ({ value: i, label: industryLabels[i] }))}
              value={values.industry}
              onChange={(e) => {
                const value = e.currentTarget.value as PayIndustry;
                setValues((s) => ({ ...s, industry: value }));
              }}
              error={fields.errors.industry}
            />
          </Group>
          <NumberInput
            label="Median annual pay (US$)"
            min={0}
            thousandSeparator=","
            value={values.median}
            onChange={(v) => setValues((s) => ({ ...s, median: v }))}
            error={fields.errors.medianAnnualCents}
            required
          />
          <Group grow align="flex-start">
            <NumberInput
              label="Projected growth (%)"
              value={values.growth}
              onChange={(v) => setValues((s) => ({ ...s, growth: v }))}
              error={fields.errors.projectedGrowthPercent}
            />
            <TextInput
              label="Projection period"
              placeholder="2023-2033"
              value={values.projectionPeriod}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setValues((s) => ({ ...s, projectionPeriod: value }));
              }}
              error={fields.errors.projectionPeriod}
            />
          </Group>
          <TextInput
            label="Source"
            value={values.source}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((s) => ({ ...s, source: value }));
            }}
            error={fields.errors.source}
            required
          />
          <TextInput
            label="Source address"
            value={values.sourceUrl}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((s) => ({ ...s, sourceUrl: value }));
            }}
            error={fields.errors.sourceUrl}
          />
          <ProblemAlert error={add.error} title="The figure was not added" shownFields={fields.known} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add figure
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
