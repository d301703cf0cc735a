/**
 * Validates a match model (parsed JSON) and reports every problem at once, each with its path
 * (`comparisons[2].levels[1].min`) and what was expected, so a steward editing a model file sees
 * all mistakes in one run.
 */
import { readFileSync } from 'node:fs';
import { checkLevel } from '../levels/level-kinds';
import { compileStep } from '../prepare/prepare-steps';
import type { MatchModel } from './match-model';

export interface ModelProblem {
  path: string;
  message: string;
}

export class MatchModelError extends Error {
  constructor(
    readonly source: string,
    readonly problems: ModelProblem[],
  ) {
    super(`invalid match model ${source}:\n${problems.map((p) => `  - ${p.path === '' ? '(model)' : p.path}: ${p.message}`).join('\n')}`);
    this.name = 'MatchModelError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isProbability = (v: unknown): v is number => typeof v === 'number' && v > 0 && v < 1;

export function validateMatchModel(json: unknown): { ok: true; model: MatchModel } | { ok: false; problems: ModelProblem[] } {
  const problems: ModelProblem[] = [];
  const add = (path: string, message: string): void => void problems.push({ path, message });
  if (!isObject(json)) return { ok: false, problems: [{ path: '', message: 'expected a JSON object' }] };
  if (typeof json.name !== 'string' || json.name === '') add('name', 'expected a non-empty string');
  const fieldNames: string[] = [];
  if (!isObject(json.fields) || Object.keys(json.fields).length === 0) add('fields', 'expected an object of field specs');
  else {
    for (const [name, spec] of Object.entries(json.fields)) {
      fieldNames.push(name);
      if (!isObject(spec)) {
        add(`fields.${name}`, 'expected an object { from?, prepare? }');
        continue;
      }
      if (spec.from !== undefined && typeof spec.from !== 'string') add(`fields.${name}.from`, 'expected a column or field name');
      if (spec.prepare !== undefined) {
        if (!Array.isArray(spec.prepare)) add(`fields.${name}.prepare`, 'expected an array of step names');
        else
          spec.prepare.forEach((s, k) => {
            try {
              compileStep(String(s));
            } catch (e) {
              add(`fields.${name}.prepare[${k}]`, (e as Error).message);
            }
          });
      }
    }
  }
  const comparisonNames = new Set<string>();
  if (!Array.isArray(json.comparisons) || json.comparisons.length === 0) add('comparisons', 'expected a non-empty array');
  else
    json.comparisons.forEach((c: unknown, i) => {
      const at = `comparisons[${i}]`;
      if (!isObject(c)) return add(at, 'expected an object { name, field, levels }');
      if (typeof c.name !== 'string' || c.name === '') add(`${at}.name`, 'expected a non-empty string');
      else if (comparisonNames.has(c.name)) add(`${at}.name`, `duplicate comparison name ${c.name}`);
      else comparisonNames.add(c.name);
      if (typeof c.field !== 'string' || !fieldNames.includes(c.field)) add(`${at}.field`, `expected one of the fields (${fieldNames.join(', ')})`);
      if (!Array.isArray(c.levels) || c.levels.length === 0) return add(`${at}.levels`, 'expected a non-empty array of levels');
      if (c.levels.length > 60) add(`${at}.levels`, 'at most 60 levels');
      c.levels.forEach((l: unknown, k) => {
        if (!isObject(l) || typeof l.kind !== 'string') return add(`${at}.levels[${k}]`, 'expected an object with a kind');
        for (const m of checkLevel(l as Record<string, unknown> & { kind: string }, fieldNames)) add(`${at}.levels[${k}]`, m);
        if (l.tf !== undefined && l.tf !== true && l.tf !== false) add(`${at}.levels[${k}].tf`, 'expected a boolean');
        if (l.tf === true && l.kind !== 'exact') add(`${at}.levels[${k}].tf`, 'term-frequency adjustment applies to exact levels only');
      });
    });
  if (!Array.isArray(json.blocking) || json.blocking.length === 0) add('blocking', 'expected a non-empty array of rules');
  else {
    if (json.blocking.length > 255) add('blocking', 'at most 255 rules');
    json.blocking.forEach((r: unknown, i) => {
      const at = `blocking[${i}]`;
      if (!isObject(r)) return add(at, 'expected an object { name, on }');
      if (typeof r.name !== 'string' || r.name === '') add(`${at}.name`, 'expected a non-empty string');
      if (!Array.isArray(r.on) || r.on.length === 0) add(`${at}.on`, 'expected a non-empty array of field names');
      else for (const f of r.on) if (typeof f !== 'string' || !fieldNames.includes(f)) add(`${at}.on`, `unknown field ${JSON.stringify(f)} (fields: ${fieldNames.join(', ')})`);
      if (r.maxBlockSize !== undefined && (typeof r.maxBlockSize !== 'number' || r.maxBlockSize < 2)) add(`${at}.maxBlockSize`, 'expected a number ≥ 2');
    });
  }
  if (json.constraints !== undefined) {
    if (!Array.isArray(json.constraints)) add('constraints', 'expected an array');
    else
      json.constraints.forEach((c: unknown, i) => {
        if (!isObject(c) || c.kind !== 'distinct') return add(`constraints[${i}]`, 'expected { kind: "distinct", field }');
        if (typeof c.field !== 'string' || !fieldNames.includes(c.field)) add(`constraints[${i}].field`, `expected one of the fields (${fieldNames.join(', ')})`);
      });
  }
  if (!isObject(json.thresholds)) add('thresholds', 'expected { link, review } match probabilities');
  else {
    if (!isProbability(json.thresholds.link)) add('thresholds.link', 'expected a probability between 0 and 1 (exclusive)');
    if (!isProbability(json.thresholds.review)) add('thresholds.review', 'expected a probability between 0 and 1 (exclusive)');
    else if (isProbability(json.thresholds.link) && json.thresholds.review > json.thresholds.link) add('thresholds.review', 'must not exceed thresholds.link');
  }
  if (json.training !== undefined) {
    const t = json.training;
    if (!isObject(t)) add('training', 'expected { randomPairs?, maxPairsPerSession?, sessions?, maxIterations?, tolerance?, seed? }');
    else {
      for (const k of ['randomPairs', 'maxPairsPerSession', 'maxIterations', 'tolerance', 'seed'] as const) {
        if (t[k] !== undefined && (typeof t[k] !== 'number' || !Number.isFinite(t[k]) || t[k] < 0)) add(`training.${k}`, 'expected a non-negative number');
      }
      if (t.sessions !== undefined) {
        if (!Array.isArray(t.sessions) || t.sessions.length === 0) add('training.sessions', 'expected a non-empty array of { name, on: [fields] }');
        else
          t.sessions.forEach((r: unknown, i) => {
            const at = `training.sessions[${i}]`;
            if (!isObject(r)) return add(at, 'expected an object { name, on }');
            if (typeof r.name !== 'string' || r.name === '') add(`${at}.name`, 'expected a non-empty string');
            if (!Array.isArray(r.on) || r.on.length === 0) add(`${at}.on`, 'expected a non-empty array of field names');
            else for (const f of r.on) if (typeof f !== 'string' || !fieldNames.includes(f)) add(`${at}.on`, `unknown field ${JSON.stringify(f)} (fields: ${fieldNames.join(', ')})`);
            if (r.maxBlockSize !== undefined && (typeof r.maxBlockSize !== 'number' || r.maxBlockSize < 2)) add(`${at}.maxBlockSize`, 'expected a number ≥ 2');
          });
      }
    }
  }
  if (json.labelPattern !== undefined) {
    try {
      new RegExp(String(json.labelPattern));
    } catch (e) {
      add('labelPattern', `not a valid regular expression: ${(e as Error).message}`);
    }
  }
  if (json.parameters !== undefined) {
    const p = json.parameters;
    if (!isObject(p) || !isProbability(p.lambda) || !isObject(p.comparisons)) add('parameters', 'expected { lambda, comparisons: { name: { m, u } } }');
    else if (Array.isArray(json.comparisons)) {
      for (const c of json.comparisons as Array<{ name?: unknown; levels?: unknown[] }>) {
        const cp = (p.comparisons as Record<string, unknown>)[String(c.name)];
        const n = (c.levels?.length ?? 0) + 1;
        if (!isObject(cp) || !Array.isArray(cp.m) || !Array.isArray(cp.u) || cp.m.length !== n || cp.u.length !== n) {
          add(`parameters.comparisons.${String(c.name)}`, `expected m and u arrays of ${n} probabilities (the declared levels, then else)`);
        }
      }
    }
  }
  return problems.length === 0 ? { ok: true, model: json as unknown as MatchModel } : { ok: false, problems };
}

export function loadMatchModel(file: string): MatchModel {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new MatchModelError(file, [{ path: '', message: `cannot read JSON: ${(e as Error).message}` }]);
  }
  const r = validateMatchModel(json);
  if (!r.ok) throw new MatchModelError(file, r.problems);
  return r.model;
}
