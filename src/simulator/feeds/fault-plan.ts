/**
 * Which fault (if any) hits data request number n: one deterministic draw from (fault seed, n)
 * against the cumulative rates. Requests are numbered in arrival order per server, so a client
 * that sends requests one at a time sees the same fault sequence on every run.
 */
import type { FaultConfig } from './feed-config';
import { unitDraw } from './seeded-hash';

export type FaultKind = 'http5xx' | 'timeout' | 'http429' | 'malformed' | 'truncated' | 'duplicatePage';

export const FAULT_KINDS: readonly FaultKind[] = ['http5xx', 'timeout', 'http429', 'malformed', 'truncated', 'duplicatePage'];

function rateOf(f: FaultConfig, k: FaultKind): number {
  switch (k) {
    case 'http5xx':
      return f.rate5xx;
    case 'timeout':
      return f.rateTimeout;
    case 'http429':
      return f.rate429;
    case 'malformed':
      return f.rateMalformed;
    case 'truncated':
      return f.rateTruncated;
    case 'duplicatePage':
      return f.rateDuplicatePage;
  }
}

export function faultFor(f: FaultConfig, requestNo: number): FaultKind | undefined {
  const u = unitDraw(f.seed, `fault|${requestNo}`);
  let acc = 0;
  for (const k of FAULT_KINDS) {
    acc += rateOf(f, k);
    if (u < acc) return k;
  }
  return undefined;
}

/** Secondary draw for a fault's details (which 5xx status). */
export function faultDetail(f: FaultConfig, requestNo: number): number {
  return unitDraw(f.seed, `fault-detail|${requestNo}`);
}
