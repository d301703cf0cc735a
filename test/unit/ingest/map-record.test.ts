/**
 * mapRecord: key (single and composite), const and concat sources, nested paths, tombstones,
 * the incremental cursor position, and that a record with issues is kept (quarantined).
 */
import { compileStream, mapRecord } from '../../../src/ingest/mapping/map-record';
import { parsePath } from '../../../src/ingest/mapping/field-path';
import type { StreamLike } from '../../../src/ingest/mapping/map-record';

const stream: StreamLike = {
  primaryKey: ['org', 'id'],
  deletion: { field: 'state.deleted', values: ['1', true] },
  incremental: { cursorField: 'GXSJ', cursorFormat: 'compact', requestParam: 'since', requestFormat: 'compact', tieBreakerField: 'id' },
  mapping: {
    fields: {
      name: { from: 'person.names[0]', transforms: [{ kind: 'personName' }], required: true },
      source: { const: 'police' },
      address: { concat: { parts: [{ const: '广东省' }, 'addr.city', 'addr.detail'], separator: '' } },
    },
  },
};
const compiled = compileStream(stream);

describe('mapRecord', () => {
  it('maps nested paths, const and concat; composite key; cursor position', () => {
    const r = mapRecord({ org: 'A', id: 7, person: { names: ['王 伟'] }, addr: { city: '广州市', detail: '' }, GXSJ: '20260102080000', state: {} }, compiled);
    expect(r).toMatchObject({
      key: 'A|7',
      canonical: { name: '王伟', source: 'police', address: '广东省广州市' },
      issues: [],
      quarantined: false,
      isTombstone: false,
      cursorValue: { value: '2026-01-02T00:00:00.000Z', tieBreaker: '7' },
      cursorMs: Date.parse('2026-01-02T00:00:00Z'),
    });
  });

  it('flags tombstones by field value', () => {
    expect(mapRecord({ org: 'A', id: 1, person: { names: ['x'] }, state: { deleted: '1' }, GXSJ: '20260102080000' }, compiled).isTombstone).toBe(true);
    expect(mapRecord({ org: 'A', id: 1, person: { names: ['x'] }, state: { deleted: true }, GXSJ: '20260102080000' }, compiled).isTombstone).toBe(true);
    expect(mapRecord({ org: 'A', id: 1, person: { names: ['x'] }, state: { deleted: '0' }, GXSJ: '20260102080000' }, compiled).isTombstone).toBe(false);
  });

  it('keeps a broken record with every issue: missing key part, missing name, unreadable cursor', () => {
    const r = mapRecord({ org: 'A', GXSJ: 'soon' }, compiled);
    expect(r.quarantined).toBe(true);
    expect(r.key).toBe('A|');
    expect(r.issues.map((i) => `${i.field}:${i.rule}`)).toEqual(['name:MAPPING_REQUIRED', 'id:MAPPING_KEY_MISSING', 'GXSJ:MAPPING_CURSOR']);
    expect(r.cursorValue).toBeNull();
    expect(r.raw).toEqual({ org: 'A', GXSJ: 'soon' });
  });

  it('parses paths once into segments', () => {
    expect(parsePath('a.b[0].c')).toEqual(['a', 'b', 0, 'c']);
    expect(parsePath('档案编号')).toEqual(['档案编号']);
  });

  it('maps 100k records quickly (compiled once)', () => {
    const raw = { org: 'A', id: 1, person: { names: ['陈秀英'] }, addr: { city: '广州市', detail: '天河区' }, GXSJ: '20260102080000', state: {} };
    const t = process.hrtime.bigint();
    for (let i = 0; i < 100_000; i++) mapRecord(raw, compiled);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    expect(ms).toBeLessThan(3000);
  });
});
