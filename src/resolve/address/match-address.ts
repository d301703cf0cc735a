/**
 * `matchAddress(index, input)`: finds the standard address (标准地址) a free-text address means.
 *
 * 1. The input is parsed (`parseAddress`, unless components or a ParsedAddress are passed) and cut
 *    into its administrative part and its local path (see address-tokens.ts).
 * 2. The local path is walked down the register's trie from the root, token by token. A token that
 *    is not a child of the nodes reached so far is tried, in this order:
 *    - one level deeper, through a child the text may leave out (unit, compound, natural village:
 *      华景新城3栋501 finds 3栋2单元501室 when the building has exactly one room 501);
 *    - as an anchor (compound, yard, road, lane, natural village) anywhere below the nodes reached
 *      (or anywhere at all, from the root): the text left out what the register puts above it;
 *    - otherwise the token is skipped (kept as unverified) and the walk goes on.
 *    A fallback is taken only if the register elements it jumps over contradict no skipped input
 *    element of the same kind (3栋3单元501 never reaches 3栋2单元501室).
 * 3. The deepest nodes reached hold the candidates; those whose administrative part contradicts the
 *    input (another community, town, county …) are dropped, absent levels on either side are not a
 *    contradiction. One best entry left → match; several → ambiguous → `candidate`; none → back off
 *    to the nodes reached one token earlier (→ `partial`), down to the root, where an
 *    administrative area matches only when the input names it.
 *
 * `exact`: every element of the input up to its last one was found (skipped middle elements lower
 * the score). `partial`: only an ancestor of what the input describes is in the register (the
 * building exists, room 508 does not): the caller can register a candidate under `addressId`.
 * `candidate`: nothing trustworthy (nothing found, outside the register's area, or ambiguous).
 */
import { parseAddress, type AddressComponents, type ParsedAddress } from '../../domain/address';
import { ROOT_NODE, type AddressIndex } from './address-index';
import {
  ADMIN_LABELS, ADMIN_LEVELS, ANCHOR_KINDS, KIND_SPECS, TOKEN_KIND, adminTuple, deepestAdmin, kindOfToken, localTokens,
  type AdminTuple, type TokenKind,
} from './address-tokens';

export type AddressMatch =
  | {
      kind: 'exact' | 'partial';
      /** Register id of the standard address found. */
      addressId: string;
      /** GA/T level of the input's own leaf (its deepest element: 62 for a room). */
      level: number;
      /** GA/T level of `addressId` as registered (= `level` for an exact match, shallower for a partial one). */
      matchedLevel: number;
      /** Confidence in (0, 1]: 1 = every input element found and the administrative part confirmed. */
      score: number;
      /** How the match was found, one line per step. */
      explanation: string[];
    }
  | {
      kind: 'candidate';
      reason: string;
      /** The deepest standard address that certainly contains the input, when one does. */
      deepestKnown?: { addressId: string; level: number };
    };

export type AddressInput = string | AddressComponents | ParsedAddress;

type Via = 'root' | 'direct' | 'skip-level' | 'anchor';

interface Step {
  nodes: number[];
  /** Index of the input token matched by this step (-1 for the root). */
  token: number;
  via: Via;
}

/** What is left at a set of nodes after the administrative check. */
interface Resolution {
  /** Best entry, -1 when none. */
  best: number;
  /** Entries tied with the best one (1 = unique). */
  ties: number;
  /** Administrative fields confirmed for the best entry. */
  verified: number;
  /** Entries dropped for an administrative contradiction. */
  contradicted: number;
}

function componentsOf(input: AddressInput): AddressComponents {
  if (typeof input === 'string') return parseAddress(input).components;
  if ('components' in input && typeof input.components === 'object') return input.components;
  return input as AddressComponents;
}

