import type { Attendance } from '@tradebridge/contracts';
import type { CheckedRow, ImportedParticipant, RowProblem } from './check-row';

/**
 * What applying checked rows would do, against what is stored: a row whose tax
 * code (else contact e-mail) names a stored enterprise updates it, any other
 * creates one; the same enterprise twice in a file, or a tax code and e-mail of
 * two different enterprises, is refused; on-site places are counted per venue
 * so a file cannot overfill one. Pure: the service feeds it and writes its result.
 */
export interface StoredKeys {
  byTaxCode: Map<string, string>;
  byEmail: Map<string, string>;
  /** The event's registration of each matched enterprise. */
  registrations: Map<string, { id: string; venueId: string; attendance: Attendance }>;
  /** Per venue: capacity and on-site places taken (pending or approved). */
  venues: Map<string, { name: string; capacity: number; onsite: number }>;
}

export type PlannedRow =
  | { row: number; status: 'created'; participant: ImportedParticipant }
  | { row: number; status: 'updated'; participant: ImportedParticipant; enterpriseId: string; registrationId?: string }
  | { row: number; status: 'refused'; problems: RowProblem[] };

export function planImport(rows: CheckedRow[], stored: StoredKeys): PlannedRow[] {
  const seen = new Map<string, number>();
  const onsite = new Map([...stored.venues].map(([id, v]) => [id, v.onsite]));
  return rows.map((checked): PlannedRow => {
    if (!checked.participant) return { row: checked.row, status: 'refused', problems: checked.problems };
    const p = checked.participant;
    const keys = [p.taxCode ? `tax:${p.taxCode}` : null, `email:${p.contact.email}`].filter((k): k is string => Boolean(k));
    const earlier = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
    if (earlier !== undefined) {
      return {
        row: checked.row,
        status: 'refused',
        problems: [{ column: p.taxCode && seen.has(`tax:${p.taxCode}`) ? 'tax_code' : 'contact_email', code: 'DUPLICATE_IN_FILE', other: String(earlier) }],
      };
    }
    const byTax = p.taxCode ? stored.byTaxCode.get(p.taxCode) : undefined;
    const byEmail = stored.byEmail.get(p.contact.email);
    if (byTax && byEmail && byTax !== byEmail) return { row: checked.row, status: 'refused', problems: [{ column: 'tax_code', code: 'KEY_CONFLICT' }] };
    // Without a tax code in the file, a stored enterprise with another tax code is not "the same" by e-mail alone.
    const enterpriseId = byTax ?? byEmail;
    const registration = enterpriseId ? stored.registrations.get(enterpriseId) : undefined;
    if (p.attendance === 'onsite' && !(registration?.attendance === 'onsite' && registration.venueId === p.venueId)) {
      const venue = stored.venues.get(p.venueId)!;
      const taken = onsite.get(p.venueId) ?? 0;
      if (taken >= venue.capacity) return { row: checked.row, status: 'refused', problems: [{ column: 'venue', code: 'VENUE_FULL', value: venue.name, other: String(venue.capacity) }] };
      onsite.set(p.venueId, taken + 1);
    }
    for (const k of keys) seen.set(k, checked.row);
    return enterpriseId
      ? { row: checked.row, status: 'updated', participant: p, enterpriseId, ...(registration && { registrationId: registration.id }) }
      : { row: checked.row, status: 'created', participant: p };
  });
}
