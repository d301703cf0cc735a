/**
 * Issues identifiers that must be unique across the whole district although every community is
 * generated on its own:
 * - citizen IDs: for each (area code, birth date) the 3-digit sequence space is split into one block
 *   of "pair slots" per community (slot P gives 2P+1 to a man and 2P+2 to a woman), so two
 *   communities never issue the same number; twins get the same slot (opposite sexes: consecutive
 *   numbers) or neighbouring slots (same sex: consecutive odd/even numbers). A full block makes the
 *   caller shift the birth date by a day.
 * - mobile phones: a fixed 3-digit prefix and an 8-digit tail that is a bijection of
 *   (community, serial), so phones are unique (only deliberately shared ones repeat).
 */
import { makeCitizenId } from '../../domain/citizen-id';
import type { Rng } from './rng';

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199'];
/** Odd and not a multiple of 5: multiplication by it permutes 0 … 10^8 − 1. */
const PHONE_MULTIPLIER = 73_939_133;

export class IdentityIssuer {
  private readonly slots = new Map<string, number[]>();
  private readonly blockStart: number;
  private readonly blockSize: number;
  private phoneSerial = 0;
  private passportSerial = 0;

  constructor(private readonly communityIndex: number, communityCount: number) {
    this.blockSize = Math.max(1, Math.floor(499 / communityCount));
    this.blockStart = communityIndex * this.blockSize;
  }

  /** A citizen ID, or undefined when this community's block for (area, date) is full. */
  citizenId(area: string, ymd: string, gender: 'M' | 'F'): string | undefined {
    const used = this.used(area, ymd);
    const k = gender === 'M' ? 0 : 1;
    if (used[k]! >= this.blockSize) return undefined;
    return this.make(area, ymd, gender, used[k]!++);
  }

  /** Citizen IDs for twins with consecutive sequence numbers, or undefined when the block is full. */
  twinIds(area: string, ymd: string, a: 'M' | 'F', b: 'M' | 'F'): [string, string] | undefined {
    const used = this.used(area, ymd);
    if (a !== b) {
      const p = Math.max(used[0]!, used[1]!);
      if (p >= this.blockSize) return undefined;
      used[0] = p + 1;
      used[1] = p + 1;
      return [this.make(area, ymd, a, p), this.make(area, ymd, b, p)];
    }
    const k = a === 'M' ? 0 : 1;
    const p = used[k]!;
    if (p + 1 >= this.blockSize) return undefined;
    used[k] = p + 2;
    return [this.make(area, ymd, a, p), this.make(area, ymd, b, p + 1)];
  }

  /** A new mobile number. */
  phone(rng: Rng): string {
    const n = this.communityIndex * 100_000 + (this.phoneSerial++ % 99_000) + 1_000;
    const tail = (n * PHONE_MULTIPLIER) % 100_000_000;
    return rng.pick(MOBILE_PREFIXES) + String(tail).padStart(8, '0');
  }

  /** A passport number: one or two letters and an 8-digit bijection of (community, serial). */
  passport(rng: Rng): string {
    const n = this.communityIndex * 100_000 + (this.passportSerial++ % 100_000);
    return rng.pick(['E', 'G', 'P', 'M', 'K']) + String((n * PHONE_MULTIPLIER) % 100_000_000).padStart(8, '0');
  }

  private used(area: string, ymd: string): number[] {
    const key = area + ymd;
    let used = this.slots.get(key);
    if (used === undefined) {
      used = [0, 0];
      this.slots.set(key, used);
    }
    return used;
  }

  private make(area: string, ymd: string, gender: 'M' | 'F', p: number): string {
    const slot = this.blockStart + p;
    return makeCitizenId(area, ymd, 2 * slot + (gender === 'M' ? 1 : 2));
  }
}
