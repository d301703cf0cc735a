/** The repository root: src/lib → ../.. (ts under jest) or dist/src/lib → ../../.. (compiled). Import-free, for worker threads. */
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, __filename.endsWith('.ts') ? '../..' : '../../..');
