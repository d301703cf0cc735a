/**
 * Lineage and explanations (数据血缘与解释) on every golden type: `sourceRecords` (each with its link:
 * score, rule, per-comparison weights; the raw payload only for roles that may see it),
 * `provenance` per attribute and `history` of the golden identity. Batched per request by the
 * lineage loaders (one statement per relation for a whole page).
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { historyLoader, provenanceLoader, sourceRecordsLoader } from '../loaders/lineage.loader';
import { AttributeProvenanceType, GoldenLineageEventType, SourceRecordRefType } from '../types/lineage.type';
import { OrganisationType } from '../types/organisation.type';
import { PersonType } from '../types/person.type';
import { AddressType, HouseType } from '../types/place.type';

const SOURCE_RECORDS = 'The department source records merged into this golden record (来源记录), oldest first.';
const PROVENANCE = 'Where each attribute value came from (属性来源): source record, stream, survivorship rule, time.';
const HISTORY = 'How this golden identity came to be (主数据血缘): created, merged, split, unmerged, retired, oldest first.';

@Resolver(() => PersonType)
export class PersonLineageResolver {
  @FieldResolver(() => [SourceRecordRefType], { description: SOURCE_RECORDS })
  sourceRecords(@Root() p: PersonType, @Ctx() ctx: GraphQLContext): Promise<SourceRecordRefType[]> {
    return sourceRecordsLoader(ctx, 'person').load(p.dbId);
  }

  @FieldResolver(() => [AttributeProvenanceType], { description: PROVENANCE })
  provenance(@Root() p: PersonType, @Ctx() ctx: GraphQLContext): Promise<AttributeProvenanceType[]> {
    return provenanceLoader(ctx, 'person').load(p.dbId);
  }

  @FieldResolver(() => [GoldenLineageEventType], { description: HISTORY })
  history(@Root() p: PersonType, @Ctx() ctx: GraphQLContext): Promise<GoldenLineageEventType[]> {
    return historyLoader(ctx, 'person').load(p.dbId);
  }
}

@Resolver(() => OrganisationType)
export class OrganisationLineageResolver {
  @FieldResolver(() => [SourceRecordRefType], { description: SOURCE_RECORDS })
  sourceRecords(@Root() o: OrganisationType, @Ctx() ctx: GraphQLContext): Promise<SourceRecordRefType[]> {
    return sourceRecordsLoader(ctx, 'organisation').load(o.dbId);
  }

  @FieldResolver(() => [AttributeProvenanceType], { description: PROVENANCE })
  provenance(@Root() o: OrganisationType, @Ctx() ctx: GraphQLContext): Promise<AttributeProvenanceType[]> {
    return provenanceLoader(ctx, 'organisation').load(o.dbId);
  }

  @FieldResolver(() => [GoldenLineageEventType], { description: HISTORY })
  history(@Root() o: OrganisationType, @Ctx() ctx: GraphQLContext): Promise<GoldenLineageEventType[]> {
    return historyLoader(ctx, 'organisation').load(o.dbId);
  }
}

@Resolver(() => HouseType)
export class HouseLineageResolver {
  @FieldResolver(() => [SourceRecordRefType], { description: SOURCE_RECORDS })
  sourceRecords(@Root() h: HouseType, @Ctx() ctx: GraphQLContext): Promise<SourceRecordRefType[]> {
    return sourceRecordsLoader(ctx, 'house').load(h.dbId);
  }

  @FieldResolver(() => [AttributeProvenanceType], { description: PROVENANCE })
  provenance(@Root() h: HouseType, @Ctx() ctx: GraphQLContext): Promise<AttributeProvenanceType[]> {
    return provenanceLoader(ctx, 'house').load(h.dbId);
  }

  @FieldResolver(() => [GoldenLineageEventType], { description: HISTORY })
  history(@Root() h: HouseType, @Ctx() ctx: GraphQLContext): Promise<GoldenLineageEventType[]> {
    return historyLoader(ctx, 'house').load(h.dbId);
  }
}

@Resolver(() => AddressType)
export class AddressLineageResolver {
  @FieldResolver(() => [SourceRecordRefType], { description: 'The register records (标准地址来源记录) this standard address was kept from.' })
  sourceRecords(@Root() a: AddressType, @Ctx() ctx: GraphQLContext): Promise<SourceRecordRefType[]> {
    return sourceRecordsLoader(ctx, 'address').load(a.dbId);
  }

  @FieldResolver(() => [AttributeProvenanceType], { description: PROVENANCE })
  provenance(@Root() a: AddressType, @Ctx() ctx: GraphQLContext): Promise<AttributeProvenanceType[]> {
    return provenanceLoader(ctx, 'address').load(a.dbId);
  }

  @FieldResolver(() => [GoldenLineageEventType], { description: HISTORY })
  history(@Root() a: AddressType, @Ctx() ctx: GraphQLContext): Promise<GoldenLineageEventType[]> {
    return historyLoader(ctx, 'address').load(a.dbId);
  }
}
