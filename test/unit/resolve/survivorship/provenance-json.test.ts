import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSurvivorship, provenanceJson, type SurvivorshipConfig } from '../../../../src/resolve/survivorship';
import { m } from './members';

const personConfig = JSON.parse(readFileSync(join(__dirname, '../../../../src/resolve/models/person.survivorship.json'), 'utf8')) as SurvivorshipConfig;

describe('provenanceJson', () => {
  it('writes exactly what JSON.stringify writes for the stored provenance of real clusters', () => {
    const survive = compileSurvivorship(personConfig, 'person', { compact: true });
    const clusters = [
      [m(12, 'police/rk', { name: '王伟', citizenId: '11010519491231002X', phone: '13800138000', addresses: { hukou: '甲', residence: '乙' }, tags: ['a', 'b'] }, '2026-01-02T00:00:00Z')],
      [
        m(3, 'police/rk', { name: '李静', birthDate: '1960-01-01', addresses: { residence: '丙 "quoted" \\ back' } }),
        m(40, 'health/jmjkda', { name: '李婧', phone: '13900000000', tags: ['慢病'], addresses: { hukou: '丁', residence: '戊' } }, '2026-03-01T00:00:00Z'),
        m(41, 'health/gazdx', { name: '李婧', tags: ['慢病', '独居'], householdNo: 'H1' }, null, '2026-02-01T00:00:00Z'),
      ],
      [m(7, 'x/y', {})],
    ];
    for (const members of clusters) {
      const { provenance } = survive(members);
      expect(provenanceJson(provenance)).toBe(JSON.stringify(provenance));
    }
  });

  it('matches JSON.stringify on other shapes too', () => {
    const shared = { sourceRecordId: 1, rule: 'mostRecent' };
    const cases: unknown[] = [
      null,
      {},
      { a: shared, b: shared, roles: { x: shared, y: { sourceRecordId: 2, rule: 'r' } }, u: [{ sourceRecordId: 3, rule: 'union', value: 'v' }], skip: undefined },
      { records: { 10: { source: 's', at: 't' }, 2: { source: 'q', at: 'u' } }, d: new Date(0), n: 1.5, s: 'str', nil: null, nested: { deep: { deeper: [1, { x: undefined }] } } },
      [shared, shared],
      'text',
    ];
    for (const c of cases) expect(provenanceJson(c)).toBe(c === null ? null : JSON.stringify(c));
    expect(provenanceJson(undefined)).toBeNull();
  });
});
