/** Milliseconds per phase: `lap('name')` records the time since the previous lap (or the start). */
export function lapTimer(): { timings: Record<string, number>; lap(name: string): void } {
  const timings: Record<string, number> = {};
  let t = performance.now();
  return {
    timings,
    lap(name) {
      const now = performance.now();
      timings[name] = (timings[name] ?? 0) + Math.round(now - t);
      t = now;
    },
  };
}
