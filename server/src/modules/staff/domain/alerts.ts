import { daysBetween } from '../../../shared/calendar.js';

// Which credential alerts are due on a day, as a pure function of plain data: the daily job
// mails them and the compliance page lists them, so both say the same thing. Each alert has a
// key naming the message it stands for ("credential <id>, 30 days"), which the outbox uses to
// send it once: a credential passes each threshold once, so each threshold mails once.

export type AlertThreshold = 90 | 60 | 30;

export type AlertKind = 'credential_expiring' | 'credential_expired' | 'ce_at_risk' | 'exclusion_review';

export type AlertCredential = {
  credentialId: string;
  family: string;
  label: string;
  number: string;
  expiresOn: string | null;
  /** The person who holds it, or null for a facility's own (a CLIA certificate). */
  holder: { staffMemberId: string; name: string } | null;
  facilityId: string;
  facilityName: string;
};

export type AlertCe = {
  credentialId: string;
  label: string;
  staffMemberId: string;
  name: string;
  facilityId: string;
  cycleEnd: string;
  /** From ceProgress: the day the person falls out of compliance at their pace; null when on track. */
  projectedNonCompliance: string | null;
};

export type AlertScreening = { screeningId: string; staffMemberId: string; name: string; facilityId: string; screenedOn: string };

export type Alert = {
  key: string;
  kind: AlertKind;
  threshold: AlertThreshold | null;
  staffMemberId: string | null;
  facilityId: string;
  /** The person's name, or the facility's for its own credentials. */
  holderName: string;
  credentialId: string | null;
  label: string;
  /** Expiry, projected non-compliance, or the screening's date. */
  dueOn: string;
  daysLeft: number | null;
  message: string;
};

/** CE shortfalls are raised this close to the projected lapse: earlier, most cycles look behind. */
export const CE_ALERT_DAYS = 90;

const thresholdOf = (daysLeft: number): AlertThreshold | null =>
  daysLeft <= 30 ? 30 : daysLeft <= 60 ? 60 : daysLeft <= 90 ? 90 : null;

const inDays = (n: number) => (n === 0 ? 'today' : n === 1 ? 'tomorrow' : `in ${n} days`);

/**
 * The alerts due on `date` (the holders' facility calendar day). Of several active credentials a
 * holder has in one family, only the one lasting longest counts, so a licence renewed early raises
 * nothing. A holder past several thresholds since the last run gets the latest one only.
 */
export function dueAlerts(
  input: { credentials: readonly AlertCredential[]; ce: readonly AlertCe[]; screenings: readonly AlertScreening[] },
  date: string,
): Alert[] {
  const best = new Map<string, AlertCredential>();
  for (const c of input.credentials) {
    const holderKey = `${c.holder ? `staff:${c.holder.staffMemberId}` : `facility:${c.facilityId}`}:${c.family}`;
    const current = best.get(holderKey);
    const lasts = (x: AlertCredential) => x.expiresOn ?? '9999-12-31';
    if (!current || lasts(c) > lasts(current)) best.set(holderKey, c);
  }
  const alerts: Alert[] = [];
  for (const c of best.values()) {
    if (c.expiresOn === null) continue;
    const daysLeft = daysBetween(date, c.expiresOn);
    const holderName = c.holder?.name ?? c.facilityName;
    const base = {
      staffMemberId: c.holder?.staffMemberId ?? null,
      facilityId: c.facilityId,
      holderName,
      credentialId: c.credentialId,
      label: c.label,
      dueOn: c.expiresOn,
      daysLeft,
    };
    // Good through its expiry date, lapsed the day after (credential-status.ts).
    if (daysLeft < 0) {
      alerts.push({
        ...base,
        key: `credential:${c.credentialId}:expired`,
        kind: 'credential_expired',
        threshold: null,
        message: `${holderName}: ${c.label} ${c.number} expired ${c.expiresOn}`,
      });
      continue;
    }
    const threshold = thresholdOf(daysLeft);
    if (threshold === null) continue;
    alerts.push({
      ...base,
      key: `credential:${c.credentialId}:${threshold}`,
      kind: 'credential_expiring',
      threshold,
      message: `${holderName}: ${c.label} ${c.number} expires ${c.expiresOn} (${inDays(daysLeft)})`,
    });
  }
  for (const p of input.ce) {
    if (p.projectedNonCompliance === null) continue;
    const daysLeft = daysBetween(date, p.projectedNonCompliance);
    if (daysLeft > CE_ALERT_DAYS) continue;
    alerts.push({
      key: `ce:${p.credentialId}:${p.cycleEnd}`,
      kind: 'ce_at_risk',
      threshold: null,
      staffMemberId: p.staffMemberId,
      facilityId: p.facilityId,
      holderName: p.name,
      credentialId: p.credentialId,
      label: p.label,
      dueOn: p.projectedNonCompliance,
      daysLeft,
      message: `${p.name}: continuing education for ${p.label} is behind; at this pace the cycle ending ${p.cycleEnd} will not be complete`,
    });
  }
  for (const s of input.screenings) {
    alerts.push({
      key: `screening:${s.screeningId}`,
      kind: 'exclusion_review',
      threshold: null,
      staffMemberId: s.staffMemberId,
      facilityId: s.facilityId,
      holderName: s.name,
      credentialId: null,
      label: 'OIG exclusion screening',
      dueOn: s.screenedOn,
      daysLeft: null,
      message: `${s.name}: a possible exclusion match from ${s.screenedOn} waits for review`,
    });
  }
  return alerts.sort(compareAlerts);
}

