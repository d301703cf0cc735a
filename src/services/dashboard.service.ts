/**
 * Dashboard (驾驶舱) aggregates of one grid or its whole subtree: persons by kind, age band, gender
 * and tag; houses (total, rentals, by use); organisations by kind (incl. 三小场所); things by class;
 * events by status, colour and category, and over day/week/month buckets in Asia/Shanghai time.
 * Each aggregate is one SQL statement (DashboardRepository), run only when asked for and at most
 * once per service instance (one instance per request); counts come with their Chinese labels.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AGE_BANDS, DashboardRepository, type Bucket, type DashboardScope, type KeyCount } from '../db/repositories/dashboard.repository';
import { EventColour, EventStatus, Gender, HouseUse, OrganisationKind, PersonKind, THREE_SMALL_KINDS, ThingKind } from '../domain/vocabulary';
import type { EventCategoryScheme } from '../domain/vocabulary';
import { categoryLabel } from '../events/event-categories';

export type { Bucket, DashboardScope };

/** A count with its key (a code) and the Chinese label users know it by. */
export interface CountByView {
  key: string;
  label: string;
  count: number;
}

export interface HouseCountsView {
  total: number;
  rental: number;
  byUse: CountByView[];
}

export interface OrganisationCountsView {
  total: number;
  /** 三小场所: small shops, restaurants and entertainment places. */
  threeSmall: number;
  byKind: CountByView[];
}

export interface EventCountsView {
  total: number;
  byStatus: CountByView[];
  byColour: CountByView[];
  /** key `scheme:code`, e.g. `dispute:02` 邻里纠纷. */
  byCategory: CountByView[];
}

export interface EventBucketView {
  bucketStart: Date;
  count: number;
  byColour: CountByView[];
}

/** The window of the event aggregates: reported in [from, to). */
export interface EventWindow {
  from: Date;
  to: Date;
}

/** A caller's mistake in the arguments (a window that ends before it starts, too many buckets). */
export class DashboardInputError extends Error {
  readonly code = 'BAD_USER_INPUT';
}

const UNKNOWN_LABEL = '未知';

const AGE_BAND_LABELS: Record<string, string> = {
  '0-6': '0–6岁', '7-17': '7–17岁', '18-59': '18–59岁', '60-79': '60–79岁', '80+': '80岁及以上', unknown: '出生日期不详',
};

/** GB/T 30428 / CJ/T 214 major classes of city management parts (部件大类). */
export const THING_MAJOR_CLASSES: Readonly<Record<string, string>> = {
  '01': '公用设施', '02': '道路交通', '03': '市容环境', '04': '园林绿化', '05': '房屋土地', '06': '其他设施', '07': '扩展部件',
};

/** Most buckets a series may have (a year of days). */
export const MAX_BUCKETS = 400;

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

function labelled(rows: KeyCount[], labels: Readonly<Record<string, string>>): CountByView[] {
  return rows.map((r) => ({ key: r.key, label: labels[r.key] ?? (r.key === 'unknown' ? UNKNOWN_LABEL : r.key), count: r.count }));
}

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Start of the local (Asia/Shanghai) bucket containing `at`: midnight, Monday midnight, or the 1st. */
export function bucketStart(at: Date, bucket: Bucket): Date {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  let start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  if (bucket === 'week') start -= ((local.getUTCDay() + 6) % 7) * DAY_MS;
  if (bucket === 'month') start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
  return new Date(start - SHANGHAI_OFFSET_MS);
}

function nextBucket(start: Date, bucket: Bucket): Date {
  if (bucket === 'day') return new Date(start.getTime() + DAY_MS);
  if (bucket === 'week') return new Date(start.getTime() + 7 * DAY_MS);
  const local = new Date(start.getTime() + SHANGHAI_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - SHANGHAI_OFFSET_MS);
}

export class DashboardService {
  private readonly repo: DashboardRepository;
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(em: EntityManager) {
    this.repo = new DashboardRepository(em);
  }

