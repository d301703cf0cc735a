/**
 * schema/match-model.schema.json and the hand-written validator (validate-match-model.ts) agree:
 * both accept the shipped models, a model using every level kind and prepare step, and models
 * carrying parameters saved from a real training run; both reject the same broken variants. The
 * cross-reference rules JSON Schema cannot express (field names, unique comparison names,
 * review ≤ link, labelPattern compiles, parameter array lengths) are the validator's alone: that
 * split is pinned below. Drift checks: the schema's level kinds (and their parameters) and prepare
 * steps are the code's, and src/resolve/README.md lists them all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { LEVEL_KINDS } from '../../../src/resolve/levels/level-kinds';
import { linkRecords } from '../../../src/resolve/link-records';
import type { MatchModel } from '../../../src/resolve/model/match-model';
import { validateMatchModel } from '../../../src/resolve/model/validate-match-model';
import { PREPARE_STEP_NAMES } from '../../../src/resolve/prepare/prepare-steps';

const ROOT = join(__dirname, '../../..');
const MODELS = join(ROOT, 'src/resolve/models');
const json = (p: string): unknown => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));

interface KindBranch {
  if: { properties: { kind?: { const: string } } };
  then: { required?: string[]; properties?: Record<string, { type?: string }> };
}
const schema = json('schema/match-model.schema.json') as {
  required: string[];
  $defs: {
    levelKind: { enum: string[] };
    prepareStepName: { enum: string[] };
    prepareStep: { anyOf: Array<{ pattern?: string }> };
    level: { allOf: KindBranch[] };
  };
};

const SHIPPED = readdirSync(MODELS)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.survivorship.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validateSchema = ajv.compile(schema);
const schemaErrors = (m: unknown): unknown => (validateSchema(m) ? [] : validateSchema.errors);
const problems = (m: unknown): unknown => {
  const r = validateMatchModel(m);
  return r.ok ? [] : r.problems;
};

const shipped = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(MODELS, `${name}.json`), 'utf8')) as Record<string, unknown>;

/** A copy of a shipped model with the value at `path` (`a.b[2].c`) replaced, or deleted when `value` is undefined. */
function mutate(name: string, path: string, value: unknown): Record<string, unknown> {
  const m = shipped(name);
  const segs = path.split(/[.[\]]+/).filter((s) => s !== '');
  let o = m as Record<string, unknown>;
  for (const s of segs.slice(0, -1)) o = o[s] as Record<string, unknown>;
  const last = segs[segs.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
  return m;
}

/** Parameters of a level kind, by parameter name, for the every-kind model. */
const EXAMPLE: Record<string, unknown> = { min: 0.9, max: 2, length: 3, other: 'b', days: 30, n: 4, level: 'building' };

function everyKindModel(): Record<string, unknown> {
  return {
    name: 'every-kind',
    fields: {
      a: { from: 'a', prepare: [...PREPARE_STEP_NAMES.filter((s) => !s.includes(':')), 'first:3', 'nullIf:无|不详|'] },
      b: {},
    },
    comparisons: Object.entries(LEVEL_KINDS).map(([kind, def]) => ({
      name: kind,
      field: 'a',
      levels: [{ kind, label: `${kind} level`, ...Object.fromEntries(Object.keys(def.params).map((p) => [p, EXAMPLE[p]])) }],
    })),
    blocking: [{ name: 'a', on: ['a'], maxBlockSize: 50 }],
    constraints: [{ kind: 'distinct', field: 'b' }],
    thresholds: { link: 0.95, review: 0.5 },
    training: { randomPairs: 1000, sessions: [{ name: 'a + b', on: ['a', 'b'], maxBlockSize: 10 }], maxIterations: 10, tolerance: 1e-4, seed: 3 },
  };
}

/** The first records of the FEBRL3 benchmark file (plain CSV, no quotes). */
function febrl3Records(n: number): Array<Record<string, string>> {
  const lines = readFileSync(join(ROOT, 'bench/data/febrl3/dataset3.csv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',').map((h) => h.trim());
  return lines.slice(1, n + 1).map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** The model file `gridhub link --save-model` writes after training (optionally keeping the term frequencies). */
function savedAfterTraining(train: 'em' | 'labels', keepTf: boolean): unknown {
  const model = { ...(shipped('febrl3') as unknown as MatchModel), training: { randomPairs: 20_000, seed: 1 } };
  const records = febrl3Records(1500);
  const labels = records.map((r) => /^rec-(\d+)-/.exec(r.rec_id!.trim())?.[1] ?? null);
  const result = linkRecords(records, model, { train, labels });
  return JSON.parse(JSON.stringify({ ...model, parameters: { ...result.parameters, ...(keepTf ? {} : { termFrequencies: undefined }) } }));
}

// [what, model, path, value]: rejected by both.
const BROKEN: Array<[string, string, string, unknown]> = [
  ['unknown level kind', 'febrl3', 'comparisons[0].levels[2].kind', 'jaroWinklr'],
  ['level without a kind', 'febrl3', 'comparisons[0].levels[2].kind', undefined],
  ['level not an object', 'febrl3', 'comparisons[0].levels[0]', 'exact'],
  ['missing param (jaroWinkler min)', 'febrl3', 'comparisons[0].levels[2].min', undefined],
  ['mistyped param (jaroWinkler min as string)', 'febrl3', 'comparisons[0].levels[2].min', '0.92'],
  ['missing param (damerau max)', 'febrl3', 'comparisons[2].levels[1].max', undefined],
  ['missing param (swapped other)', 'febrl3', 'comparisons[0].levels[1].other', undefined],
  ['missing param (lastDigits n)', 'person', 'comparisons[4].levels[1].n', undefined],
  ['address level not a level', 'person', 'comparisons[5].levels[0].level', 'street'],
  ['missing param (address level)', 'organisation', 'comparisons[5].levels[0].level', undefined],
  ['tf on a non-exact level', 'febrl3', 'comparisons[0].levels[2].tf', true],
  ['tf on a pinyin level', 'person', 'comparisons[1].levels[2].tf', true],
  ['tf not a boolean', 'febrl3', 'comparisons[0].levels[0].tf', 'yes'],
  ['no levels', 'febrl3', 'comparisons[0].levels', []],
  ['more than 60 levels', 'febrl3', 'comparisons[9].levels', Array.from({ length: 61 }, () => ({ kind: 'exact' }))],
  ['empty comparison name', 'febrl3', 'comparisons[0].name', ''],
  ['comparison without a field', 'febrl3', 'comparisons[3].field', undefined],
  ['no comparisons', 'febrl3', 'comparisons', []],
  ['no fields', 'febrl3', 'fields', {}],
  ['field spec not an object', 'febrl3', 'fields.given', 'given_name'],
  ['field from not a string', 'febrl3', 'fields.given.from', 3],
  ['unknown prepare step', 'febrl3', 'fields.given.prepare[1]', 'lowercase'],
  ['first: without N', 'febrl3', 'fields.given.prepare[1]', 'first:'],
  ['first:N not a number', 'febrl3', 'fields.given.prepare[1]', 'first:three'],
  ['prepare not an array', 'febrl3', 'fields.given.prepare', 'trim'],
  ['no blocking rules', 'febrl3', 'blocking', []],
  ['blocking rule on no field', 'febrl3', 'blocking[0].on', []],
  ['blocking rule on a non-string', 'febrl3', 'blocking[0].on', [1]],
  ['blocking rule without a name', 'febrl3', 'blocking[0].name', undefined],
  ['blocking maxBlockSize below 2', 'person', 'blocking[3].maxBlockSize', 1],
  ['more than 255 blocking rules', 'febrl3', 'blocking', Array.from({ length: 256 }, (_, i) => ({ name: `r${i}`, on: ['ssid'] }))],
  ['constraint of an unknown kind', 'person', 'constraints[0].kind', 'unique'],
  ['constraints not an array', 'person', 'constraints', { kind: 'distinct', field: 'citizenId' }],
  ['link threshold 1', 'febrl3', 'thresholds.link', 1],
  ['link threshold above 1', 'febrl3', 'thresholds.link', 1.5],
  ['review threshold 0', 'febrl3', 'thresholds.review', 0],
  ['review threshold negative', 'person', 'thresholds.review', -0.5],
  ['threshold as a string', 'organisation', 'thresholds.link', '0.99'],
  ['no thresholds', 'febrl3', 'thresholds', undefined],
  ['no name', 'febrl3', 'name', undefined],
  ['empty name', 'person', 'name', ''],
  ['training randomPairs negative', 'febrl3', 'training.randomPairs', -1],
  ['training seed a string', 'febrl3', 'training.seed', '1'],
  ['training not an object', 'febrl3', 'training', 300000],
  ['no training sessions', 'febrl3', 'training.sessions', []],
  ['training session on no field', 'febrl3', 'training.sessions', [{ name: 'ssid', on: [] }]],
  ['training session without a name', 'febrl3', 'training.sessions', [{ on: ['ssid'] }]],
  ['training session maxBlockSize below 2', 'febrl3', 'training.sessions', [{ name: 'ssid', on: ['ssid'], maxBlockSize: 0 }]],
  ['parameters with λ 0', 'febrl3', 'parameters', { lambda: 0, comparisons: {} }],
  ['parameters without comparisons', 'febrl3', 'parameters', { lambda: 0.001 }],
];

// Rules JSON Schema cannot express (cross-references, relations between values): the validator's alone.
const VALIDATOR_ONLY: Array<[string, string, string, unknown]> = [
  ['unknown field in blocking', 'febrl3', 'blocking[0].on', ['ssn']],
  ['comparison of an unknown field', 'febrl3', 'comparisons[0].field', 'first_name'],
  ['swapped with an unknown field', 'febrl3', 'comparisons[0].levels[1].other', 'family_name'],
  ['constraint on an unknown field', 'person', 'constraints[0].field', 'idNumber'],
  ['training session on an unknown field', 'febrl3', 'training.sessions', [{ name: 'ssn', on: ['ssn'] }]],
  ['duplicate comparison name', 'febrl3', 'comparisons[1].name', 'given_name'],
  ['review above link', 'febrl3', 'thresholds.review', 0.95],
  ['labelPattern not a regular expression', 'febrl3', 'labelPattern', '^rec-(\\d+'],
  ['parameters missing a comparison', 'febrl3', 'parameters', { lambda: 0.001, comparisons: {} }],
];

describe('match model JSON Schema', () => {
  it('declares the top-level contract', () => {
    expect(schema.required).toEqual(['name', 'fields', 'comparisons', 'blocking', 'thresholds']);
  });

  it('finds the shipped models', () => {
    expect(SHIPPED).toEqual(expect.arrayContaining(['febrl3', 'organisation', 'person']));
  });

  it.each(SHIPPED)('the shipped %s model is accepted by the schema and by the validator', (name) => {
    expect(schemaErrors(shipped(name))).toEqual([]);
    expect(problems(shipped(name))).toEqual([]);
  });

  it('a model using every level kind (with its parameters) and every prepare step is accepted by both', () => {
    const m = everyKindModel();
    expect(schemaErrors(m)).toEqual([]);
    expect(problems(m)).toEqual([]);
  });

  it('unknown properties are ignored by both (the engine ignores them too)', () => {
    const m = mutate('febrl3', 'notes', 'kept for humans');
    (m.comparisons as Array<{ levels: Array<Record<string, unknown>> }>)[0]!.levels[0]!.comment = 'extra';
    expect(schemaErrors(m)).toEqual([]);
    expect(problems(m)).toEqual([]);
  });

  it.each([
    ['em', false],
    ['em', true],
    ['labels', false],
  ] as const)('a model saved after training (%s, term frequencies kept: %s) is accepted by both', (train, keepTf) => {
    const m = savedAfterTraining(train, keepTf);
    expect(schemaErrors(m)).toEqual([]);
    expect(problems(m)).toEqual([]);
  });

  it.each(BROKEN)('%s (%s: %s) is rejected by the schema and by the validator', (_what, name, path, value) => {
    const m = mutate(name, path, value);
    expect(validateSchema(m)).toBe(false);
    expect(validateMatchModel(m).ok).toBe(false);
  });

  it.each(VALIDATOR_ONLY)('%s (%s: %s) is beyond JSON Schema: the validator rejects it', (_what, name, path, value) => {
    const m = mutate(name, path, value);
    expect(validateMatchModel(m).ok).toBe(false);
    expect(schemaErrors(m)).toEqual([]);
  });

  it('a parameters block with the wrong number of levels is rejected by the validator', () => {
    const saved = savedAfterTraining('em', false) as { parameters: { comparisons: Record<string, { m: number[]; u: number[] }> } };
    expect(problems(saved)).toEqual([]);
    saved.parameters.comparisons.state!.m.push(0.1);
    expect(validateMatchModel(saved).ok).toBe(false);
  });

  describe('drift', () => {
    it('the level kinds are LEVEL_KINDS', () => {
      expect(schema.$defs.levelKind.enum).toEqual(Object.keys(LEVEL_KINDS));
    });

    it.each(Object.keys(LEVEL_KINDS))('level kind %s requires exactly its parameters, typed as the registry says', (kind) => {
      const branches = schema.$defs.level.allOf.filter((b) => b.if.properties.kind?.const === kind);
      expect(branches).toHaveLength(1);
      const then = branches[0]!.then;
      const params = LEVEL_KINDS[kind]!.params;
      expect([...(then.required ?? [])].sort()).toEqual(Object.keys(params).sort());
      for (const [p, type] of Object.entries(params)) expect([p, then.properties?.[p]?.type]).toEqual([p, type]);
      for (const p of Object.keys(params)) expect(Object.keys(EXAMPLE)).toContain(p);
    });

    it('the prepare steps are the simple step names, plus first:N and nullIf:A|B', () => {
      const simple = PREPARE_STEP_NAMES.filter((s) => !s.includes(':'));
      expect(schema.$defs.prepareStepName.enum).toEqual(simple);
      expect(PREPARE_STEP_NAMES.filter((s) => s.includes(':'))).toEqual(['first:N', 'nullIf:A|B']);
      expect(schema.$defs.prepareStep.anyOf.map((s) => s.pattern).filter((p) => p !== undefined)).toEqual(['^first:[0-9]+$', '^nullIf:']);
    });

    it('every property the schema declares has a description', () => {
      const missing: string[] = [];
      const walk = (node: unknown, at: string): void => {
        if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}[${i}]`));
        if (typeof node !== 'object' || node === null) return;
        const o = node as Record<string, unknown>;
        if (typeof o.properties === 'object' && o.properties !== null) {
          for (const [k, v] of Object.entries(o.properties)) if (typeof (v as { description?: unknown }).description !== 'string') missing.push(`${at}.properties.${k}`);
        }
        // `if` subschemas state conditions (kind = …), they declare nothing.
        for (const [k, v] of Object.entries(o)) if (k !== 'if') walk(v, `${at}.${k}`);
      };
      walk(schema, '#');
      expect(missing).toEqual([]);
    });

    it('src/resolve/README.md lists every level kind and every prepare step', () => {
      const readme = readFileSync(join(ROOT, 'src/resolve/README.md'), 'utf8');
      for (const kind of Object.keys(LEVEL_KINDS)) expect([kind, readme.includes(`| \`${kind}\` |`)]).toEqual([kind, true]);
      for (const step of PREPARE_STEP_NAMES) expect([step, readme.includes(`| \`${step.replace('|', '\\|')}\` |`)]).toEqual([step, true]);
    });
  });
});
