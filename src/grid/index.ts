/** The grid engine: spatial index, tree rules, tiling validation (pure: domain and lib only). */
export * from './geometry';
export * from './grid-spatial-index';
export * from './grid-rules';
export * from './overlap-check';
