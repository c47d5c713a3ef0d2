import { CmmEligibilityRule } from '@clinicops/contracts';
import { Alert, Button, Card, Group, List, NumberInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { useSession } from '../auth';
import { useCmmEligibility, useCmmRule, useSetCmmRule } from './use-staff';

/** The rule is the organization's (the product default until a manager changes it), kept by the server. */
export function CmmCalculator() {
  const [years, setYears] = useState<number | string>(2);
  const [credits, setCredits] = useState<number | string>(12);
  const check = useCmmEligibility();
  const rule = useCmmRule();
  const { can } = useSession();
  const [editing, setEditing] = useState(false);
  const result = check.data;
  const r = rule.data;
  return (
    <Stack maw={680}>
      <Text size="sm" c="dimmed">
        Whether someone may sit the Certified Medical Manager exam, by healthcare administration experience and college credits.
      </Text>
      {r ? (
        <Card withBorder>
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2} size="h5">
                Rule in use{r.isDefault ? ' (product default)' : ''}
              </Title>
              <Text size="sm" data-testid="cmm-rule">
                At least {r.minYearsExperience} years of experience and {r.creditsRequired} credits; each year beyond{' '}
                {r.minYearsExperience} waives {r.creditsWaivedPerExtraYear}{' '}
                {r.creditsWaivedPerExtraYear === 1 ? 'credit' : 'credits'}.
              </Text>
              <Text size="xs" c="dimmed">
                The certifying body's own rule could not be confirmed; check it against the current PAHCOM handbook.
              </Text>
            </div>
            {can('staff:write') && !editing ? (
              <Button size="xs" variant="default" onClick={() => setEditing(true)}>
                Edit rule
              </Button>
            ) : null}
          </Group>
          {editing ? <CmmRuleForm initial={r} onDone={() => setEditing(false)} /> : null}
        </Card>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          check.mutate({ yearsExperience: Number(years) || 0, credits: Number(credits) || 0 });
        }}
      >
        <Group align="flex-end">
          <NumberInput
            label="Years of experience"
            min={0}
            max={70}
            step={0.5}
            decimalScale={1}
            value={years}
            onChange={setYears}
          />
          <NumberInput label="College credits" min={0} max={500} value={credits} onChange={setCredits} />
          <Button type="submit" loading={check.isPending}>
            Check
          </Button>
        </Group>
      </form>
      <ProblemAlert error={check.error} title="Could not check eligibility" />
      {result ? (
        <Alert color={result.eligible ? 'green' : 'red'} title={result.eligible ? 'Eligible' : 'Not eligible yet'}>
          <Text size="sm">Credits needed with this experience: {result.creditsNeeded}</Text>
          {result.reasons.length > 0 ? (
            <List size="sm">
              {result.reasons.map((reason) => (
                <List.Item key={reason}>{reason}</List.Item>
              ))}
            </List>
          ) : null}
        </Alert>
      ) : null}
    </Stack>
  );
}

const RULE_FIELDS = ['minYearsExperience', 'creditsRequired', 'creditsWaivedPerExtraYear'] as const;

function CmmRuleForm({ initial, onDone }: { initial: CmmEligibilityRule; onDone: () => void }) {
  const [values, setValues] = useState<Record<(typeof RULE_FIELDS)[number], number | string>>({
    minYearsExperience: initial.minYearsExperience,
    creditsRequired: initial.creditsRequired,
    creditsWaivedPerExtraYear: initial.creditsWaivedPerExtraYear,
  });
  const fields = useFieldErrors(RULE_FIELDS);
  const save = useSetCmmRule();
  const num = (v: number | string) => (v === '' ? undefined : Number(v));
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const v = validate(CmmEligibilityRule, {
          minYearsExperience: num(values.minYearsExperience),
          creditsRequired: num(values.creditsRequired),
          creditsWaivedPerExtraYear: num(values.creditsWaivedPerExtraYear),
        });
        if (!v.ok) return fields.setErrors(v.errors);
        save.mutate(v.data, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: 'The CMM eligibility rule was saved' });
            onDone();
          },
          onError: fields.fromError,
        });
      }}
    >
      <Group align="flex-start" mt="sm" grow>
        <NumberInput
          label="Minimum years of experience"
          min={0}
          max={50}
          decimalScale={1}
          value={values.minYearsExperience}
          onChange={(v) => setValues((s) => ({ ...s, minYearsExperience: v }))}
          error={fields.errors.minYearsExperience}
        />
        <NumberInput
          label="Credits required"
          min={0}
          max={200}
          value={values.creditsRequired}
          onChange={(v) => setValues((s) => ({ ...s, creditsRequired: v }))}
          error={fields.errors.creditsRequired}
        />
        <NumberInput
          label="Credits waived per extra year"
          min={0}
          max={200}
          value={values.creditsWaivedPerExtraYear}
          onChange={(v) => setValues((s) => ({ ...s, creditsWaivedPerExtraYear: v }))}
          error={fields.errors.creditsWaivedPerExtraYear}
        />
      </Group>
      <ProblemAlert error={save.error} title="The rule was not saved" shownFields={fields.known} />
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={save.isPending}>
          Save rule
        </Button>
      </Group>
    </form>
  );
}
