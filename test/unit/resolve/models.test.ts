/**
 * The shipped person and organisation match models over the simulated district (size S, seed 7):
 * the records the department feeds serve, mapped by the shipped connectors (quarantined ones left
 * out), resolved with EM-trained parameters (no labels) must reach pairwise precision ≥ 0.998 and
 * recall ≥ 0.99 against the world's truth (organisations: over the duplicates safety serves). Twins
 * must never merge.
 */
import { evaluate, loadShippedModel, type Evaluation } from '../../../bench/support/resolution-eval';
import { servedWorldRecords } from '../../../bench/support/served-records';

describe('shipped match models over the simulated world (S, seed 7)', () => {
  const served = servedWorldRecords('S', 7);

  test('the served records carry persons from every person-bearing stream and the organisations', () => {
    expect(Object.keys(served.counts).sort()).toEqual(['health/gazdx', 'health/jmjkda', 'health/yzjsza', 'police/rk', 'safety/enterprises', 'safety/enterprises.legalRep']);
    expect(served.persons.length).toBeGreaterThan(8000);
    expect(served.organisations.length).toBeGreaterThan(100);
  });

  const check = (ev: Evaluation): void => {
    expect(ev.metrics.precision).toBeGreaterThanOrEqual(0.998);
    expect(ev.metrics.recall).toBeGreaterThanOrEqual(0.99);
    expect(ev.falseMerges.twins ?? 0).toBe(0);
  };

  test('person model: precision >= 0.998, recall >= 0.99', () => {
    const ev = evaluate(served.persons, loadShippedModel('person'), served.twins);
    expect(ev.metrics.truePairs).toBeGreaterThan(4000);
    check(ev);
  });

  test('organisation model: precision >= 0.998, recall >= 0.99 over true duplicate pairs', () => {
    // Safety serves ~1.5% of organisations twice (duplicate noise): true pairs to find, some of them
    // carrying only the pre-2016 registration number (no USCC) on one side.
    const ev = evaluate(served.organisations, loadShippedModel('organisation'));
    expect(ev.metrics.truePairs).toBeGreaterThan(0);
    expect(served.organisations.some((r) => r.canonical.uscc === null && typeof r.canonical.legacyRegistrationNo === 'string')).toBe(true);
    check(ev);
  });
});
