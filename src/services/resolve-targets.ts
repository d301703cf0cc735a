/**
 * What the hub resolves: per golden entity type, the match model and survivorship config it uses
 * (files in src/resolve/models/, read by path), the source records it reads (by entity type) and
 * how survived values become the golden table's columns. Values without a column go to the
 * golden's `attributes` (addresses by role, tags, …), with provenance like every column.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/repo-root';
import type { GoldenTableSpec } from '../db/repositories/resolution.repository';
import { Gender, HouseUse, OrganisationKind, OrganisationStatus, PersonKind, PersonStatus } from '../domain/vocabulary';
import { pinyinKey } from '../domain/text';

export interface ResolveTarget {
  /** Model name (file `<model>.json` and `<model>.survivorship.json`). */
  model: string;
  entityType: 'person' | 'organisation' | 'house';
  /** Source records resolved by this model (valid ones only). */
  recordEntityTypes: string[];
  golden: GoldenTableSpec;
  /**
   * Survived values → golden columns (every column of `golden.columns`) plus `attributes`. `memo`
   * (from `newColumnsMemo()`, one per run) caches derived values such as name pinyin across calls.
   */
  toColumns(values: Record<string, unknown>, memo?: ColumnsMemo): Record<string, unknown>;
}

/** Per-run caches for `toColumns` (unbounded: create one per resolution run, drop it after). */
export interface ColumnsMemo {
  pinyin: Map<string, string | null>;
}

export const newColumnsMemo = (): ColumnsMemo => ({ pinyin: new Map() });

/** `pinyinKey(name) || null`, memoised in the run's memo (the domain's small LRU thrashes over a million names). */
function namePinyinKey(name: string, memo: ColumnsMemo | undefined): string | null {
  if (memo === undefined) return pinyinKey(name) || null;
  let k = memo.pinyin.get(name);
  if (k === undefined) {
    k = pinyinKey(name) || null;
    memo.pinyin.set(name, k);
  }
  return k;
}

export const MODELS_DIR = join(REPO_ROOT, 'src/resolve/models');

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : v === null || v === undefined ? null : String(v));
const oneOf = <T extends string>(v: unknown, values: readonly T[], fallback: T): T => ((values as readonly unknown[]).includes(v) ? (v as T) : fallback);
const isoDate = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/** The values without a column, in the values' key order. */
function rest(values: Record<string, unknown>, used: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in values) if (!used.has(k)) out[k] = values[k];
  return out;
}

const PERSON_USED = new Set(['citizenId', 'documentNo', 'name', 'gender', 'birthDate', 'kind', 'status', 'nationality', 'ethnicity', 'phone']);
const HOUSE_USED = new Set(['code', 'use', 'areaM2', 'ownerName', 'isRental', 'landlordName', 'tenantCount', 'rentalRegistrationNo', 'rentalRegisteredOn']);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

const ORG_USED = new Set(['uscc', 'legacyRegistrationNo', 'name', 'kind', 'status', 'industryCode', 'legalRepresentativeName', 'phone', 'establishedOn']);

export const RESOLVE_TARGETS: Record<string, ResolveTarget> = {
  person: {
    model: 'person',
    entityType: 'person',
    recordEntityTypes: ['person', 'tag'],
    golden: {
      table: 'person',
      entityType: 'person',
      columns: [
        { column: 'citizen_id', type: 'char(18)' },
        { column: 'document_no', type: 'text' },
        { column: 'name', type: 'text' },
        { column: 'name_pinyin', type: 'text' },
        { column: 'gender', type: 'text' },
        { column: 'birth_date', type: 'date' },
        { column: 'kind', type: 'text' },
        { column: 'status', type: 'text' },
        { column: 'nationality', type: 'text' },
        { column: 'ethnicity', type: 'text' },
        { column: 'phone', type: 'text' },
        { column: 'attributes', type: 'jsonb' },
      ],
      fingerprint: true,
    },
    toColumns: (v, memo) => {
      const name = str(v.name) ?? '(未登记姓名)';
      const documentNo = str(v.documentNo);
      const citizenId = str(v.citizenId);
      return {
        citizen_id: citizenId,
        document_no: documentNo,
        name,
        name_pinyin: namePinyinKey(name, memo),
        gender: oneOf(v.gender, Gender.values, 'U'),
        birth_date: isoDate(v.birthDate),
        kind: oneOf(v.kind, PersonKind.values, documentNo !== null && citizenId === null ? 'foreign' : 'hukou'),
        status: oneOf(v.status, PersonStatus.values, 'active'),
        nationality: str(v.nationality),
        ethnicity: str(v.ethnicity),
        phone: str(v.phone),
        attributes: rest(v, PERSON_USED),
      };
    },
  },
  organisation: {
    model: 'organisation',
    entityType: 'organisation',
    recordEntityTypes: ['organisation'],
    golden: {
      table: 'organisation',
      entityType: 'organisation',
      columns: [
        { column: 'uscc', type: 'char(18)' },
        { column: 'legacy_registration_no', type: 'text' },
        { column: 'name', type: 'text' },
        { column: 'kind', type: 'text' },
        { column: 'status', type: 'text' },
        { column: 'industry_code', type: 'text' },
        { column: 'legal_representative_name', type: 'text' },
        { column: 'phone', type: 'text' },
        { column: 'established_on', type: 'date' },
        { column: 'attributes', type: 'jsonb' },
      ],
    },
    toColumns: (v) => ({
      uscc: str(v.uscc),
      legacy_registration_no: str(v.legacyRegistrationNo),
      name: str(v.name) ?? '(未登记名称)',
      kind: oneOf(v.kind, OrganisationKind.values, 'other'),
      status: oneOf(v.status, OrganisationStatus.values, 'active'),
      industry_code: str(v.industryCode),
      legal_representative_name: str(v.legalRepresentativeName),
      phone: str(v.phone),
      established_on: isoDate(v.establishedOn),
      attributes: rest(v, ORG_USED),
    }),
  },
  house: {
    model: 'house',
    entityType: 'house',
    recordEntityTypes: ['house'],
    golden: {
      table: 'house',
      entityType: 'house',
      columns: [
        { column: 'code', type: 'text' },
        { column: 'kind', type: 'text' },
        { column: 'use', type: 'text' },
        { column: 'area_m2', type: 'numeric(10,2)' },
        { column: 'owner_name', type: 'text' },
        { column: 'is_rental', type: 'boolean' },
        { column: 'rental', type: 'jsonb' },
        { column: 'attributes', type: 'jsonb' },
      ],
    },
    toColumns: (v) => {
      const rental = v.isRental === true;
      return {
        code: str(v.code),
        kind: 'dwelling',
        use: oneOf(v.use, HouseUse.values, 'other'),
        area_m2: num(v.areaM2),
        owner_name: str(v.ownerName),
        is_rental: rental,
        rental: rental
          ? { landlordName: str(v.landlordName) ?? undefined, registrationNo: str(v.rentalRegistrationNo) ?? undefined, registeredOn: str(v.rentalRegisteredOn) ?? undefined, tenantsCount: num(v.tenantCount) ?? undefined, hazards: [] }
          : null,
        attributes: rest(v, HOUSE_USED),
      };
    },
  },
};
