import type { OutcomeView } from '@tradebridge/contracts';
import { connectionsLink, Expander } from './expander';

/** Both parties; the one whose member recorded it is dropped, so the partner hears of it. */
export const outcomeRecorded: Expander = (entry) => {
  const outcome = entry.data.outcome as OutcomeView | undefined;
  const [a, b] = entry.registrationIds;
  if (!outcome || !a || !b) return [];
  const facts = { connectionId: outcome.connectionId, outcomeKind: outcome.kind, value: outcome.value ?? null };
  const link = connectionsLink(entry.eventId);
  return [
    { to: a, partner: b, kind: 'outcome.recorded', key: '', link, facts },
    { to: b, partner: a, kind: 'outcome.recorded', key: '', link, facts },
  ];
};
