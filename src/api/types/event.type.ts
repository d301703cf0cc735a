/** GraphQL types of the event (事件) and its closed loop: the event, its category, timeline steps, inputs and filters. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import {
  EventCategoryScheme, EventColour, EventGrade, EventOrigin, EventPartyRole, EventScale, EventStatus,
} from '../../domain/vocabulary';
import { EVENT_ACTION_LABELS, SUPERVISION_LABELS, SUPERVISION_LEVELS, allowedActions, categoryLabel, type EventAction } from '../../events';
import type { EventStepView, EventView } from '../../services/event.service';
import { toGlobalId } from '../global-id';
import { graphqlEnum } from '../graphql-enum';
import { NodeInterface } from './node.type';

export const EventStatusEnum = graphqlEnum('EventStatus', 'Status in the closed loop (办理状态): 上报 → 受理 → 分拨 → 处置 → 反馈 → 核查 → 结案.', EventStatus);
export const EventColourEnum = graphqlEnum('EventColour', 'Warning colour (三色预警): green within the time limit, yellow near it, red overdue.', EventColour);
export const EventOriginEnum = graphqlEnum('EventOrigin', 'How the event entered the hub (事件来源).', EventOrigin);
export const EventCategorySchemeEnum = graphqlEnum('EventCategoryScheme', 'Category scheme of an event (事件分类体系).', EventCategoryScheme);
export const EventScaleEnum = graphqlEnum('EventScale', 'Scale of an event (事件规模): individual, group, major group.', EventScale);
export const EventGradeEnum = graphqlEnum('EventGrade', 'Grade of an event (事件等级): 特别重大/重大/较大/一般.', EventGrade);
export const EventPartyRoleEnum = graphqlEnum('EventPartyRole', 'Role of a party in an event (涉事角色).', EventPartyRole);
export const EventActionEnum = graphqlEnum('EventAction', 'An action of the closed loop (办理动作).', {
  values: Object.keys(EVENT_ACTION_LABELS) as EventAction[],
  labels: EVENT_ACTION_LABELS,
});

export enum EventOrderField {
  REPORTED_AT = 'reportedAt',
  DEADLINE_AT = 'deadlineAt',
}
registerEnumType(EventOrderField, {
  name: 'EventOrderField',
  description: 'Order of an event list (事件排序).',
  valuesConfig: {
    REPORTED_AT: { description: 'Newest report first (按上报时间倒序).' },
    DEADLINE_AT: { description: 'Earliest deadline first (按办理时限正序), events without a deadline last.' },
  },
});

@ObjectType('EventCategory', { simpleResolvers: true, description: 'Category of an event (事件类别): a code within a scheme, with its label.' })
export class EventCategoryType {
  @Field(() => EventCategorySchemeEnum, { description: 'Scheme (分类体系), e.g. dispute = GB/T 31000-2015 矛盾纠纷.' })
  scheme!: string;

  @Field({ description: 'Code within the scheme (类别代码), e.g. `02`.' })
  code!: string;

  @Field({ description: 'Label (类别名称), e.g. 邻里纠纷.' })
  label!: string;
}

@ObjectType('EventStep', { simpleResolvers: true, description: 'One step of an event timeline (办理过程): who did what, when, from which status to which.' })
export class EventStepType {
  @Field({ description: 'Action (动作): report, accept, reject, dispatch, handle, feed_back, verify_pass, verify_return, close; escalate (督办升级) by the colour job; department_update (部门更新) from a feed.' })
  action!: string;

  @Field({ description: 'Chinese term of the action (动作名称), e.g. 受理.' })
  actionLabel!: string;

  @Field(() => EventStatusEnum, { nullable: true, description: 'Status before the step (原状态); null for the report.' })
  fromStatus?: string | null;

  @Field(() => EventStatusEnum, { description: 'Status after the step (新状态).' })
  toStatus!: string;

  @Field({ description: 'Who acted (办理人): a user, a department (police, safety) or `system`.' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'Role the actor acted in (角色).' })
  actorRole?: string | null;

  @Field({ description: 'When (时间).' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Note (办理意见).' })
  note?: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Details (详情): the dispatch target, the colour change, the source record …' })
  detail!: Record<string, unknown>;
}

export function toEventStepType(s: EventStepView): EventStepType {
  const t = new EventStepType();
  t.action = s.action;
  t.actionLabel = (EVENT_ACTION_LABELS as Record<string, string>)[s.action] ?? (s.action === 'escalate' ? '督办升级' : s.action === 'department_update' ? '部门更新' : s.action);
  t.fromStatus = s.fromStatus;
  t.toStatus = s.toStatus;
  t.actor = s.actor;
  t.actorRole = s.actorRole;
  t.at = s.at;
  t.note = s.note;
  t.detail = s.detail;
  return t;
}

@ObjectType('Event', { simpleResolvers: true, implements: NodeInterface, description: 'An event (事件): a dispute, public-order problem, safety hazard or city management case in the closed loop (事件闭环).' })
export class EventType {
  @Field(() => ID, { description: 'Global object id (全局标识).' })
  id!: string;

  /** Database id, for resolvers and loaders. */
  dbId!: number;
  gridId!: number | null;
  addressId!: number | null;

  @Field({ description: 'Event number (事件编号): the hub number `SJ…`, or the department key (警情编号, 隐患编号).' })
  code!: string;

  @Field({ description: 'Title (事件标题).' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description (事件描述).' })
  description?: string | null;

  @Field(() => EventOriginEnum, { description: 'Origin (事件来源): grid worker patrol, resident, department feed.' })
  origin!: string;

  @Field(() => EventCategoryType, { description: 'Category (事件类别).' })
  category!: EventCategoryType;

  @Field(() => EventScaleEnum, { description: 'Scale (事件规模).' })
  scale!: string;

  @Field(() => EventGradeEnum, { description: 'Grade (事件等级).' })
  grade!: string;

  @Field(() => EventStatusEnum, { description: 'Status in the closed loop (办理状态).' })
  status!: string;

  @Field(() => [EventActionEnum], { description: 'Actions allowed in the current status (可执行动作).' })
  allowedActions!: string[];

  @Field(() => EventColourEnum, { description: 'Warning colour (三色预警).' })
  colour!: string;

  @Field(() => Int, { description: 'Supervision level (督办级别): 0 none, 1 普通督办, 2 黄牌督办, 3 红牌督办.' })
  supervisionLevel!: number;

  @Field({ description: 'Supervision card (督办): 无 / 普通督办 / 黄牌督办 / 红牌督办.' })
  supervisionLabel!: string;

  @Field({ description: 'Reported at (上报时间).' })
  reportedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Deadline (办理时限) from the category time limit.' })
  deadlineAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Closed or rejected at (办结时间).' })
  closedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Assignee (承办单位): the department or lower grid it is dispatched to.' })
  assignee?: string | null;

  @Field(() => String, { nullable: true, description: 'Address as text (事发地址): the standard address, or as the department sent it.' })
  addressText?: string | null;

  @Field(() => Float, { nullable: true, description: 'Longitude (经度).' })
  lng?: number | null;

  @Field(() => Float, { nullable: true, description: 'Latitude (纬度).' })
  lat?: number | null;

  @Field(() => Int, { description: 'Version (版本号) for optimistic locking: pass it as `expectedVersion` to act only on what you saw.' })
  version!: number;
}

export function toEventType(e: EventView): EventType {
  const t = new EventType();
  t.id = toGlobalId('Event', e.id);
  t.dbId = e.id;
  t.gridId = e.gridId;
  t.addressId = e.addressId;
  t.code = e.code;
  t.title = e.title;
  t.description = e.description;
  t.origin = e.origin;
  const c = new EventCategoryType();
  c.scheme = e.categoryScheme;
  c.code = e.categoryCode;
  c.label = categoryLabel(e.categoryScheme, e.categoryCode);
  t.category = c;
  t.scale = e.scale;
  t.grade = e.grade;
  t.status = e.status;
  t.allowedActions = allowedActions(e.status).filter((a) => a !== 'report');
  t.colour = e.colour;
  t.supervisionLevel = e.supervisionLevel;
  t.supervisionLabel = SUPERVISION_LABELS[SUPERVISION_LEVELS[e.supervisionLevel] ?? 'none'];
  t.reportedAt = e.reportedAt;
  t.deadlineAt = e.deadlineAt;
  t.closedAt = e.closedAt;
  t.assignee = e.assignee;
  t.addressText = e.addressText;
  t.lng = e.lng;
  t.lat = e.lat;
  t.version = e.version;
  return t;
}

@InputType({ description: 'A new event to report (上报事件).' })
export class ReportEventInput {
  @Field({ description: 'Title (事件标题).' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description (事件描述).' })
  description?: string;

  @Field(() => EventOriginEnum, { description: 'Origin (事件来源): patrol by a grid worker, a resident, a department.' })
  origin!: EventOrigin;

  @Field(() => EventCategorySchemeEnum, { description: 'Category scheme (分类体系).' })
  categoryScheme!: EventCategoryScheme;

  @Field({ description: 'Category code within the scheme (类别代码), e.g. `02` 邻里纠纷.' })
  categoryCode!: string;

  @Field(() => EventScaleEnum, { nullable: true, description: 'Scale (事件规模); default individual.' })
  scale?: EventScale;

  @Field(() => EventGradeEnum, { nullable: true, description: 'Grade (事件等级); default general.' })
  grade?: EventGrade;

  @Field(() => String, { nullable: true, description: 'Code of the grid it happened in (所属网格编码); default the address’s grid.' })
  gridCode?: string;

  @Field(() => ID, { nullable: true, description: 'Global id of the standard address (标准地址) where it happened.' })
  addressId?: string;

  @Field(() => Float, { nullable: true, description: 'Longitude (经度).' })
  lng?: number;

  @Field(() => Float, { nullable: true, description: 'Latitude (纬度).' })
  lat?: number;

  @Field(() => [ID], { nullable: true, description: 'Global ids of the persons involved (当事人).' })
  involvedPersonIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Global ids of the organisations involved (涉事单位).' })
  involvedOrganisationIds?: string[];
}

@InputType({ description: 'Filters on events (事件筛选).' })
export class EventFilterInput {
  @Field(() => EventCategorySchemeEnum, { nullable: true, description: 'Category scheme (分类体系).' })
  categoryScheme?: EventCategoryScheme;

  @Field(() => String, { nullable: true, description: 'Category code (类别代码) within the scheme.' })
  categoryCode?: string;

  @Field(() => [EventStatusEnum], { nullable: true, description: 'Statuses (办理状态): any of.' })
  status?: EventStatus[];

  @Field(() => [EventColourEnum], { nullable: true, description: 'Warning colours (三色预警): any of.' })
  colour?: EventColour[];

  @Field(() => EventOriginEnum, { nullable: true, description: 'Origin (事件来源).' })
  origin?: EventOrigin;

  @Field(() => Date, { nullable: true, description: 'Reported at or after (上报时间起).' })
  reportedFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Reported before (上报时间止, exclusive).' })
  reportedTo?: Date;
}
