/**
 * 事: an incident or case in the closed loop (上报 → 受理 → 分拨 → 处置 → 反馈 → 核查 → 结案).
 * Status, deadline and colour are kept on the row for per-grid and dashboard queries; every step is
 * in event_step (the timeline).
 */
import { Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { EventCategoryScheme, EventColour, EventGrade, EventOrigin, EventScale, EventStatus } from '../../domain/vocabulary';
import { GoldenEntity } from './base.entity';
import { Grid } from './grid.entity';
import { SourceRecord } from './source-record.entity';
import { StandardAddress } from './standard-address.entity';

@Entity({ tableName: 'event' })
@Index({ properties: ['grid', 'id'] })
@Index({ properties: ['grid', 'status', 'reportedAt'] })
@Index({ properties: ['status', 'deadlineAt'] })
@Index({ name: 'event_code_uq', expression: 'create unique index event_code_uq on event (code)' })
@Index({ name: 'event_open_deadline_idx', expression: `create index event_open_deadline_idx on event (deadline_at) where status not in ('closed', 'rejected')` })
export class Event extends GoldenEntity {
  /** Hub event number, or the department's (e.g. 警情编号). */
  @Property({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Enum({ items: EventOrigin.values, type: 'text' })
  origin!: EventOrigin;

  @Enum({ items: EventCategoryScheme.values, type: 'text' })
  categoryScheme!: EventCategoryScheme;

  /** Code within the scheme, e.g. GB/T 31000 `02` 邻里纠纷. */
  @Property({ type: 'text' })
  categoryCode!: string;

  @Enum({ items: EventScale.values, type: 'text' })
  scale: EventScale & Opt = 'individual';

  @Enum({ items: EventGrade.values, type: 'text' })
  grade: EventGrade & Opt = 'general';

  @Enum({ items: EventStatus.values, type: 'text' })
  status: EventStatus & Opt = 'reported';

  @Enum({ items: EventColour.values, type: 'text' })
  colour: EventColour & Opt = 'green';

  /** 0 none, 1 普通督办, 2 黄牌督办, 3 红牌督办 */
  @Property({ type: 'smallint', default: 0 })
  supervisionLevel: number & Opt = 0;

  @Property({ type: 'timestamptz' })
  reportedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  deadlineAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date;

  /** Department or lower grid the event is dispatched to. */
  @Property({ type: 'text', nullable: true })
  assignee?: string;

  @ManyToOne(() => Grid, { nullable: true })
  grid?: Grid;

  @ManyToOne(() => StandardAddress, { nullable: true })
  address?: StandardAddress;

  @Property({ type: 'double precision', nullable: true })
  lng?: number;

  @Property({ type: 'double precision', nullable: true })
  lat?: number;

  /** For events from a department feed (police 警情, safety 隐患): the source record they come from. */
  @ManyToOne(() => SourceRecord, { nullable: true, deleteRule: 'set null', index: true })
  sourceRecord?: SourceRecord;

  /** Revision of the source record last applied (a re-run with the same revision writes nothing). */
  @Property({ type: 'integer', nullable: true })
  sourceRevision?: number;
}
