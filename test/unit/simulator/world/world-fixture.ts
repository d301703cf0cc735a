/** Shared S-size world for the simulator tests (generated once per test file). */
import { createWorld } from '../../../../src/simulator/world/create-world';
import type { CommunityChunk, SimGrid, World } from '../../../../src/simulator/world/world-types';

export const SEED = 20260101;

let world: World | undefined;
export function sWorld(): World {
  world ??= createWorld({ size: 'S', seed: SEED });
  return world;
}

export function allChunks(w: World, tick = 0): CommunityChunk[] {
  return Array.from({ length: w.communityCount }, (_, i) => w.chunk(i, tick));
}

export function gridsBy(w: World, levelKey: string): SimGrid[] {
  return w.grids.filter((g) => g.levelKey === levelKey);
}
