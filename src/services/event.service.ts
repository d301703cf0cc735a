/**
 * Use case "event closed loop" (事件闭环): report (上报), accept (受理) or reject, dispatch (分拨/交办)
 * to a department or a lower grid, handle (处置), feed back (反馈), verify (核查: pass, or return to
 * handling 回退), close (结案). Each action is checked by the engine's state machine, applied in one
 * transaction guarded by the event's version (optimistic locking) and recorded as a timeline step
 * (who, role, when, note, detail). The time limit of the category sets the deadline; `recolour`
 * re-assesses colours and supervision cards of all open events (the BullMQ repeatable job);
 * `materialiseFeeds` brings police incidents and safety hazards into the same loop (pipeline stage `events`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  EventRepository, type ColourChange, type EventFilterSql, type EventOrderSql, type EventPartyRow, type EventRow, type EventStepRow, type FeedCounts,
} from '../db/repositories/event.repository';
import {
  CATEGORY_ALIASES, TIME_LIMITS, assessColour, deadlineFor, isOpen, limitRows, nextStatus, timeLimitFor, type EventAction, type TimeLimitConfig,
} from '../events';
import type { GridScope } from '../db/repositories/grid-scope';
import type { Page, PageRequest } from '../domain/page';
import {
  Department, EventCategoryScheme, EventGrade, EventOrigin, EventScale, type EventStatus,
} from '../domain/vocabulary';

export type EventView = EventRow;
export type EventStepView = EventStepRow;
export type EventPartyView = EventPartyRow;
export type EventFilter = EventFilterSql;
export type EventOrder = EventOrderSql;

/** Who acts: the user and the role they act in (grid worker, department, steward …). */
export interface Actor {
  user: string;
  role: string | null;
}

export class EventNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
}

/** Someone else changed the event between read and write (optimistic lock); reload and retry. */
export class EventConflictError extends Error {
  readonly code = 'CONFLICT';
}

export class EventInputError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

export interface ReportInput {
  title: string;
  description?: string | null;
  origin: EventOrigin;
  categoryScheme: EventCategoryScheme;
  categoryCode: string;
  scale?: EventScale;
  grade?: EventGrade;
  /** Grid the event happened in; defaults to the address's grid. */
  gridCode?: string | null;
  /** Standard address id. */
  addressId?: number | null;
  lng?: number | null;
  lat?: number | null;
  /** When it was reported; default now. */
  reportedAt?: Date;
  involvedPersonIds?: number[];
  involvedOrganisationIds?: number[];
}

export interface StepOptions {
  note?: string | null;
  /** Fail with EventConflictError unless the event still has this version. */
  expectedVersion?: number;
  /** Time of the step; default the service clock. */
  at?: Date;
}

export class EventService {
  private readonly events: EventRepository;

  constructor(
    em: EntityManager,
    private readonly clock: () => Date = () => new Date(),
    private readonly config: TimeLimitConfig = TIME_LIMITS,
  ) {
    this.events = new EventRepository(em);
  }

  byId(id: number): Promise<EventView | null> {
    return this.events.findById(id);
  }

  byCode(code: string): Promise<EventView | null> {
    return this.events.findByCode(code.trim());
  }

  byIds(ids: readonly number[]): Promise<EventView[]> {
    return this.events.findByIds(ids);
  }

  /** Timelines of many events (one statement). */
  timelines(eventIds: readonly number[]): Promise<EventStepView[]> {
    return this.events.stepsOf(eventIds);
  }

  /** Events of many persons or organisations (one statement), newest first. */
  eventsOfParties(kind: 'person' | 'organisation', ids: readonly number[]): Promise<Array<{ partyId: number; event: EventView }>> {
    return this.events.eventsOfParties(kind, ids);
  }

  /** Persons and organisations involved in many events (one statement). */
  parties(eventIds: readonly number[]): Promise<EventPartyView[]> {
    return this.events.partiesOf(eventIds);
  }

  /** A page of the events of a grid, or of its subtree (`scope.includeDescendants`). */
  gridEvents(scope: GridScope, filter: EventFilter, orderBy: EventOrder, page: PageRequest): Promise<Page<EventView>> {
    return this.events.gridPage(scope, filter, orderBy, page);
  }

