import { Alert, Button, List, Text } from '@mantine/core';
import { IconAlertCircle, IconLock, IconWifiOff } from '@tabler/icons-react';
import { ApiError, normalizeField } from '../lib/api';

export type ProblemAlertProps = {
  error: unknown;
  /** A heading for the context, e.g. "Could not save the user". */
  title?: string;
  /**
   * Fields the form shows messages under: their messages are not repeated here, and an error
   * made only of such messages shows no alert at all.
   */
  shownFields?: readonly string[];
  onRetry?: () => void;
};

/**
 * Shows a failed request in words a manager can act on, with the request id support needs to
 * find the server log line. Renders nothing when there is no error.
 */
export function ProblemAlert({ error, title, shownFields, onRetry }: ProblemAlertProps) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const fieldErrors = (api?.fieldErrors ?? []).filter((e) => !shownFields?.includes(normalizeField(e.field)));
  if (api && api.fieldErrors.length > 0 && fieldErrors.length === 0) return null;
  const heading = title ?? api?.title ?? 'Something went wrong';
  const message = api ? (api.detail ?? (title ? api.title : null)) : errorText(error);
  const icon =
    api?.status === 0 ? (
      <IconWifiOff aria-hidden />
    ) : api?.status === 403 ? (
      <IconLock aria-hidden />
    ) : (
      <IconAlertCircle aria-hidden />
    );
  return (
    <Alert color="red" variant="light" icon={icon} title={heading} role="alert">
      {message && message !== heading ? <Text size="sm">{message}</Text> : null}
      {fieldErrors.length > 0 ? (
        <List size="sm" mt={4}>
          {fieldErrors.map((e) => (
            <List.Item key={`${e.field}:${e.message}`}>
              {e.field}: {e.message}
            </List.Item>
          ))}
        </List>
      ) : null}
      {api?.requestId ? (
        <Text size="xs" c="dimmed" mt={4}>
          Request id: {api.requestId}
        </Text>
      ) : null}
      {onRetry ? (
        <Button size="xs" variant="outline" color="red" mt="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </Alert>
  );
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Unexpected error';
}
