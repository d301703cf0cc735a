/**
 * The reads of one request (一次请求的审计): a field middleware notes every field of personal data
 * it resolves (`noteField('Person', person.dbId, 'citizenId')`); when the response is sent,
 * `flushTo(writer, principal, operation)` records one audit entry per entity with the fields read.
 * Noting is a map lookup and a set insert: cheap enough to run for every field of every person.
 */
import type { AuditWriter } from './audit-writer';
import { PERSONAL_DATA_TYPES } from './policy';
import type { Principal } from './principal';

export class AuditCollector {
  /** entityType → entity id → fields */
  private readonly reads = new Map<string, Map<number, Set<string>>>();

  /**
   * Notes that `fieldName` of an object of GraphQL type `typeName` was resolved. Types that are not
   * personal data (PERSONAL_DATA_TYPES) are ignored, as are objects without an id.
   */
  noteField(typeName: string, source: unknown, fieldName: string): void {
    const kind = PERSONAL_DATA_TYPES[typeName];
    if (kind === undefined || fieldName === '__typename') return;
    const id = kind.idOf(source);
    if (id === undefined) return;
    this.note(kind.entityType, id, fieldName);
  }

  note(entityType: string, entityId: number, fieldName: string): void {
    let byId = this.reads.get(entityType);
    if (byId === undefined) this.reads.set(entityType, (byId = new Map()));
    let fields = byId.get(entityId);
    if (fields === undefined) byId.set(entityId, (fields = new Set()));
    fields.add(fieldName);
  }

  get size(): number {
    let n = 0;
    for (const byId of this.reads.values()) n += byId.size;
    return n;
  }

  /** Records one read entry per entity noted, then forgets them. */
  flushTo(writer: AuditWriter, principal: Principal, operation: string | null | undefined): void {
    for (const [entityType, byId] of this.reads) {
      for (const [id, fields] of byId) writer.recordRead(principal, { operation, entityType, entityIds: [id], fields: [...fields].sort() });
    }
    this.reads.clear();
  }
}
