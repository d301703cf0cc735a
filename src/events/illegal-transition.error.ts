/** An action the closed loop does not allow in the event's current status. */
import type { EventStatus } from '../domain/vocabulary';
import type { EventAction } from './state-machine';

export class IllegalTransitionError extends Error {
  readonly code = 'ILLEGAL_TRANSITION';
  constructor(
    readonly eventCode: string,
    readonly status: EventStatus | null,
    readonly action: EventAction,
    readonly allowed: readonly EventAction[],
  ) {
    super(
      `Event ${eventCode} is ${status ?? 'not reported yet'}: "${action}" is not allowed` +
        (allowed.length > 0 ? ` (allowed: ${allowed.join(', ')}).` : ' (the event is finished: no action is allowed).'),
    );
    this.name = 'IllegalTransitionError';
  }
}
