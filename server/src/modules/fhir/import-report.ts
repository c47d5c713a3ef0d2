import path from 'node:path';
import type { BundleOutcome, FhirImportResult } from './service/import.js';

// What `clinicops import fhir` prints: a line per bundle as it goes, then the totals and the
// throughput. The operator's own file names are shown; no record content is.

export function describeBundle(o: BundleOutcome): string {
  const name = path.basename(o.file);
  if (!o.ok) {
    const p = o.problem;
    if (!('index' in p)) return `REJECTED ${name}: ${p.message}; nothing from this bundle was imported`;
    const message = p.message.startsWith(`${p.element}: `) ? p.message.slice(p.element.length + 2) : p.message;
    const entry = p.index >= 0 ? `entry ${p.index}${p.fullUrl ? ` (${p.fullUrl})` : ''}, ` : '';
    return `REJECTED ${name}: ${entry}${p.element}: ${message}; nothing from this bundle was imported`;
  }
  const c = o.counts;
  if (o.kind === 'reference') return `ok ${name}: reference data, ${c.places} organizations/locations mapped to the facility`;
  return `ok ${name}: ${c.patients} new patient(s) (${c.patientsExisting} already imported), ${c.encounters} encounter(s) (${c.encountersExisting} already), ${c.coverages} coverage(s), ${c.practitioners} practitioner(s) added to staff`;
}

export function summariseImport(r: FhirImportResult): string[] {
  const s = r.milliseconds / 1000;
  const c = r.counts;
  const skipped = Object.entries(c.skipped)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `${r.bundles} bundle(s): ${r.imported} imported, ${r.rejected} rejected, in ${s.toFixed(2)} s`,
    `created: ${c.patients} patients, ${c.coverages} coverages, ${c.encounters} encounters, ${c.diagnoses} diagnoses, ${c.practitioners} practitioners (staff); ${c.places} organizations/locations mapped`,
    `already present (not created again): ${c.patientsExisting} patients, ${c.encountersExisting} encounters`,
    `throughput: ${(c.patients / s).toFixed(1)} patients/s, ${(c.encounters / s).toFixed(0)} encounters/s`,
    ...(skipped ? [`entries not imported (no ClinicOps record for them): ${skipped}`] : []),
  ];
}