/** Matches one address. Pure; never throws on odd input. */
export function matchAddress(index: AddressIndex, input: AddressInput): AddressMatch {
  const c = componentsOf(input);
  const tokens = localTokens(c);
  const admin = adminTuple(c);
  const k = tokens.length;
  const topAdmin = deepestAdmin(admin);
  if (k === 0 && topAdmin < 0) return { kind: 'candidate', reason: 'empty: no address element recognised' };
  const inputLevel = k > 0 ? (KIND_SPECS[kindOfToken(tokens[k - 1] as string)] as { level: number }).level : (ADMIN_LEVELS[topAdmin] as number);

  const ids = new Array<number>(k);
  for (let i = 0; i < k; i++) ids[i] = index.tokenId(tokens[i] as string);

  const steps: Step[] = [{ nodes: [ROOT_NODE], token: -1, via: 'root' }];
  let frontier = (steps[0] as Step).nodes;
  /** Input tokens skipped since the last step (indexes). */
  let pending: number[] = [];
  const skipped: number[] = [];
  for (let i = 0; i < k; i++) {
    const tid = ids[i] as number;
    let next: number[] | undefined;
    let via: Via = 'direct';
    if (tid >= 0) {
      next = direct(index, frontier, tid);
      if (next === undefined) {
        next = throughSkippable(index, frontier, tid, tokens, pending);
        via = 'skip-level';
      }
      if (next === undefined && ANCHOR_KINDS.has(index.tokenKind(tid))) {
        next = viaAnchor(index, frontier, tid, tokens, pending);
        via = 'anchor';
      }
    }
    if (next !== undefined) {
      frontier = next;
      steps.push({ nodes: next, token: i, via });
      pending = [];
    } else {
      pending.push(i);
      skipped.push(i);
    }
  }

  let ambiguous: { step: number; res: Resolution } | undefined;
  let contradicted = 0;
  for (let s = steps.length - 1; s >= 0; s--) {
    const step = steps[s] as Step;
    const res = resolve(index, step.nodes, admin, s === 0);
    contradicted += res.contradicted;
    if (res.best < 0) continue;
    if (res.ties > 1) {
      if (ambiguous === undefined) ambiguous = { step: s, res };
      continue;
    }
    if (ambiguous !== undefined) {
      return {
        kind: 'candidate',
        reason: `ambiguous: ${ambiguous.res.ties} standard addresses fit ${describeStep(tokens, steps[ambiguous.step] as Step, admin)} equally`,
        deepestKnown: { addressId: index.idOf(res.best), level: index.levelOf(res.best) },
      };
    }
    const exact = s === steps.length - 1 && (k === 0 ? s === 0 : step.token === k - 1);
    return found(index, exact ? 'exact' : 'partial', res, steps, s, tokens, skipped, admin, c, inputLevel);
  }
  if (ambiguous !== undefined) {
    return { kind: 'candidate', reason: `ambiguous: ${ambiguous.res.ties} standard addresses fit ${describeStep(tokens, steps[ambiguous.step] as Step, admin)} equally` };
  }
  if (contradicted > 0) return { kind: 'candidate', reason: 'not found: the standard addresses with this local path lie in another administrative area' };
  return { kind: 'candidate', reason: 'not found: no standard address fits' };
}

// ---------------------------------------------------------------------------------------------

function direct(index: AddressIndex, frontier: readonly number[], tid: number): number[] | undefined {
  let out: number[] | undefined;
  for (const n of frontier) {
    const child = index.child(n, tid);
    if (child >= 0) (out ??= []).push(child);
  }
  return out;
}

/** Whether register node `node` (an element the input jumps over) contradicts a skipped input token. */
function contradicts(index: AddressIndex, node: number, tokens: readonly string[], pending: readonly number[]): boolean {
  if (pending.length === 0) return false;
  const t = index.tokenOf(node);
  const kind = index.tokenKind(t);
  const text = index.tokenString(t);
  for (const i of pending) {
    const s = tokens[i] as string;
    if (kindOfToken(s) === kind && s !== text) return true;
  }
  return false;
}

function throughSkippable(index: AddressIndex, frontier: readonly number[], tid: number, tokens: readonly string[], pending: readonly number[]): number[] | undefined {
  let out: number[] | undefined;
  for (const n of frontier) {
    for (const mid of index.skippableChildren(n)) {
      const child = index.child(mid, tid);
      if (child >= 0 && !contradicts(index, mid, tokens, pending)) (out ??= []).push(child);
    }
  }
  return out;
}

function viaAnchor(index: AddressIndex, frontier: readonly number[], tid: number, tokens: readonly string[], pending: readonly number[]): number[] | undefined {
  let out: number[] | undefined;
  for (const a of index.anchorNodes(tid)) {
    let x = index.parentOf(a);
    let reached = false;
    while (x >= 0) {
      if (frontier.includes(x)) {
        reached = true;
        break;
      }
      if (x === ROOT_NODE || contradicts(index, x, tokens, pending)) break;
      x = index.parentOf(x);
    }
    if (reached) (out ??= []).push(a);
  }
  return out;
}

