import type { PlatformRole } from '@tradebridge/contracts';

/** Platform-wide roles (defined with the contract). Event staff roles are per event (see libs/events). */
export type { PlatformRole };

/** The authenticated user behind a request or a socket, as the domain sees it. */
export interface Actor {
  userId: string;
  email: string;
  roles: PlatformRole[];
}

export function isAdmin(actor: Actor): boolean {
  return actor.roles.includes('admin');
}

/** Claims carried by an access token. */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  roles: PlatformRole[];
  /** The user's session epoch at issue; a reset password raises it and ends older tokens. Absent in older tokens (0). */
  ep?: number;
}
