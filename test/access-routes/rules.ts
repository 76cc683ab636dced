import type { Action } from '../../src/platform/access/rules.ts';

/** How the access matrix checks a route (see test/access-matrix.test.ts). */
export type Rule =
  | { kind: 'unchecked'; why: string }
  | { kind: 'system'; action: Action; body?: unknown }
  /** Anyone signed in may call it; an API route names the body to send. */
  | { kind: 'signed-in'; body?: unknown }
  | { kind: 'person'; action: Action; body?: unknown }
  /** Offered only to those refused a record who may break glass; those who can already see it are sent to it. */
  | { kind: 'break-glass'; body?: unknown };

export const person = (action: Action, body?: unknown): Rule => ({ kind: 'person', action, body });
export const system = (action: Action, body?: unknown): Rule => ({ kind: 'system', action, body });
export const signedIn: Rule = { kind: 'signed-in' };