  gridEventCount(scope: GridScope, filter: EventFilter): Promise<number> {
    return this.events.gridCount(scope, filter);
  }

  /** 上报: a new event in status `reported`, with its deadline from the category's time limit. */
  async report(input: ReportInput, actor: Actor): Promise<EventView> {
    const title = input.title.trim();
    if (title === '') throw new EventInputError('title must not be empty', 'title');
    if (!EventOrigin.is(input.origin)) throw new EventInputError(`unknown origin "${input.origin}" (one of ${EventOrigin.values.join(', ')})`, 'origin');
    if (!EventCategoryScheme.is(input.categoryScheme)) {
      throw new EventInputError(`unknown category scheme "${input.categoryScheme}" (one of ${EventCategoryScheme.values.join(', ')})`, 'categoryScheme');
    }
    const categoryCode = input.categoryCode.trim();
    if (categoryCode === '') throw new EventInputError('categoryCode must not be empty', 'categoryCode');
    let gridId: number | null = null;
    let lng = input.lng ?? null;
    let lat = input.lat ?? null;
    if (input.addressId !== undefined && input.addressId !== null) {
      const a = await this.events.addressById(input.addressId);
      if (!a) throw new EventInputError(`no current standard address ${input.addressId}`, 'addressId');
      gridId = a.gridId;
      lng ??= a.lng;
      lat ??= a.lat;
    }
    if (input.gridCode !== undefined && input.gridCode !== null) {
      const g = await this.events.gridByCode(input.gridCode.trim());
      if (!g) throw new EventInputError(`no current grid with code "${input.gridCode}"`, 'gridCode');
      gridId = g.id;
    }
    const persons = [...new Set(input.involvedPersonIds ?? [])];
    const orgs = [...new Set(input.involvedOrganisationIds ?? [])];
    const livePersons = await this.events.existing('person', persons);
    const missingP = persons.filter((p) => !livePersons.has(p));
    if (missingP.length > 0) throw new EventInputError(`no golden person with id ${missingP.join(', ')}`, 'involvedPersonIds');
    const liveOrgs = await this.events.existing('organisation', orgs);
    const missingO = orgs.filter((o) => !liveOrgs.has(o));
    if (missingO.length > 0) throw new EventInputError(`no golden organisation with id ${missingO.join(', ')}`, 'involvedOrganisationIds');

    const now = this.clock();
    const reportedAt = input.reportedAt ?? now;
    const deadlineAt = deadlineFor(input.categoryScheme, categoryCode, reportedAt, this.config);
    const { colour, supervisionLevel } = assessColour(reportedAt, deadlineAt, now, this.config);
    const limit = timeLimitFor(input.categoryScheme, categoryCode, this.config);
    const to = nextStatus({ code: '(new)', status: null }, 'report');
    const id = await this.events.insert(
      {
        title, description: input.description ?? null, origin: input.origin, categoryScheme: input.categoryScheme, categoryCode,
        scale: input.scale ?? 'individual', grade: input.grade ?? 'general', reportedAt, deadlineAt, colour, supervisionLevel,
        gridId, addressId: input.addressId ?? null, lng, lat,
      },
      { action: 'report', fromStatus: null, toStatus: to, actor: actor.user, actorRole: actor.role, at: reportedAt, note: input.description ?? null, detail: { timeLimit: limit.tier, deadlineAt: deadlineAt.toISOString() } },
      [...persons.map((p) => ({ personId: p, organisationId: null, role: 'involved' as const })), ...orgs.map((o) => ({ personId: null, organisationId: o, role: 'involved' as const }))],
    );
    return (await this.events.findById(id))!;
  }

  /** 受理 */
  accept(id: number, actor: Actor, opts: StepOptions = {}): Promise<EventView> {
    return this.apply(id, 'accept', actor, opts);
  }

  /** 不予受理 (only before acceptance). */
  reject(id: number, actor: Actor, opts: StepOptions = {}): Promise<EventView> {
    return this.apply(id, 'reject', actor, opts);
  }

