import { createHmac } from 'node:crypto';
import type { IceServer } from '@tradebridge/contracts';

/**
 * TURN credentials by coturn's REST-API scheme (`use-auth-secret`,
 * `static-auth-secret`; draft-uberti-behave-turn-rest): the username is
 * `<unix time of expiry>:<user id>` and the password is
 * base64(HMAC-SHA1(secret, username)). coturn recomputes the HMAC with the same
 * secret and refuses a username whose time has passed, so nothing is stored and
 * a credential handed to a participant stops working after `ttlSeconds`.
 */
export function turnCredentials(turn: { urls: string[]; secret: string; ttlSeconds: number }, userId: string, now: Date): IceServer {
  const expiry = Math.floor(now.getTime() / 1000) + turn.ttlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { urls: turn.urls, username, credential };
}
