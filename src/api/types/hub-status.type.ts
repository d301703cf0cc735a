/** GraphQL types describing the hub itself. */
import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Reachability of a store the hub depends on (依赖检查).' })
export class DependencyCheckType {
  @Field({ description: 'Store name: `postgresql` or `redis`.' })
  name!: string;

  @Field({ description: 'Whether the store answered.' })
  ok!: boolean;

  @Field(() => Float, { description: 'Round-trip time of the probe in milliseconds.' })
  latencyMs!: number;

  @Field({ nullable: true, description: 'Error message when the probe failed.' })
  error?: string;
}

@ObjectType({ description: 'The gridhub instance (数据中枢).' })
export class HubType {
  @Field({ description: 'gridhub version.' })
  version!: string;

  @Field(() => [DependencyCheckType], { description: 'Probes of PostgreSQL and Redis.' })
  checks!: DependencyCheckType[];

  @Field(() => [String], { description: 'Database migrations not yet applied (should be empty).' })
  pendingMigrations!: string[];
}
