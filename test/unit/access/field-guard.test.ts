/** The field guard: denied fields throw FORBIDDEN, personal data reads are noted, masking is signalled. */
import { AccessError } from '../../../src/access/access-error';
import { AuditCollector } from '../../../src/access/audit-collector';
import { GUARDED_TYPES, guardField } from '../../../src/access/field-guard';
import type { Principal } from '../../../src/access/principal';

const worker: Principal = { id: 'apikey:7', kind: 'apikey', name: 'wang', role: 'grid_worker', gridCode: 'G2', scope: { gridId: 2, path: '/1/2/' } };
const dashboard: Principal = { id: 'apikey:8', kind: 'apikey', name: 'screen', role: 'dashboard' };

it('guards the types with rules and nothing else', () => {
  expect(GUARDED_TYPES.has('Person')).toBe(true);
  expect(GUARDED_TYPES.has('SourceRecordRef')).toBe(true);
  expect(GUARDED_TYPES.has('Grid')).toBe(false);
  expect(GUARDED_TYPES.has('CountBy')).toBe(false);
});

it('notes personal data reads and says which values to mask', () => {
  const reads = new AuditCollector();
  expect(guardField(worker, reads, 'Person', 'citizenId', { dbId: 5 })).toBe('mask');
  expect(guardField(worker, reads, 'Person', 'phone', { dbId: 5 })).toBe('allow');
  expect(guardField(worker, reads, 'Organisation', 'name', { dbId: 9 })).toBe('allow');
  expect(reads.size).toBe(1);
});

it('refuses denied fields with FORBIDDEN and notes nothing', () => {
  const reads = new AuditCollector();
  expect(() => guardField(dashboard, reads, 'Person', 'name', { dbId: 5 })).toThrow(new AccessError('FORBIDDEN', 'Field Person.name is not visible to role dashboard.'));
  expect(() => guardField(worker, reads, 'SourceRecordRef', 'rawPayload', { dbId: 5 })).toThrow(/SourceRecordRef.rawPayload is not visible to role grid_worker/);
  expect(reads.size).toBe(0);
});
