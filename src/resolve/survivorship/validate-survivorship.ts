/**
 * Validates a survivorship config (parsed JSON) and reports every problem at once, each with its path
 * (`attributes.name.priority`, `attributes.addresses.roles.hukou.rule.then.rule`) and what was expected,
 * so a steward editing a config file sees all mistakes in one run.
 */
import { RULE_NAMES, type SurvivorshipConfig } from './survivorship-types';

export interface SurvivorshipProblem {
  path: string;
  message: string;
}

export class SurvivorshipConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: SurvivorshipProblem[],
  ) {
    super(`invalid survivorship config ${source}:\n${problems.map((p) => `  - ${p.path === '' ? '(config)' : p.path}: ${p.message}`).join('\n')}`);
    this.name = 'SurvivorshipConfigError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.trim() === v;
/** `police` or `police/rk`: no whitespace, at most one slash, both sides non-empty. */
const SOURCE_REF = /^[^\s/]+(\/[^\s/]+)?$/;

const KEYS: Record<string, readonly string[]> = {
  sourcePriority: ['rule', 'from', 'priority', 'then'],
  mostRecent: ['rule', 'from'],
  mostFrequent: ['rule', 'from', 'tieBreak', 'priority'],
  mostComplete: ['rule', 'from'],
  union: ['rule', 'from', 'split'],
  roles: ['rule', 'roles'],
};
const SINGLE = ['sourcePriority', 'mostRecent', 'mostFrequent', 'mostComplete'];

type Add = (path: string, message: string) => void;

function checkPriority(v: unknown, at: string, add: Add): void {
  if (!Array.isArray(v) || v.length === 0) return add(at, 'expected a non-empty array of source names');
  const seen = new Set<string>();
  v.forEach((s: unknown, k) => {
    if (typeof s !== 'string' || !SOURCE_REF.test(s)) add(`${at}[${k}]`, `expected a source name ('police') or source/stream ('police/rk'), got ${JSON.stringify(s)}`);
    else if (seen.has(s)) add(`${at}[${k}]`, `duplicate source ${s}`);
    else seen.add(s);
  });
}

/** `context`: where the rule sits; single-valued places accept only the four single-valued rules. */
function checkRule(r: unknown, at: string, add: Add, context: 'attribute' | 'then' | 'role'): void {
  if (!isObject(r)) return add(at, 'expected an object { rule, … }');
  const name = r.rule;
  if (typeof name !== 'string' || !(RULE_NAMES as readonly string[]).includes(name))
    return add(`${at}.rule`, `expected one of ${RULE_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
  if (context !== 'attribute' && !SINGLE.includes(name))
    return add(`${at}.rule`, `${name} gives several values; ${context === 'then' ? 'a fallback' : 'a role'} needs one of ${SINGLE.join(', ')}`);
  const allowed = KEYS[name]!;
  for (const k of Object.keys(r)) if (!allowed.includes(k)) add(`${at}.${k}`, `unknown key for ${name} (expected ${allowed.join(', ')})`);
  if (name !== 'union' && name !== 'roles' && r.from !== undefined) {
    if (context === 'role') add(`${at}.from`, "a role's rule reads the role's from; set from on the role");
    else if (!isName(r.from)) add(`${at}.from`, 'expected a canonical field name');
  }
  switch (name) {
    case 'sourcePriority':
      checkPriority(r.priority, `${at}.priority`, add);
      if (r.then !== undefined) checkRule(r.then, `${at}.then`, add, context === 'role' ? 'role' : 'then');
      break;
    case 'mostFrequent':
      if (r.tieBreak !== undefined && r.tieBreak !== 'mostRecent' && r.tieBreak !== 'sourcePriority')
        add(`${at}.tieBreak`, `expected mostRecent or sourcePriority, got ${JSON.stringify(r.tieBreak)}`);
      if (r.tieBreak === 'sourcePriority') checkPriority(r.priority, `${at}.priority`, add);
      else if (r.priority !== undefined) add(`${at}.priority`, "priority applies only with tieBreak 'sourcePriority'");
      break;
    case 'union':
      if (typeof r.from === 'string') {
        if (!isName(r.from)) add(`${at}.from`, 'expected a canonical field name or a non-empty array of them');
      } else if (!Array.isArray(r.from) || r.from.length === 0) add(`${at}.from`, 'expected a canonical field name or a non-empty array of them');
      else {
        const seen = new Set<string>();
        r.from.forEach((f: unknown, k) => {
          if (!isName(f)) add(`${at}.from[${k}]`, 'expected a canonical field name');
          else if (seen.has(f)) add(`${at}.from[${k}]`, `duplicate field ${f}`);
          else seen.add(f);
        });
      }
      if (r.split !== undefined && (typeof r.split !== 'string' || r.split === '')) add(`${at}.split`, 'expected a non-empty separator string');
      break;
    case 'roles':
      if (!isObject(r.roles) || Object.keys(r.roles).length === 0) {
        add(`${at}.roles`, 'expected an object role name → { from, rule }');
        break;
      }
      for (const [role, spec] of Object.entries(r.roles)) {
        const rat = `${at}.roles.${role}`;
        if (!isName(role)) add(rat, 'expected a non-empty role name');
        if (!isObject(spec)) {
          add(rat, 'expected an object { from, rule }');
          continue;
        }
        for (const k of Object.keys(spec)) if (k !== 'from' && k !== 'rule') add(`${rat}.${k}`, 'unknown key for a role (expected from, rule)');
        if (!isName(spec.from)) add(`${rat}.from`, 'expected a canonical field name');
        checkRule(spec.rule, `${rat}.rule`, add, 'role');
      }
      break;
  }
}

export function validateSurvivorship(json: unknown): { ok: true; config: SurvivorshipConfig } | { ok: false; problems: SurvivorshipProblem[] } {
  const problems: SurvivorshipProblem[] = [];
  const add: Add = (path, message) => void problems.push({ path, message });
  if (!isObject(json)) return { ok: false, problems: [{ path: '', message: 'expected a JSON object { attributes }' }] };
  for (const k of Object.keys(json)) if (k !== 'attributes' && k !== '$schema' && k !== 'description') add(k, 'unknown key (expected attributes, description)');
  if (json.description !== undefined && typeof json.description !== 'string') add('description', 'expected a string');
  if (!isObject(json.attributes) || Object.keys(json.attributes).length === 0) add('attributes', 'expected an object attribute name → rule');
  else
    for (const [attr, rule] of Object.entries(json.attributes)) {
      if (!isName(attr)) add(`attributes.${attr}`, 'expected a non-empty attribute name');
      else if (attr === 'records') add(`attributes.${attr}`, 'records is reserved (the provenance keeps its records under that key)');
      checkRule(rule, `attributes.${attr}`, add, 'attribute');
    }
  return problems.length === 0 ? { ok: true, config: json as unknown as SurvivorshipConfig } : { ok: false, problems };
}

/** Validates and returns the config, or throws a `SurvivorshipConfigError` listing every problem. */
export function parseSurvivorship(json: unknown, source = '(inline)'): SurvivorshipConfig {
  const r = validateSurvivorship(json);
  if (!r.ok) throw new SurvivorshipConfigError(source, r.problems);
  return r.config;
}
