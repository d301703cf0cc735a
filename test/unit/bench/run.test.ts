import { renderResults, resultKey } from '../../../bench/run';

const section = (scenario: string, command: string) => ({
  scenario,
  what: 'a district end to end',
  command,
  runs: 1,
  date: '2026-11-22T00:00:00.000Z',
  commit: 'abc',
  machine: 'm',
  loadAverage: [1],
  wallSeconds: [10],
  figures: [],
});

describe('bench record', () => {
  it('keys a run by the scenario, and a run at another size than the default apart', () => {
    expect(resultKey('pipeline-scale', undefined, ['M'])).toBe('pipeline-scale');
    expect(resultKey('pipeline-scale', 'M', ['M'])).toBe('pipeline-scale');
    expect(resultKey('pipeline-scale', 'XL', ['M'])).toBe('pipeline-scale XL');
  });

  it('renders the default size and every other size of a scenario as sections of their own', () => {
    const md = renderResults({
      machine: { cores: '2' },
      scenarios: {
        'pipeline-scale XL': section('pipeline-scale', 'node dist/bench/pipeline-scale.js XL'),
        'pipeline-scale': section('pipeline-scale', 'node dist/bench/pipeline-scale.js M'),
      },
    });
    const m = md.indexOf('## pipeline-scale\n');
    const xl = md.indexOf('## pipeline-scale XL\n');
    expect(m).toBeGreaterThan(0);
    expect(xl).toBeGreaterThan(m);
    expect(md).toContain('`node dist/bench/pipeline-scale.js XL`');
    expect(md).not.toMatch(/Not run yet on this record: [^\n]*pipeline-scale/);
  });
});
