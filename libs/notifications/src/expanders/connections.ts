import type { ConnectionView, NotificationKind } from '@tradebridge/contracts';
import type { EventLogEntry } from '@tradebridge/core';
import { connectionsLink, Expander, Mention, threadLink } from './expander';

function connectionOf(entry: EventLogEntry): ConnectionView | null {
  return (entry.data.connection as ConnectionView | undefined) ?? null;
}

/** The receiver (`to`), the requester (`from`) or both, told of a connection's change. */
function tell(kind: NotificationKind, whom: 'from' | 'to' | 'both'): Expander {
  return (entry) => {
    const c = connectionOf(entry);
    if (!c) return [];
    const link = connectionsLink(entry.eventId);
    const facts = { connectionId: c.id, message: c.message ?? null };
    const toReceiver: Mention = { to: c.toRegistrationId, partner: c.fromRegistrationId, kind, key: '', link, facts };
    const toRequester: Mention = { to: c.fromRegistrationId, partner: c.toRegistrationId, kind, key: '', link, facts };
    return whom === 'to' ? [toReceiver] : whom === 'from' ? [toRequester] : [toRequester, toReceiver];
  };
}

export const connectionRequested = tell('connection.requested', 'to');
export const connectionAccepted = tell('connection.accepted', 'from');
export const connectionDeclined = tell('connection.declined', 'from');
export const connectionWithdrawn = tell('connection.withdrawn', 'to');
export const connectionExpired = tell('connection.expired', 'both');

/** A message in a connection's thread: the other party is told (the entry names no content). */
export const messageSent: Expander = (entry) => {
  const connectionId = entry.data.connectionId as string | undefined;
  const from = entry.data.fromRegistrationId as string | undefined;
  const to = entry.registrationIds.find((id) => id !== from);
  if (!connectionId || !from || !to) return [];
  return [{ to, partner: from, kind: 'message.received', key: '', link: threadLink(entry.eventId, connectionId), facts: { connectionId } }];
};
