import { LoginRequest, type Me, MfaVerifyRequest } from '@clinicops/contracts';
import { Alert, Anchor, Box, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconClock, IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { authApi, setCsrfToken } from '../../lib/api';
import { useFieldErrors, validate } from '../../lib/form-errors';
import { PasswordField } from '../../ui/password-field';
import { ProblemAlert } from '../../ui/problem-alert';
import { MfaEnrolment } from './mfa-enrolment';
import { meQueryKey, safeNextPath } from './session';

type Step = 'credentials' | 'mfa' | 'enrol';

const reasonMessages: Record<string, { title: string; icon: React.ReactNode }> = {
  inactivity: { title: 'You were signed out after inactivity', icon: <IconClock aria-hidden /> },
  signed_out: { title: 'You have signed out', icon: <IconShieldLock aria-hidden /> },
};

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [step, setStep] = useState<Step>('credentials');
  const reason = reasonMessages[params.get('reason') ?? ''];

  // Arriving here means any earlier session is over: drop its data and token from memory.
  useEffect(() => {
    qc.clear();
    setCsrfToken(null);
  }, [qc]);

  const finish = async (me?: Me) => {
    const fresh = me ?? (await authApi.me());
    qc.setQueryData(meQueryKey, fresh);
    navigate(safeNextPath(params.get('next')), { replace: true });
  };
  const [finishError, setFinishError] = useState<unknown>(null);
  const finishSafely = (me?: Me) => finish(me).catch(setFinishError);

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={440} component="main">
        <Stack>
          <Box>
            <Text fw={700} c="blue.8" size="lg">
              ClinicOps
            </Text>
            <Title order={1} size="h2">
              {step === 'credentials' ? 'Sign in' : step === 'mfa' ? 'Two-step verification' : 'Set up two-step verification'}
            </Title>
          </Box>
          {reason && step === 'credentials' ? (
            <Alert color={params.get('reason') === 'inactivity' ? 'yellow' : 'blue'} icon={reason.icon} title={reason.title}>
              {params.get('reason') === 'inactivity'
                ? 'For patient privacy, idle sessions end automatically. Sign in again to continue.'
                : null}
            </Alert>
          ) : null}
          <ProblemAlert error={finishError} title="Signed in, but your account could not be loaded" />
          {step === 'credentials' ? (
            <CredentialsForm
              onResult={(r) => {
                if (r.status === 'ok') void finishSafely(r.me);
                else setStep(r.status === 'mfa_required' ? 'mfa' : 'enrol');
              }}
            />
          ) : null}
          {step === 'mfa' ? (
            <MfaCodeForm onVerified={(me) => void finishSafely(me)} onBack={() => setStep('credentials')} />
          ) : null}
          {step === 'enrol' ? (
            <>
              <Text size="sm">Your role requires a second step at sign-in. Set it up now; it takes a minute.</Text>
              <MfaEnrolment onDone={() => void finishSafely()} onCancel={() => setStep('credentials')} />
            </>
          ) : null}
        </Stack>
      </Paper>
    </Center>
  );
}

type LoginResult = Awaited<ReturnType<typeof authApi.login>>;

function CredentialsForm({ onResult }: { onResult: (r: LoginResult) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const fields = useFieldErrors(['email', 'password']);
  const login = useMutation({ mutationFn: authApi.login, onSuccess: onResult, onError: fields.fromError });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(LoginRequest, { email: email.trim(), password });
    if (!v.ok) return fields.setErrors(v.errors);
    fields.reset();
    login.mutate(v.data);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => {
            setEmail(e.currentTarget.value);
            fields.clearField('email');
          }}
          error={fields.errors.email}
          required
        />
        <PasswordField
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
            fields.clearField('password');
          }}
          error={fields.errors.password}
          required
        />
        <ProblemAlert error={login.error} title="Sign-in failed" shownFields={fields.known} />
        <Button type="submit" loading={login.isPending} fullWidth>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}

function MfaCodeForm({ onVerified, onBack }: { onVerified: (me?: Me) => void; onBack: () => void }) {
  const [code, setCode] = useState('');
  const fields = useFieldErrors(['code']);
  const verify = useMutation({ mutationFn: authApi.verifyMfa, onSuccess: (r) => onVerified(r.me), onError: fields.fromError });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = validate(MfaVerifyRequest, { code });
    if (!v.ok) return fields.setErrors(v.errors);
    fields.reset();
    verify.mutate(v.data);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Authentication code"
          description="The 6-digit code from your authenticator app, or one of your recovery codes"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => {
            setCode(e.currentTarget.value);
            fields.clearField('code');
          }}
          error={fields.errors.code}
          required
        />
        <ProblemAlert error={verify.error} title="The code was not accepted" shownFields={fields.known} />
        <Button type="submit" loading={verify.isPending} fullWidth>
          Verify
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onBack}>
          Use a different account
        </Anchor>
      </Stack>
    </form>
  );
}
