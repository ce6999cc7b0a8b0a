/**
 * Unsubscribe tokens: `<base64url(userId:kind)>.<base64url(HMAC-SHA256)>`,
 * signed with the JWT secret. They never expire and need no table: a link in a
 * year-old e-mail still mutes its kind, and the only thing it can do is mute
 * one kind of e-mail for one user. Pure, so tests and the notifier can mint them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PURPOSE = 'tradebridge-unsubscribe:';

function signature(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret)
    .update(PURPOSE + payload)
    .digest();
}

export function unsubscribeToken(secret: string, userId: string, kind: string): string {
  const payload = `${userId}:${kind}`;
  return `${Buffer.from(payload).toString('base64url')}.${signature(secret, payload).toString('base64url')}`;
}

/** The user and kind a token was minted for, or null when it is malformed or not ours. */
export function readUnsubscribeToken(secret: string, token: string): { userId: string; kind: string } | null {
  const [encoded, mac, ...rest] = token.split('.');
  if (!encoded || !mac || rest.length > 0) return null;
  const payload = Buffer.from(encoded, 'base64url').toString('utf8');
  const given = Buffer.from(mac, 'base64url');
  const expected = signature(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const colon = payload.indexOf(':');
  if (colon <= 0 || colon === payload.length - 1) return null;
  return { userId: payload.slice(0, colon), kind: payload.slice(colon + 1) };
}
