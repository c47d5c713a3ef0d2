// The encounters use cases (see ../../../../docs/architecture.md, "Encounters").
export { encounterCards, encounterMergeStep } from './cards.js';
export { encountersOf, listEncounterProviders, listEncounters } from './read.js';
export { createEncounter, updateEncounter } from './write.js';
