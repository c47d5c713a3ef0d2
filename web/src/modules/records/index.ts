export { AccessRequestsPanel } from './access-requests';
export { ExportButtons, RetentionLine } from './record-actions';
export { RetentionSettingsModal } from './retention-settings-modal';
