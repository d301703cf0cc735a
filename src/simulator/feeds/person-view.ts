/**
 * Small readings of a world person shared by the feeds: current and previous residence, hukou
 * text, the tick of the last change, age.
 */
import type { SimPerson } from '../world/world-types';

export function personTick(p: SimPerson): number {
  return Math.max(p.updatedTick, p.deletedTick ?? 0);
}

function residences(p: SimPerson): SimPerson['addresses'] {
  return p.addresses.filter((a) => a.role === 'residence').sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
}

/** Current residence text ('' when none). */
export function currentResidence(p: SimPerson): string {
  const r = residences(p);
  return r.length > 0 ? r[r.length - 1].text : '';
}

/** The residence before the current one, for movers; undefined when the person never moved. */
export function previousResidence(p: SimPerson): string | undefined {
  const r = residences(p);
  return r.length > 1 ? r[r.length - 2].text : undefined;
}

export function hukouText(p: SimPerson): string {
  return p.addresses.find((a) => a.role === 'hukou')?.text ?? '';
}

/** Whole years between birthDate and onDate (both ISO dates). */
export function ageAt(birthDate: string, onDate: string): number {
  let age = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (onDate.slice(5, 10) < birthDate.slice(5, 10)) age--;
  return age;
}