/** The best entry at `nodes` that the input's administrative part does not contradict. */
function resolve(index: AddressIndex, nodes: readonly number[], admin: AdminTuple, atRoot: boolean): Resolution {
  const r: Resolution = { best: -1, ties: 0, verified: 0, contradicted: 0 };
  let bestLevel = -1;
  for (const n of nodes) {
    const single = index.entryAt(n);
    if (single === -1) continue;
    const list = single >= 0 ? [single] : index.entriesAt(n);
    for (const e of list) {
      const a = index.adminOf(e);
      let verified = 0;
      let ok = true;
      for (let f = 0; f < 5; f++) {
        const x = admin[f];
        const y = a[f];
        if (x === undefined || y === undefined) continue;
        if (x !== y) {
          ok = false;
          break;
        }
        verified++;
      }
      if (!ok) {
        r.contradicted++;
        continue;
      }
      // An administrative area is matched only when the input names it (天元区 alone is not 秋德社区),
      // and a town or community the input names must be confirmed (registers may leave out province
      // to county, but a community without its town is no evidence for "XX镇 + 云馥村").
      if (atRoot) {
        const own = deepestAdmin(a);
        if (own < 0 || admin[own] === undefined) continue;
        if (!confirmsLocalAdmin(admin, a)) continue;
      }
      const level = index.levelOf(e);
      if (level > bestLevel || (level === bestLevel && verified > r.verified)) {
        bestLevel = level;
        r.best = e;
        r.ties = 1;
        r.verified = verified;
      } else if (level === bestLevel && verified === r.verified) r.ties++;
    }
  }
  return r;
}

/** Town and community given by the input are present, and equal, in the entry. */
function confirmsLocalAdmin(input: AdminTuple, entry: AdminTuple): boolean {
  for (let f = 3; f < 5; f++) if (input[f] !== undefined && entry[f] !== input[f]) return false;
  return true;
}

function label(token: string): string {
  const kind = kindOfToken(token);
  const value = token.slice(1);
  switch (kind) {
    case TOKEN_KIND.villagerGroup:
      return `${value}组`;
    case TOKEN_KIND.roadNumber:
      return `${value}号`;
    case TOKEN_KIND.building:
      return `${value}栋`;
    case TOKEN_KIND.unit:
      return `${value}单元`;
    case TOKEN_KIND.room:
      return `${value}室`;
    default:
      return value;
  }
}

function kindLabel(kind: TokenKind): string {
  return (KIND_SPECS[kind] as { label: string }).label;
}

function describeStep(tokens: readonly string[], step: Step, admin: AdminTuple): string {
  if (step.token >= 0) return tokens.slice(0, step.token + 1).map(label).join('');
  return admin.filter((v) => v !== undefined).join('');
}

function found(
  index: AddressIndex, kind: 'exact' | 'partial', res: Resolution, steps: readonly Step[], s: number,
  tokens: readonly string[], skipped: readonly number[], admin: AdminTuple, c: AddressComponents, inputLevel: number,
): AddressMatch {
  const explanation: string[] = [];
  let score = 1;
  for (let i = 1; i <= s; i++) {
    const step = steps[i] as Step;
    const t = tokens[step.token] as string;
    const kl = kindLabel(kindOfToken(t));
    if (step.via === 'direct') explanation.push(`${kl} ${label(t)}: found`);
    else if (step.via === 'skip-level') {
      explanation.push(`${kl} ${label(t)}: found one level down (the input leaves an element out)`);
      score -= 0.03;
    } else {
      explanation.push(`${kl} ${label(t)}: found as an anchor (the input leaves the elements above it out)`);
      score -= 0.03;
    }
  }
  const lastMatched = s > 0 ? (steps[s] as Step).token : -1;
  for (const i of skipped) {
    if (i > lastMatched) continue;
    const t = tokens[i] as string;
    explanation.push(`${kindLabel(kindOfToken(t))} ${label(t)}: not in the register on this path, ignored`);
    score -= 0.05;
  }
  if (kind === 'partial') {
    const missing = tokens.slice(lastMatched + 1).map(label).join('');
    explanation.push(s === 0 ? `local part ${missing} not found: administrative area only` : `${missing} not found below the match`);
  }
  const given: string[] = [];
  const absent: string[] = [];
  for (let f = 0; f < 5; f++) (admin[f] === undefined ? absent : given).push(ADMIN_LABELS[f] as string);
  if (given.length > 0) explanation.push(`administrative part: ${res.verified} of ${given.length} given levels confirmed (${given.join(', ')})`);
  if (absent.length > 0) explanation.push(`not given: ${absent.join(', ')}`);
  if (res.verified === 0) score -= 0.05;
  if (c.rest !== undefined) {
    explanation.push(`unparsed text ignored: ${c.rest}`);
    score -= 0.1;
  }
  const e = res.best;
  explanation.push(`${kind}: ${index.idOf(e)} (level ${index.levelOf(e)})`);
  return {
    kind,
    addressId: index.idOf(e),
    level: inputLevel,
    matchedLevel: index.levelOf(e),
    score: Math.max(0.05, Math.round(score * 100) / 100),
    explanation,
  };
}
