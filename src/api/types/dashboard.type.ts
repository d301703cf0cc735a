/**
 * GraphQL types of the dashboard (驾驶舱): counts of a grid or its subtree, each aggregate a field
 * resolved (one SQL statement) only when selected — see DashboardResolver.
 */
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DashboardScope, EventWindow } from '../../services/dashboard.service';
import { GridType } from './grid.type';

export enum DashboardBucket {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
}

registerEnumType(DashboardBucket, {
  name: 'DashboardBucket',
  description: 'Time bucket of an event series (统计周期), in Asia/Shanghai time.',
  valuesConfig: {
    DAY: { description: 'Calendar day (日).' },
    WEEK: { description: 'Week starting Monday (周).' },
    MONTH: { description: 'Calendar month (月).' },
  },
});

@ObjectType('CountBy', { simpleResolvers: true, description: 'A count under a key (分类计数): the code, its Chinese label and the number.' })
export class CountByType {
  @Field({ description: 'The code counted under (分类编码), e.g. `floating`, `18-59`, `dispute:02`.' })
  key!: string;

  @Field({ description: 'Chinese label of the code (分类名称), e.g. 流动人口, 18–59岁, 邻里纠纷.' })
  label!: string;

  @Field(() => Int, { description: 'Number of records (数量).' })
  count!: number;
}

@ObjectType('DashboardHouses', { simpleResolvers: true, description: 'Houses of the scope (实有房屋统计).' })
export class DashboardHousesType {
  @Field(() => Int, { description: 'All houses (房屋总数).' })
  total!: number;

  @Field(() => Int, { description: 'Rental houses (出租屋).' })
  rental!: number;

  @Field(() => [CountByType], { description: 'Houses by use (按房屋用途).' })
  byUse!: CountByType[];
}

@ObjectType('DashboardOrganisations', { simpleResolvers: true, description: 'Organisations of the scope that are not closed (实有单位统计).' })
export class DashboardOrganisationsType {
  @Field(() => Int, { description: 'All organisations (单位总数).' })
  total!: number;

  @Field(() => Int, { description: 'Small shops, restaurants and entertainment places (三小场所).' })
  threeSmall!: number;

  @Field(() => [CountByType], { description: 'Organisations by kind (按单位类型).' })
  byKind!: CountByType[];
}

@ObjectType('DashboardEventBucket', { simpleResolvers: true, description: 'Events reported in one time bucket (时段事件数).' })
export class DashboardEventBucketType {
  @Field({ description: 'Start of the bucket (时段起点): local midnight, Monday or 1st of the month in Asia/Shanghai.' })
  bucketStart!: Date;

  @Field(() => Int, { description: 'Events reported in the bucket (事件数).' })
  count!: number;

  @Field(() => [CountByType], { description: 'Events of the bucket by warning colour (按三色预警).' })
  byColour!: CountByType[];
}

@ObjectType('DashboardEvents', { simpleResolvers: true, description: 'Events (事件) of the scope reported within a time window; each field is computed only when selected.' })
export class DashboardEventsType {
  scope!: DashboardScope;
  window!: EventWindow;

  @Field({ description: 'Start of the window, inclusive (统计起始时间).' })
  from!: Date;

  @Field({ description: 'End of the window, exclusive (统计截止时间).' })
  to!: Date;

  @Field(() => DashboardBucket, { description: 'Bucket of the series (统计周期).' })
  bucket!: DashboardBucket;
}

@ObjectType('Dashboard', { simpleResolvers: true, description: 'Dashboard aggregates (驾驶舱统计) of a grid or its whole subtree; each field is one SQL query, run only when selected.' })
export class DashboardType {
  scope!: DashboardScope;

  @Field(() => GridType, { description: 'The grid counted (统计网格).' })
  grid!: GridType;

  @Field({ description: 'Whether the rows of the whole subtree are counted (含下级网格).' })
  includeDescendants!: boolean;

  @Field({ description: 'The time ages and tags are taken at (统计时点).' })
  asOf!: Date;
}
