import { ReviewScreeningRequest, type Screening } from '@clinicops/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { ProblemAlert } from '../../ui/problem-alert';
import { useReviewScreening } from './use-staff';

const FIELDS = ['decision', 'note'] as const;

export type ScreeningDecision = ReviewScreeningRequest['decision'];

/** Clear or confirm a possible exclusion match; the note says how it was verified. */
export function ReviewScreeningModal({
  screening,
  decision,
  onClose,
}: {
  screening: Screening;
  decision: ScreeningDecision;
  onClose: () => void;
}) {
  const [note, setNote] = useState('');
  const fields = useFieldErrors(FIELDS);
  const review = useReviewScreening();
  const confirming = decision === 'confirm';

  const close = () => {
    setNote('');
    fields.reset();
    review.reset();
    onClose();
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(ReviewScreeningRequest, { decision, note });
    if (!v.ok) return fields.setErrors(v.errors);
    fields.reset();
    review.mutate(
      { id: screening.id, body: v.data },
      {
        onSuccess: () => {
          notifications.show({
            color: confirming ? 'red' : 'green',
            message: confirming
              ? `${screening.staffName} was confirmed as excluded`
              : `${screening.staffName} was cleared: not the excluded person`,
          });
          close();
        },
        onError: fields.fromError,
      },
    );
  };

  return (
    <Modal opened onClose={close} title={confirming ? 'Confirm exclusion' : 'Clear possible match'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {confirming
              ? `Confirm that ${screening.staffName} is the person on the OIG exclusion list. They will be recorded as excluded.`
              : `Clear the match: ${screening.staffName} was verified not to be the person on the OIG exclusion list.`}
          </Text>
          <Textarea
            label="Note"
            description='How it was verified, e.g. "SSN checked in the OIG online search, no match"'
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              fields.clearField('note');
            }}
            error={fields.errors.note}
            required
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus
          />
          <ProblemAlert
            error={review.error}
            title={confirming ? 'The exclusion was not confirmed' : 'The match was not cleared'}
            shownFields={fields.known}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color={confirming ? 'red' : undefined} loading={review.isPending}>
              {confirming ? 'Confirm exclusion' : 'Clear'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
