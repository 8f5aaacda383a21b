import type { Role } from '@minewatch/core';
import type { Scope } from './scope.js';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string | null;
  scope: Scope;
  via: 'session' | 'token';
}

/** The system itself (CLI, demo seeding): full scope, audited under its own label. */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: '系统',
  role: 'admin',
  regionCode: null,
  scope: { root: null },
  via: 'token',
};

export const auditActor = (a: Actor) => ({
  actorUserId: a === SYSTEM_ACTOR ? null : a.userId,
  actorLabel: `${a.username}`,
});
