/**
 * Measures generating a whole world: every chunk at tick 0 (and optionally one community replayed
 * to a later tick), counting entities, wall time and peak RSS (sampled after every chunk). Used by
 * bench/simulate-generation.ts; `main(['L'])` prints one JSON line per size.
 */
import type { SizeName } from './world-types';
import { createWorld } from './create-world';

export interface GenerationFigures {
  size: SizeName;
  communities: number;
  grids: number;
  persons: number;
  addresses: number;
  houses: number;
  organisations: number;
  things: number;
  events: number;
  inspections: number;
  ms: number;
  msPerCommunity: number;
  peakRssMb: number;
  /** Time to build community 0 at `replayTick` from scratch. */
  replayTick: number;
  replayMs: number;
}

export function measureGeneration(size: SizeName, seed = 1, replayTick = 30): GenerationFigures {
  const start = performance.now();
  const world = createWorld({ size, seed });
  let peak = process.memoryUsage().rss;
  const f: GenerationFigures = {
    size, communities: world.communityCount, grids: world.grids.length, persons: 0, addresses: 0, houses: 0, organisations: 0,
    things: 0, events: 0, inspections: 0, ms: 0, msPerCommunity: 0, peakRssMb: 0, replayTick, replayMs: 0,
  };
  for (let i = 0; i < world.communityCount; i++) {
    const c = world.chunk(i, 0);
    f.persons += c.persons.length;
    f.addresses += c.addresses.length;
    f.houses += c.houses.length;
    f.organisations += c.organisations.length;
    f.things += c.things.length;
    f.events += c.events.length;
    f.inspections += c.inspections.length;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  f.ms = Math.round(performance.now() - start);
  f.msPerCommunity = Math.round((f.ms / world.communityCount) * 10) / 10;
  const r0 = performance.now();
  world.chunk(0, replayTick);
  f.replayMs = Math.round(performance.now() - r0);
  f.peakRssMb = Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576);
  return f;
}

/** CLI entry: sizes as arguments (default M). */
export function main(args: readonly string[]): GenerationFigures[] {
  const sizes = (args.length > 0 ? args : ['M']) as SizeName[];
  const out: GenerationFigures[] = [];
  for (const size of sizes) {
    const f = measureGeneration(size);
    console.log(JSON.stringify(f));
    out.push(f);
  }
  return out;
}