const order: Record<AlertKind, number> = { credential_expired: 0, exclusion_review: 1, credential_expiring: 2, ce_at_risk: 3 };

/** Worst first: expired, exclusion matches, expiring, CE; then by date. */
export const compareAlerts = (a: Alert, b: Alert) =>
  order[a.kind] - order[b.kind] || a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key);

/** The message to the holder of a credential (never for exclusion matches, which go to managers only). */
export function personalAlertEmail(alert: Alert, firstName: string): { subject: string; body: string } | null {
  if (alert.kind === 'exclusion_review' || alert.staffMemberId === null) return null;
  const lines = [`Hello ${firstName},`, ''];
  let subject: string;
  if (alert.kind === 'credential_expired') {
    subject = `Your ${alert.label} has expired`;
    lines.push(
      `Your ${alert.label} expired on ${alert.dueOn}. You may not work in a role that requires it until it is renewed.`,
      'Please renew it and give the office the new expiry date.',
    );
  } else if (alert.kind === 'credential_expiring') {
    subject = `Your ${alert.label} expires ${inDays(alert.daysLeft ?? 0)}`;
    lines.push(
      `Your ${alert.label} expires on ${alert.dueOn}.`,
      'Please renew it in time and give the office the new expiry date.',
    );
  } else {
    subject = `Continuing education for your ${alert.label} is behind`;
    lines.push(
      `At the pace so far, the continuing education for your ${alert.label} will not be complete by the end of the cycle.`,
      'Please plan the remaining units.',
    );
  }
  lines.push('', '(Sent by ClinicOps.)');
  return { subject, body: lines.join('\n') };
}

/** The daily digest to a manager: every alert of the facilities they manage, worst first. */
export function digestEmail(alerts: readonly Alert[], date: string): { subject: string; body: string } | null {
  if (alerts.length === 0) return null;
  const count = (k: AlertKind) => alerts.filter((a) => a.kind === k).length;
  const sections: [AlertKind, string][] = [
    ['credential_expired', 'Expired'],
    ['credential_expiring', 'Expiring within 90 days'],
    ['ce_at_risk', 'Continuing education behind'],
    ['exclusion_review', 'Exclusion screening matches to review'],
  ];
  const lines = [`Credential alerts for ${date}:`, ''];
  for (const [kind, title] of sections) {
    const some = alerts.filter((a) => a.kind === kind);
    if (some.length === 0) continue;
    lines.push(`${title} (${some.length}):`);
    // Exclusion matches are usually someone else with the same name: the digest counts them,
    // the review page names them.
    if (kind === 'exclusion_review') lines.push('  Open Staff > Exclusion screening to review them.');
    else for (const a of some) lines.push(`  - ${a.message}`);
    lines.push('');
  }
  lines.push('(Sent by ClinicOps. The compliance page lists the same alerts.)');
  const worst = count('credential_expired') > 0 ? `${count('credential_expired')} expired, ` : '';
  return { subject: `Credential alerts: ${worst}${alerts.length} in all (${date})`, body: lines.join('\n') };
}
