/**
 * A manifest that does not validate: names the file and every problem as `json.path: expected …`.
 */
export interface ManifestProblem {
  /** JSON path, e.g. `streams[2].pagination.kind`. */
  path: string;
  message: string;
}

export class ManifestError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ManifestProblem[],
  ) {
    super(`invalid connector manifest ${file}:\n${problems.map((p) => `  - ${p.path || '(root)'}: ${p.message}`).join('\n')}`);
    this.name = 'ManifestError';
  }
}
