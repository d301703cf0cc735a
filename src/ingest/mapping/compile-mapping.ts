/**
 * Compiles a mapping section (canonical field ← source path + transforms + checks) once into a
 * closure per field, so that mapping a record is a flat loop of getter + steps + checks.
 * Arrays are mapped element by element (e.g. a list of citizen IDs, a split category list).
 */
import { issue, type ValidationIssue } from '../../domain/validation-issue';
import type { CodeTables, FieldMapping, FieldValidation } from '../manifest/manifest-types';
import { compilePath, type PathGetter } from './field-path';
import { compileStep, MAPPING_RULES, type Step } from './transform';

export interface CompiledField {
  name: string;
  /** Writes the field (and any side outputs) into `out`, pushes issues; returns nothing. */
  apply(raw: unknown, out: Record<string, unknown>, issues: ValidationIssue[]): void;
}

export interface CompiledMapping {
  fields: CompiledField[];
}

function compileSource(f: FieldMapping): PathGetter {
  if (f.from !== undefined) return compilePath(f.from);
  if (f.concat !== undefined) {
    const sep = f.concat.separator ?? '';
    const parts = f.concat.parts.map((p): PathGetter => (typeof p === 'string' ? compilePath(p) : () => p.const));
    return (r) => {
      const vals: string[] = [];
      for (const g of parts) {
        const v = g(r);
        if (v !== null && v !== undefined && v !== '') vals.push(String(v));
      }
      return vals.length === 0 ? null : vals.join(sep);
    };
  }
  const c = f.const ?? null;
  return () => c;
}

function compileCheck(name: string, v: FieldValidation | undefined): ((value: unknown, issues: ValidationIssue[]) => void) | undefined {
  if (v === undefined) return undefined;
  const re = v.pattern === undefined ? undefined : new RegExp(v.pattern);
  const oneOf = v.oneOf === undefined ? undefined : new Set<unknown>(v.oneOf);
  const one = (x: unknown, issues: ValidationIssue[]): void => {
    if (x === null || x === undefined) return;
    const s = typeof x === 'string' ? x : undefined;
    if (s === undefined && (re !== undefined || v.minLength !== undefined || v.maxLength !== undefined)) {
      issues.push(issue(name, MAPPING_RULES.TYPE, typeof x === 'object' ? JSON.stringify(x) : x, `${name}: expected a string, got ${typeof x}`));
      return;
    }
    if (re !== undefined && s !== undefined && !re.test(s)) issues.push(issue(name, MAPPING_RULES.PATTERN, x, `${name}: '${s}' does not match /${v.pattern}/`));
    if (s !== undefined && v.minLength !== undefined && s.length < v.minLength) issues.push(issue(name, MAPPING_RULES.LENGTH, x, `${name}: shorter than ${v.minLength} characters`));
    if (s !== undefined && v.maxLength !== undefined && s.length > v.maxLength) issues.push(issue(name, MAPPING_RULES.LENGTH, x, `${name}: longer than ${v.maxLength} characters`));
    if (typeof x === 'number' && ((v.min !== undefined && x < v.min) || (v.max !== undefined && x > v.max))) {
      issues.push(issue(name, MAPPING_RULES.RANGE, x, `${name}: ${x} is outside ${v.min ?? '-∞'}..${v.max ?? '∞'}`));
    }
    if (oneOf !== undefined && !oneOf.has(x)) issues.push(issue(name, MAPPING_RULES.ONE_OF, x, `${name}: '${String(x)}' is not one of ${[...oneOf].join(', ')}`));
  };
  return (value, issues) => {
    if (Array.isArray(value)) for (const x of value) one(x, issues);
    else one(value, issues);
  };
}

function compileField(name: string, f: FieldMapping, tables: CodeTables): CompiledField {
  const get = compileSource(f);
  const steps: Step[] = (f.transforms ?? []).map((t) => compileStep(t, name, tables));
  const required = f.required === true;
  const check = compileCheck(name, f.validate);
  const source = f.from ?? (f.concat !== undefined ? 'concat' : 'const');
  return {
    name,
    apply(raw, out, issues) {
      let value = get(raw);
      let failed = false;
      for (let i = 0; i < steps.length && !failed; i++) {
        const step = steps[i]!;
        if (Array.isArray(value)) {
          const next: unknown[] = [];
          for (const el of value) {
            const r = step(el);
            if (r.issues !== undefined) for (const x of r.issues) issues.push(x);
            if (r.stop === true) failed = true;
            else if (r.value !== null) next.push(r.value);
          }
          value = next;
        } else {
          const r = step(value);
          if (r.issues !== undefined) for (const x of r.issues) issues.push(x);
          if (r.extra !== undefined) Object.assign(out, r.extra);
          value = r.value;
          if (r.stop === true) failed = true;
        }
      }
      if (failed) {
        out[name] = null;
        return;
      }
      if (value === undefined || value === '') value = null;
      if (required && (value === null || (Array.isArray(value) && value.length === 0))) {
        issues.push(issue(name, MAPPING_RULES.REQUIRED, '', `${name} is required (source ${source} is missing or empty)`));
      }
      out[name] = value;
      if (check !== undefined) check(value, issues);
    },
  };
}

export function compileMapping(fields: Record<string, FieldMapping>, tables: CodeTables = {}): CompiledMapping {
  return { fields: Object.entries(fields).map(([name, f]) => compileField(name, f, tables)) };
}