  /**
   * 分拨/交办 to a department (`police`, `safety` …, see Department) or a lower grid (by code: a grid
   * below the event's own grid); the target becomes the assignee.
   */
  async dispatch(id: number, to: string, actor: Actor, opts: StepOptions = {}): Promise<EventView> {
    const target = to.trim();
    if (Department.is(target)) return this.apply(id, 'dispatch', actor, opts, { assignee: target, detail: { assigneeKind: 'department', department: target } });
    const grid = await this.events.gridByCode(target);
    if (!grid) {
      throw new EventInputError(`dispatch target "${to}" is neither a department (${Department.values.join(', ')}) nor the code of a current grid`, 'to');
    }
    return this.apply(id, 'dispatch', actor, opts, { assignee: target, detail: { assigneeKind: 'grid', gridCode: target, gridId: grid.id } }, async (e) => {
      if (e.gridId === null) return;
      const own = await this.events.gridPath(e.gridId);
      if (own !== null && (grid.path === own || !grid.path.startsWith(own))) {
        throw new EventInputError(`grid ${target} is not below the event's grid ${e.gridCode ?? e.gridId}: dispatch goes to a department or a lower grid`, 'to');
      }
    });
  }

  /** 处置 */
  handle(id: number, actor: Actor, opts: StepOptions = {}): Promise<EventView> {
    return this.apply(id, 'handle', actor, opts);
  }

  /** 反馈 */
  feedBack(id: number, actor: Actor, opts: StepOptions = {}): Promise<EventView> {
    return this.apply(id, 'feed_back', actor, opts);
  }

  /** 核查: pass → verified; otherwise returned to handling (回退). */
  verify(id: number, pass: boolean, actor: Actor, opts: StepOptions = {}): Promise<EventView> {
    return this.apply(id, pass ? 'verify_pass' : 'verify_return', actor, opts);
  }

  /** 结案 */
  close(id: number, actor: Actor, opts: StepOptions = {}): Promise<EventView> {
    return this.apply(id, 'close', actor, opts);
  }

  /** Colours and supervision levels of all open events as of `now` (set-based); each change is an `escalate` step. */
  recolour(now: Date = this.clock()): Promise<ColourChange[]> {
    const { colours, supervision } = this.config;
    return this.events.recolour(now, { ...colours, ...supervision });
  }

  /** Police incidents and safety hazards into events (incremental); see EventRepository.materialiseFeeds. */
  materialiseFeeds(now: Date = this.clock()): Promise<FeedCounts> {
    const { colours, supervision, timeZoneOffsetMinutes } = this.config;
    return this.events.materialiseFeeds(now, {
      ...colours, ...supervision, timeZoneOffsetMinutes, limits: limitRows(this.config), aliases: CATEGORY_ALIASES as Record<string, Record<string, string>>,
    });
  }

  private async apply(
    id: number,
    action: EventAction,
    actor: Actor,
    opts: StepOptions,
    extra: { assignee?: string; detail?: Record<string, unknown> } = {},
    check?: (e: EventView) => Promise<void>,
  ): Promise<EventView> {
    const e = await this.events.findById(id);
    if (!e) throw new EventNotFoundError(`No event with id ${id}.`);
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== e.version) {
      throw new EventConflictError(`Event ${e.code} is at version ${e.version}, not ${opts.expectedVersion}: it was changed meanwhile; reload it and retry.`);
    }
    const to: EventStatus = nextStatus(e, action);
    if (check) await check(e);
    const at = opts.at ?? this.clock();
    const patch: Parameters<EventRepository['transition']>[2] = { status: to };
    if (extra.assignee !== undefined) patch.assignee = extra.assignee;
    if (!isOpen(to)) {
      // Finished: the colour freezes as of now (closed within the limit or not).
      const c = assessColour(e.reportedAt, e.deadlineAt, at, this.config);
      Object.assign(patch, { closedAt: at, colour: c.colour, supervisionLevel: c.supervisionLevel });
    }
    const ok = await this.events.transition(e.id, e.version, patch, {
      action, fromStatus: e.status, toStatus: to, actor: actor.user, actorRole: actor.role, at, note: opts.note ?? null, detail: extra.detail ?? {},
    });
    if (!ok) throw new EventConflictError(`Event ${e.code} was changed by someone else while ${action} was applied (version ${e.version} is stale); reload it and retry.`);
    return (await this.events.findById(id))!;
  }
}
