import { StateError } from './http/errors.ts';

/**
 * What may follow what, declared as data so it can be read, shown and tested. A record's service asks
 * `machine.assert(from, to)` before a change; an illegal step is a 409 that says what is allowed instead.
 */
export interface StateMachine<S extends string> {
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  readonly labels: Readonly<Record<S, string>>;
  allowed(from: S, to: S): boolean;
  assert(from: S, to: S): void;
}

export function stateMachine<S extends string>(
  what: string,
  transitions: Record<S, readonly S[]>,
  labels: Record<S, string>,
): StateMachine<S> {
  const allowed = (from: S, to: S) => transitions[from]?.includes(to) ?? false;
  return {
    transitions,
    labels,
    allowed,
    assert(from, to) {
      if (allowed(from, to)) return;
      const next = transitions[from] ?? [];
      const options = next.length ? ` From here it can only be: ${next.map((s) => labels[s].toLowerCase()).join(', ')}.` : ' Nothing can follow this.';
      throw new StateError(`This ${what} is ${labels[from].toLowerCase()}, so it cannot be ${labels[to].toLowerCase()} now.${options}`);
    },
  };
}
