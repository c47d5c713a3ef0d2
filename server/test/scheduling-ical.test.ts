// The RRULE subset of the scheduler (weekly office hours) against a third-party reading of the
// same rules: every DAILY or WEEKLY rule in the real-world iCalendar files of ../shared/fixtures/ical
// that our parser accepts must give the dates ical.js gives; the rest must be refused with a
// reason, never misread. Skipped with a message where the fixtures folder is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { occurrences, parseRrule } from '../src/modules/scheduling/domain/rrule.js';
import { addDays } from '../src/modules/scheduling/domain/zoned.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.CLINICOPS_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
const dir = path.join(shared, 'fixtures/ical');
const present = existsSync(dir);
if (!present) console.warn(`iCalendar fixtures not found in ${dir}: set CLINICOPS_SHARED_DIR; these tests are skipped`);

type Rule = { file: string; text: string; dtstart: ICAL.Time; recur: ICAL.Recur };

function rulesOf(file: string): Rule[] {
  let comp: ICAL.Component;
  try {
    comp = new ICAL.Component(ICAL.parse(readFileSync(path.join(dir, file), 'utf8')));
  } catch {
    return []; // a deliberately broken file: not a source of rules
  }
  const out: Rule[] = [];
  const walk = (c: ICAL.Component) => {
    let dtstart: unknown;
    try {
      dtstart = c.getFirstPropertyValue('dtstart');
    } catch {
      return; // an invalid value on purpose (parser test files)
    }
    for (const prop of c.getAllProperties('rrule')) {
      const recur = prop.getFirstValue() as ICAL.Recur;
      if (dtstart instanceof ICAL.Time) out.push({ file, text: recur.toString(), dtstart, recur });
    }
    for (const sub of c.getAllSubcomponents()) walk(sub);
  };
  walk(comp);
  return out;
}

const files = present ? readdirSync(dir).filter((f) => f.endsWith('.ics')) : [];
const rules = files.flatMap(rulesOf);
const ours = rules.filter((r) => parseRrule(r.text).ok);

describe.skipIf(!present)('RRULEs of real-world iCalendar files', () => {
  it('finds rules in the fixtures, some of them in the weekly-hours subset', () => {
    expect(rules.length).toBeGreaterThan(20);
    expect(ours.length).toBeGreaterThanOrEqual(3);
  });

  it('gives the same dates as ical.js for every rule it accepts', () => {
    for (const r of ours) {
      const parsed = parseRrule(r.text);
      if (!parsed.ok) continue;
      const it = r.recur.iterator(r.dtstart);
      const theirs: string[] = [];
      for (let t = it.next(); t && theirs.length < 40; t = it.next()) theirs.push(t.toString().slice(0, 10));
      const start = r.dtstart.toString().slice(0, 10);
      const zone = r.dtstart.zone?.tzid;
      const at = { time: r.dtstart.toString().slice(11, 19) || '00:00:00', timeZone: zone && zone !== 'floating' ? zone : 'UTC' };
      const mine = occurrences(parsed.rule, start, start, addDays(start, 3 * 366), at).slice(0, 40);
      expect(mine, `${r.file}: ${r.text}`).toEqual(theirs);
    }
  });

  it('refuses the rules outside the subset (yearly, ordinal weekdays) with a reason', () => {
    const refused = rules.filter((r) => !parseRrule(r.text).ok);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      const p = parseRrule(r.text);
      expect(p.ok ? '' : p.message, r.text).toMatch(/FREQ|BYDAY|not supported|INTERVAL|COUNT|UNTIL/);
    }
  });
});
