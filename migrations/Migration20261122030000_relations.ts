import { Migration } from '@mikro-orm/migrations';

/**
 * Relations between golden records (the `people-links` stage) and the dashboard: the tag
 * definitions of DOMAIN.md "Tags on people" (key groups are police/综治 only and `secret`, health
 * tags `sensitive`, care groups `internal`), a `current` flag on person tags, employments and house
 * occupants (rows are closed, never deleted: history), household lookups by 户号 and the indexes
 * the dashboard aggregates need.
 */
const TAGS: Array<[code: string, name: string, group: string, owner: string, sensitivity: string, detailFields: string[]]> = [
  ['released_prisoner', '刑满释放人员', 'key_group', 'police', 'secret', ['offence', 'sentenceMonths', 'riskLevel']],
  ['community_correction', '社区矫正人员', 'key_group', 'police', 'secret', ['correctionType', 'periodEnd']],
  ['severe_mental_disorder', '严重精神障碍患者', 'key_group', 'health', 'secret', ['riskGrade', 'diagnosis', 'managed', 'managementStatus']],
  ['drug_user', '吸毒人员', 'key_group', 'police', 'secret', ['status', 'drug']],
  ['hiv_risk', '艾滋病危险行为人员', 'key_group', 'health', 'secret', []],
  ['key_youth', '重点青少年', 'key_group', 'police', 'secret', ['youthType']],
  ['elderly_alone', '独居老人', 'care_group', 'civil_affairs', 'internal', ['careLevel', 'visitCycleDays']],
  ['empty_nest_elderly', '空巢老人', 'care_group', 'civil_affairs', 'internal', ['livesWithSpouse']],
  ['disabled', '残疾人', 'care_group', 'civil_affairs', 'internal', ['disabilityType', 'grade', 'certificateNo']],
  ['minimum_subsistence', '低保户', 'care_group', 'civil_affairs', 'internal', ['monthlyAllowance', 'householdSize']],
  ['extreme_poverty', '特困人员', 'care_group', 'civil_affairs', 'internal', []],
  ['left_behind_child', '留守儿童', 'care_group', 'civil_affairs', 'internal', ['guardianName', 'guardianRelation']],
  ['veteran', '退役军人', 'care_group', 'civil_affairs', 'internal', ['serviceBranch', 'dischargeYear']],
  ['elderly_65_plus', '65岁及以上老年人', 'health', 'health', 'sensitive', []],
];

function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export class Migration20261122030000_relations extends Migration {

  override async up(): Promise<void> {
    const values = TAGS.map(([code, name, group, owner, sensitivity, fields]) =>
      `(${literal(code)}, ${literal(name)}, ${literal(group)}, ${literal(owner)}, ${literal(sensitivity)}, ${literal(JSON.stringify(fields))}::jsonb)`).join(',\n  ');
    this.addSql(`insert into "tag_definition" ("code", "name", "group", "owner", "sensitivity", "detail_fields") values
  ${values}
  on conflict ("code") do update set "name" = excluded."name", "group" = excluded."group", "owner" = excluded."owner",
    "sensitivity" = excluded."sensitivity", "detail_fields" = excluded."detail_fields", "updated_at" = now();`);

    for (const t of ['person_tag', 'employment', 'house_occupant']) {
      this.addSql(`alter table "${t}" add column "current" boolean not null default true;`);
    }
    this.addSql(`create index "employment_current_organisation_idx" on "employment" ("organisation_id", "person_id") where "current";`);
    this.addSql(`create index "house_occupant_current_house_idx" on "house_occupant" ("house_id", "person_id") where "current";`);
    this.addSql(`create index "person_tag_current_tag_idx" on "person_tag" ("tag_id", "person_id") where "current";`);

    // 同户成员: persons sharing a household number.
    this.addSql(`create index "person_household_no_idx" on "person" ((attributes->>'householdNo'));`);
    // Dashboard aggregates: index-only scans of a subtree's persons and houses (the rows are wide:
    // attributes and provenance), and the liveness test of golden records (still linked to a source record).
    this.addSql(`create index "person_dashboard_idx" on "person" ("grid_id") include ("id", "kind", "gender", "birth_date", "status", "merged_into_id");`);
    this.addSql(`create index "house_dashboard_idx" on "house" ("grid_id") include ("id", "use", "is_rental", "merged_into_id");`);
    this.addSql(`create index "entity_link_live_entity_idx" on "entity_link" ("entity_type", "entity_id") where "unlinked_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "entity_link_live_entity_idx";`);
    this.addSql(`drop index if exists "house_dashboard_idx";`);
    this.addSql(`drop index if exists "person_dashboard_idx";`);
    this.addSql(`drop index if exists "person_household_no_idx";`);
    this.addSql(`drop index if exists "person_tag_current_tag_idx";`);
    this.addSql(`drop index if exists "house_occupant_current_house_idx";`);
    this.addSql(`drop index if exists "employment_current_organisation_idx";`);
    for (const t of ['person_tag', 'employment', 'house_occupant']) {
      this.addSql(`alter table "${t}" drop column "current";`);
    }
    this.addSql(`delete from "tag_definition" where "code" in (${TAGS.map(([code]) => literal(code)).join(', ')})
      and not exists (select 1 from "person_tag" pt where pt."tag_id" = "tag_definition"."id");`);
  }

}
