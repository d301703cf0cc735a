import { GOLDEN_STAGE_MIN_RECORDS, RESOLVE_WORKER_MODES, useGoldenStage } from '../../../src/services/golden-stage';
import { loadConfig } from '../../../src/main/config';

describe('GRIDHUB_RESOLVE_WORKER', () => {
  it('auto: the worker thread from GOLDEN_STAGE_MIN_RECORDS valid records; always and off regardless of size', () => {
    expect(useGoldenStage(GOLDEN_STAGE_MIN_RECORDS - 1, {})).toBe(false);
    expect(useGoldenStage(GOLDEN_STAGE_MIN_RECORDS, { GRIDHUB_RESOLVE_WORKER: 'auto' })).toBe(true);
    expect(useGoldenStage(1, { GRIDHUB_RESOLVE_WORKER: 'always' })).toBe(true);
    expect(useGoldenStage(10 ** 7, { GRIDHUB_RESOLVE_WORKER: 'off' })).toBe(false);
  });

  it('refuses another value, naming the allowed ones — the same list the configuration checks', () => {
    expect(() => useGoldenStage(1, { GRIDHUB_RESOLVE_WORKER: 'sometimes' })).toThrow('GRIDHUB_RESOLVE_WORKER must be auto, always, off, not "sometimes"');
    expect(() => loadConfig({ GRIDHUB_RESOLVE_WORKER: 'sometimes' })).toThrow(`expected one of ${RESOLVE_WORKER_MODES.join(', ')}`);
    for (const mode of RESOLVE_WORKER_MODES) expect(loadConfig({ GRIDHUB_RESOLVE_WORKER: mode }).resolveWorker).toBe(mode);
  });
});
