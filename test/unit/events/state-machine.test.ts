import { EventStatus } from '../../../src/domain/vocabulary';
import { EVENT_ACTIONS, IllegalTransitionError, allowedActions, isOpen, nextStatus, type EventAction } from '../../../src/events';

/** The loop as users know it: every (status, action) pair not listed here is illegal. */
const LEGAL: Array<[EventStatus | null, EventAction, EventStatus]> = [
  [null, 'report', 'reported'],
  ['reported', 'accept', 'accepted'],
  ['reported', 'reject', 'rejected'],
  ['accepted', 'dispatch', 'dispatched'],
  ['accepted', 'handle', 'handling'],
  ['dispatched', 'dispatch', 'dispatched'],
  ['dispatched', 'handle', 'handling'],
  ['handling', 'handle', 'handling'],
  ['handling', 'feed_back', 'fed_back'],
  ['fed_back', 'verify_pass', 'verified'],
  ['fed_back', 'verify_return', 'handling'],
  ['verified', 'close', 'closed'],
];

const STATUSES: Array<EventStatus | null> = [null, ...EventStatus.values];
const ALL_PAIRS = STATUSES.flatMap((s) => EVENT_ACTIONS.map((a) => [s, a] as const));

describe('event state machine', () => {
  it.each(ALL_PAIRS)('%s × %s', (status, action) => {
    const legal = LEGAL.find(([s, a]) => s === status && a === action);
    if (legal) {
      expect(nextStatus({ code: 'SJ1', status }, action)).toBe(legal[2]);
    } else {
      let err: unknown;
      try {
        nextStatus({ code: 'SJ1', status }, action);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(IllegalTransitionError);
      const e = err as IllegalTransitionError;
      expect(e.code).toBe('ILLEGAL_TRANSITION');
      expect(e.eventCode).toBe('SJ1');
      expect(e.status).toBe(status);
      expect(e.allowed).toEqual(LEGAL.filter(([s]) => s === status).map(([, a]) => a));
      expect(e.message).toContain('SJ1');
      expect(e.message).toContain(`"${action}"`);
    }
  });

  it('lists the allowed actions of each status in loop order', () => {
    expect(allowedActions('reported')).toEqual(['accept', 'reject']);
    expect(allowedActions('fed_back')).toEqual(['verify_pass', 'verify_return']);
    expect(allowedActions('closed')).toEqual([]);
  });

  it('names the allowed actions in the error message, or says the event is finished', () => {
    expect(() => nextStatus({ code: 'SJ9', status: 'handling' }, 'close')).toThrow('Event SJ9 is handling: "close" is not allowed (allowed: handle, feed_back).');
    expect(() => nextStatus({ code: 'SJ9', status: 'closed' }, 'accept')).toThrow(/finished/);
  });

  it('every status is reachable from the report and every open status can reach closed', () => {
    const reach = (from: EventStatus | null): Set<EventStatus> => {
      const seen = new Set<EventStatus>();
      const todo: Array<EventStatus | null> = [from];
      while (todo.length > 0) {
        const s = todo.pop()!;
        for (const a of allowedActions(s)) {
          const to = nextStatus({ code: 'x', status: s }, a);
          if (!seen.has(to)) {
            seen.add(to);
            todo.push(to);
          }
        }
      }
      return seen;
    };
    expect([...reach(null)].sort()).toEqual([...EventStatus.values].sort());
    for (const s of EventStatus.values) if (isOpen(s) && s !== 'reported') expect(reach(s).has('closed')).toBe(true);
    expect(isOpen('closed')).toBe(false);
    expect(isOpen('rejected')).toBe(false);
  });
});
