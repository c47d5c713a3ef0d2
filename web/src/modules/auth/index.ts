// The auth module's public surface: other modules import from here only.
export { AuthLossRedirect } from './auth-loss-redirect';
export { MfaEnrolment } from './mfa-enrolment';
export { RecoveryCodesPanel } from './recovery-codes';
export { RequireSession } from './require-session';
export { meQueryKey, type Session, type SignOutReason, useSession, useSetMe, useSignOut } from './session';
export { SignInPage } from './sign-in-page';
