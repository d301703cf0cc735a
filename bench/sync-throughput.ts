/**
 * Bench: sync throughput of the simulated district (default size M) through the real connectors
 * into PostgreSQL, next to the raw COPY rate of the same rows, as a ratio (see
 * src/main/measure-sync.ts). Never asserts.
 *
 * Run: npm run build && node -e "require('./dist/src/main/measure-sync').main(['M'])"
 */
import { main } from '../src/main/measure-sync';

void main(process.argv.slice(2));