  /** Runs `fn` once per key for the lifetime of this instance (one request). */
  private once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (p === undefined) {
      p = fn();
      this.memo.set(key, p);
    }
    return p;
  }

  private static key(name: string, scope: DashboardScope, ...more: unknown[]): string {
    return JSON.stringify([name, scope.gridId, scope.includeDescendants, ...more]);
  }

  /** The scope of a grid: its own rows, or its whole subtree. */
  static scope(grid: { id: number; path: string }, includeDescendants = true): DashboardScope {
    return { gridId: grid.id, path: grid.path, includeDescendants };
  }

  /** 实有人口 by kind: 户籍 / 流动 / 境外. */
  async personsByKind(scope: DashboardScope): Promise<CountByView[]> {
    return labelled(await this.once(DashboardService.key('kind', scope), () => this.repo.personsByKind(scope)), PersonKind.labels);
  }

  async personsByGender(scope: DashboardScope): Promise<CountByView[]> {
    return labelled(await this.once(DashboardService.key('gender', scope), () => this.repo.personsByGender(scope)), Gender.labels);
  }

  /** Every band (zero counts included) in order, then `unknown` when some persons lack a usable birth date. */
  async personsByAgeBand(scope: DashboardScope, asOf: Date = new Date()): Promise<CountByView[]> {
    const day = shanghaiDate(asOf);
    const rows = await this.once(DashboardService.key('age', scope, day), () => this.repo.personsByAgeBand(scope, day));
    const by = new Map(rows.map((r) => [r.key, r.count]));
    const out: CountByView[] = AGE_BANDS.map((b) => ({ key: b, label: AGE_BAND_LABELS[b]!, count: by.get(b) ?? 0 }));
    if ((by.get('unknown') ?? 0) > 0) out.push({ key: 'unknown', label: AGE_BAND_LABELS.unknown!, count: by.get('unknown')! });
    return out;
  }

  /** Persons by tag current at `asOf` (key = tag code, label its Chinese name). */
  async personsByTag(scope: DashboardScope, asOf: Date = new Date()): Promise<CountByView[]> {
    const day = shanghaiDate(asOf);
    const rows = await this.once(DashboardService.key('tag', scope, day), () => this.repo.personsByTag(scope, day));
    return rows.map((r) => ({ key: r.key, label: r.name, count: r.count }));
  }

  async houses(scope: DashboardScope): Promise<HouseCountsView> {
    const h = await this.once(DashboardService.key('houses', scope), () => this.repo.houses(scope));
    return { total: h.total, rental: h.rental, byUse: labelled(h.byUse, HouseUse.labels) };
  }

  async organisations(scope: DashboardScope): Promise<OrganisationCountsView> {
    const rows = await this.once(DashboardService.key('organisations', scope), () => this.repo.organisationsByKind(scope));
    return {
      total: rows.reduce((n, r) => n + r.count, 0),
      threeSmall: rows.filter((r) => (THREE_SMALL_KINDS as readonly string[]).includes(r.key)).reduce((n, r) => n + r.count, 0),
      byKind: labelled(rows, OrganisationKind.labels),
    };
  }

  /** City parts by major class (key = the 2-digit class), other things by kind (key = the kind). */
  async thingsByClass(scope: DashboardScope): Promise<CountByView[]> {
    const rows = await this.once(DashboardService.key('things', scope), () => this.repo.thingsByClass(scope));
    const by = new Map<string, CountByView>();
    for (const r of rows) {
      const byClass = r.kind === 'city_part' && r.majorClass !== null;
      const key = byClass ? r.majorClass! : r.kind;
      const label = byClass ? (THING_MAJOR_CLASSES[key] ?? key) : (ThingKind.labels[r.kind as ThingKind] ?? r.kind);
      const c = by.get(key) ?? { key, label, count: 0 };
      c.count += r.count;
      by.set(key, c);
    }
    return [...by.values()];
  }

  async thingsByKind(scope: DashboardScope): Promise<CountByView[]> {
    const rows = await this.once(DashboardService.key('things', scope), () => this.repo.thingsByClass(scope));
    const by = new Map<string, number>();
    for (const r of rows) by.set(r.kind, (by.get(r.kind) ?? 0) + r.count);
    return labelled([...by].map(([key, count]) => ({ key, count })), ThingKind.labels);
  }

  /** The window [from, to): `to` defaults to now, `from` to 30 days before `to`. */
  window(from?: Date | null, to?: Date | null): EventWindow {
    const end = to ?? new Date();
    const start = from ?? new Date(end.getTime() - 30 * DAY_MS);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw new DashboardInputError('The event window needs valid `from` and `to` times.');
    if (start.getTime() >= end.getTime()) throw new DashboardInputError(`The event window is empty: from ${start.toISOString()} is not before to ${end.toISOString()}.`);
    return { from: start, to: end };
  }

  async events(scope: DashboardScope, w: EventWindow): Promise<EventCountsView> {
    const e = await this.once(DashboardService.key('events', scope, w.from, w.to), () => this.repo.events(scope, w.from, w.to));
    return {
      total: e.byStatus.reduce((n, r) => n + r.count, 0),
      byStatus: labelled(e.byStatus, EventStatus.labels),
      byColour: labelled(e.byColour, EventColour.labels),
      byCategory: e.byCategory.map((c) => ({ key: `${c.scheme}:${c.code}`, label: categoryLabel(c.scheme as EventCategoryScheme, c.code), count: c.count })),
    };
  }

  /** Every bucket of the window in order (empty ones with count 0), each with its counts by colour. */
  async eventSeries(scope: DashboardScope, w: EventWindow, bucket: Bucket): Promise<EventBucketView[]> {
    const starts: Date[] = [];
    for (let b = bucketStart(w.from, bucket); b.getTime() < w.to.getTime(); b = nextBucket(b, bucket)) {
      starts.push(b);
      if (starts.length > MAX_BUCKETS) throw new DashboardInputError(`The event window ${w.from.toISOString()} – ${w.to.toISOString()} has more than ${MAX_BUCKETS} ${bucket} buckets; use a coarser bucket or a shorter window.`);
    }
    const rows = await this.once(DashboardService.key('series', scope, w.from, w.to, bucket), () => this.repo.eventSeries(scope, w.from, w.to, bucket));
    const byStart = new Map<number, EventBucketView>(starts.map((s) => [s.getTime(), { bucketStart: s, count: 0, byColour: [] }]));
    for (const r of rows) {
      const view = byStart.get(r.bucketStart.getTime());
      if (view === undefined) throw new Error(`Bucket ${r.bucketStart.toISOString()} from SQL is not a ${bucket} start in ${w.from.toISOString()} – ${w.to.toISOString()}.`);
      view.count += r.count;
      view.byColour.push({ key: r.colour, label: EventColour.labels[r.colour as EventColour] ?? r.colour, count: r.count });
    }
    return starts.map((s) => byStart.get(s.getTime())!);
  }
}
