export { AccountPage } from './account-page';
export { PasswordChangeGate } from './password-change-gate';
