import type { FastifyRequest } from 'fastify';
import { can, type Action } from '@minewatch/core';
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The one authorization helper every route calls before reading or writing. */
export function authorize(req: FastifyRequest, action: Action): Actor {
  const actor = req.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!can(actor.role, action)) {
    throw new AppError('FORBIDDEN', `Role ${actor.role} may not perform ${action}`);
  }
  return actor;
}

export function authenticated(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  return req.actor;
}
