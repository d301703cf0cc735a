/**
 * A kind of tag on people (重点人群 key groups, 关爱对象 care groups, health conditions): who owns it,
 * how sensitive it is, and which detail fields it carries. Who may see a tag depends on its kind.
 */
import { Entity, Enum, Property, Unique, type Opt } from '@mikro-orm/core';
import { Department, Sensitivity, TagGroup } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';

@Entity({ tableName: 'tag_definition' })
export class TagDefinition extends BaseEntity {
  /** Stable code, e.g. `released_prisoner`, `community_correction`, `severe_mental_disorder`, `elderly_alone`. */
  @Property({ type: 'text' })
  @Unique()
  code!: string;

  /** 刑满释放人员, 社区矫正人员, 严重精神障碍患者, 独居老人 … */
  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: TagGroup.values, type: 'text' })
  group!: TagGroup;

  @Enum({ items: Department.values, type: 'text' })
  owner!: Department;

  @Enum({ items: Sensitivity.values, type: 'text' })
  sensitivity!: Sensitivity;

  /** Names of the detail fields this tag carries (e.g. risk grade 0–5). */
  @Property({ type: 'jsonb', defaultRaw: `'[]'::jsonb` })
  detailFields: string[] & Opt = [];
}
