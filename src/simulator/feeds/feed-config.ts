/**
 * Every knob of the feed servers in one place: noise rates per department, invalid-record rate,
 * faults, credentials. Defaults are documented in README.md; callers override any subset.
 */

export type FeedName = 'police' | 'health' | 'safety' | 'grid-center';
export const FEED_NAMES: readonly FeedName[] = ['police', 'health', 'safety', 'grid-center'];

/** Probabilities (0–1) of each kind of noise, drawn per (seed, department, entity id, updatedTick). */
export interface NoiseRates {
  /** Simplified → traditional characters in names and addresses. */
  traditional: number;
  /** One given-name character replaced by a homophone (伟/玮, 静/婧 …). */
  homophone: number;
  /** Legacy 15-digit ID instead of 18 (only persons born before 1999). */
  legacyId15: number;
  /** Citizen ID left empty. */
  missingId: number;
  /** Lower-case x as check character (only IDs ending in X). */
  lowerX: number;
  /** Phone written as +86 138 0013 8000, 138-0013-8000, 0086…, 138 0013 8000. */
  phoneFormat: number;
  /** Address text with a missing level, variant building word, Chinese numerals or room variant. */
  addressVariant: number;
  /** Movers keep their previous residence (health's stale view). */
  staleAddress: number;
  /** Person (police) or organisation (safety) served a second time under another record key. */
  duplicate: number;
  /** Record made invalid: bad check character, impossible date, wrong type, missing required field. */
  invalid: number;
}

export type NoiseConfig = Record<FeedName, NoiseRates>;

export const DEFAULT_NOISE: NoiseConfig = {
  police: {
    traditional: 0, homophone: 0.01, legacyId15: 0.03, missingId: 0, lowerX: 0.02,
    phoneFormat: 0.1, addressVariant: 0.05, staleAddress: 0, duplicate: 0.005, invalid: 0.01,
  },
  health: {
    traditional: 0.05, homophone: 0.02, legacyId15: 0, missingId: 0.04, lowerX: 0.05,
    phoneFormat: 0.3, addressVariant: 0.15, staleAddress: 1, duplicate: 0, invalid: 0.01,
  },
  safety: {
    traditional: 0.01, homophone: 0.02, legacyId15: 0.02, missingId: 0.03, lowerX: 0.03,
    phoneFormat: 0.2, addressVariant: 0.2, staleAddress: 0, duplicate: 0.015, invalid: 0.01,
  },
  // The grid management centre is the register of grids and parts itself: no noise by default.
  'grid-center': {
    traditional: 0, homophone: 0, legacyId15: 0, missingId: 0, lowerX: 0,
    phoneFormat: 0, addressVariant: 0, staleAddress: 0, duplicate: 0, invalid: 0,
  },
};

/** Share of persons that have a health record (and so appear in the health feed at all). */
export const DEFAULT_HEALTH_COVERAGE = 0.75;

export type NoiseOverrides = Partial<Record<FeedName, Partial<NoiseRates>>>;

export function resolveNoise(overrides?: NoiseOverrides): NoiseConfig {
  return {
    police: { ...DEFAULT_NOISE.police, ...overrides?.police },
    health: { ...DEFAULT_NOISE.health, ...overrides?.health },
    safety: { ...DEFAULT_NOISE.safety, ...overrides?.safety },
    'grid-center': { ...DEFAULT_NOISE['grid-center'], ...overrides?.['grid-center'] },
  };
}

/** Faults on data endpoints (never on /admin, never on the token endpoint). Rates are per request. */
export interface FaultConfig {
  rate5xx: number;
  /** Hold the socket without answering for `timeoutMs`, then drop it. */
  rateTimeout: number;
  /** 429 with Retry-After: `retryAfterSeconds`. */
  rate429: number;
  /** 200 with a broken JSON body. */
  rateMalformed: number;
  /** 200 whose body is cut mid-way (connection dropped). */
  rateTruncated: number;
  /** 200 serving the previous page's rows again (only when there is a previous page). */
  rateDuplicatePage: number;
  /** Added to every data request. */
  latencyMs: number;
  timeoutMs: number;
  retryAfterSeconds: number;
  /** Seed of the per-request fault sequence (request n of the server draws from (faultSeed, n)). */
  seed: number;
}

export const DEFAULT_FAULTS: FaultConfig = {
  rate5xx: 0, rateTimeout: 0, rate429: 0, rateMalformed: 0, rateTruncated: 0, rateDuplicatePage: 0,
  latencyMs: 0, timeoutMs: 30000, retryAfterSeconds: 1, seed: 1,
};

export interface FeedKeys {
  policeApiKey: string;
  healthClientId: string;
  healthClientSecret: string;
  safetyApiKey: string;
  /** Grid management centre: header `X-Grid-Token`. */
  gridToken: string;
  /** Lifetime of health access tokens. */
  healthTokenTtlMs: number;
}

export const DEFAULT_KEYS: FeedKeys = {
  policeApiKey: 'police-demo-key',
  healthClientId: 'gridhub',
  healthClientSecret: 'health-demo-secret',
  safetyApiKey: 'safety-demo-key',
  gridToken: 'grid-demo-token',
  healthTokenTtlMs: 3600_000,
};
