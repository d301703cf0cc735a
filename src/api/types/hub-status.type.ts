/** GraphQL types describing the hub itself. */
import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'Reachability of a store the hub depends on (依赖检查).' })
export class DependencyCheckType {
  @Field({ description: 'Store name (存储名称): `postgresql` or `redis`.' })
  name!: string;

  @Field({ description: 'Whether the store answered (是否可用).' })
  ok!: boolean;

  @Field(() => Float, { description: 'Round-trip time of the probe in milliseconds (探测耗时).' })
  latencyMs!: number;

  @Field({ nullable: true, description: 'Error message when the probe failed (探测错误).' })
  error?: string;
}

@ObjectType({ simpleResolvers: true, description: 'The gridhub instance (数据中枢).' })
export class HubType {
  @Field({ description: 'gridhub version (版本).' })
  version!: string;

  @Field(() => [DependencyCheckType], { description: 'Probes of PostgreSQL and Redis (依赖检查).' })
  checks!: DependencyCheckType[];

  @Field(() => [String], { description: 'Database migrations not yet applied (待执行迁移; should be empty).' })
  pendingMigrations!: string[];
}
