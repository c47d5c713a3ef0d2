import { Alert, Button, Group, List, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../ui/problem-alert';
import { useCmmEligibility } from './use-staff';

/** The default rule (2 years and 12 credits, one credit less per year beyond 2) is the server's. */
export function CmmCalculator() {
  const [years, setYears] = useState<number | string>(2);
  const [credits, setCredits] = useState<number | string>(12);
  const check = useCmmEligibility();
  const result = check.data;
  return (
    <Stack maw={680}>
      <Text size="sm" c="dimmed">
        Whether someone may sit the Certified Medical Manager exam, by healthcare administration experience and college credits.
      </Text>
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
              {result.reasons.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          ) : null}
        </Alert>
      ) : null}
    </Stack>
  );
}
