/**
 * The closed loop (事件闭环) as a transition table: status × action → next status.
 *
 *   (new) ─report→ reported ─accept→ accepted ─dispatch→ dispatched ─handle→ handling ─feed_back→ fed_back
 *   reported ─reject→ rejected (不予受理)         accepted ─handle→ handling (就地处置, handled by the grid itself)
 *   dispatched ─dispatch→ dispatched (再分拨: to another department or a lower grid)
 *   handling ─handle→ handling (a further handling record, e.g. after a return)
 *   fed_back ─verify_pass→ verified ─close→ closed;  fed_back ─verify_return→ handling (回退)
 *
 * `closed` and `rejected` are final. Pure: no I/O; the service applies the result.
 */
import type { EventStatus } from '../domain/vocabulary';
import { IllegalTransitionError } from './illegal-transition.error';

/** Actions users take on an event; each is one step of the timeline. */
export const EVENT_ACTIONS = ['report', 'accept', 'reject', 'dispatch', 'handle', 'feed_back', 'verify_pass', 'verify_return', 'close'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** Chinese terms of the actions (timeline labels). */
export const EVENT_ACTION_LABELS: Record<EventAction, string> = {
  report: '上报',
  accept: '受理',
  reject: '不予受理',
  dispatch: '分拨/交办',
  handle: '处置',
  feed_back: '反馈',
  verify_pass: '核查通过',
  verify_return: '核查回退',
  close: '结案',
};

/**
 * Steps that are not user actions: a department feed changed the status of its record
 * (`department_update`), the colour job escalated the event (`escalate`).
 */
export const SYSTEM_STEPS = { departmentUpdate: 'department_update', escalate: 'escalate' } as const;

/** `null` is the state before the report. */
export const TRANSITIONS: ReadonlyMap<EventStatus | null, Readonly<Partial<Record<EventAction, EventStatus>>>> = new Map<
  EventStatus | null,
  Partial<Record<EventAction, EventStatus>>
>([
  [null, { report: 'reported' }],
  ['reported', { accept: 'accepted', reject: 'rejected' }],
  ['accepted', { dispatch: 'dispatched', handle: 'handling' }],
  ['dispatched', { dispatch: 'dispatched', handle: 'handling' }],
  ['handling', { handle: 'handling', feed_back: 'fed_back' }],
  ['fed_back', { verify_pass: 'verified', verify_return: 'handling' }],
  ['verified', { close: 'closed' }],
  ['closed', {}],
  ['rejected', {}],
]);

/** Statuses in which the loop is finished (no colour escalation, no further action). */
export const FINAL_STATUSES: readonly EventStatus[] = ['closed', 'rejected'];

export function isOpen(status: EventStatus): boolean {
  return !FINAL_STATUSES.includes(status);
}

/** Actions allowed in a status, in loop order. */
export function allowedActions(status: EventStatus | null): EventAction[] {
  const row = TRANSITIONS.get(status) ?? {};
  return EVENT_ACTIONS.filter((a) => row[a] !== undefined);
}

/** The status after `action`, or IllegalTransitionError naming the event, its status and what is allowed. */
export function nextStatus(event: { code: string; status: EventStatus | null }, action: EventAction): EventStatus {
  const to = TRANSITIONS.get(event.status)?.[action];
  if (to === undefined) throw new IllegalTransitionError(event.code, event.status, action, allowedActions(event.status));
  return to;
}
