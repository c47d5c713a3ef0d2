import type { ColumnType, Generated } from 'kysely';
import type { DocumentTables } from '../modules/documents/tables.js';
import type { EncounterTables } from '../modules/encounters/tables.js';
import type { FhirTables } from '../modules/fhir/tables.js';
import type { PatientTables } from '../modules/patients/tables.js';
import type { AccessRequestTables, RecordTables } from '../modules/records/tables.js';
import type { RosteringTables } from '../modules/rostering/tables.js';
import type { SchedulingTables } from '../modules/scheduling/tables.js';
import type { StaffTables } from '../modules/staff/tables.js';
import type { EmailTables } from '../platform/email/tables.js';
import type { SmsTables } from '../platform/sms/tables.js';
import type { PlatformTables } from '../platform/tables.js';

/** Timestamps: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type { Generated };

/**
 * Every table: the platform's, then each module's own declaration (`modules/<x>/tables.ts`),
 * joined with `&` as modules arrive.
 */
export type Database = PlatformTables &
  StaffTables &
  PatientTables &
  EncounterTables &
  DocumentTables &
  EmailTables &
  FhirTables &
  SchedulingTables &
  RecordTables &
  AccessRequestTables &
  RosteringTables &
  SmsTables;
