export { EncountersTab } from './encounters-tab';
