/**
 * Bench: generate every community of a synthetic world at tick 0 and report entity counts, wall
 * time and peak RSS (see src/simulator/world/measure-generation.ts). Never asserts.
 *
 * Run: npx tsc -p tsconfig.build.json && node -e "require('./dist/src/simulator/world/measure-generation').main(['M','L'])"
 * or compile this file with the root tsconfig and run it with `node <out>/bench/simulate-generation.js M L`.
 */
import { main } from '../src/simulator/world/measure-generation';
import { printBenchLine } from './support/bench-line';

for (const f of main(process.argv.slice(2))) {
  printBenchLine('simulate-generation', [
    { name: `generate ${f.size}`, detail: `${f.communities} communities, ${f.persons} persons, ${f.addresses} addresses`, value: f.ms, unit: 'ms', better: 'lower' },
    { name: `persons generated (${f.size})`, value: Math.round((f.persons / f.ms) * 1000), unit: 'persons/s' },
    { name: `peak RSS (${f.size})`, value: f.peakRssMb, unit: 'MB', better: 'lower' },
  ]);
}
