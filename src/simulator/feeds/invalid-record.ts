/**
 * Turns a valid department record into an invalid one, the ways real feeds are invalid: a wrong
 * check character, an impossible date, a number where a string belongs, a missing required field.
 * Each stream says which of its fields can carry which fault.
 */

export type DateStyle = 'compact' | 'chinese' | 'slash' | 'dash';

export interface InvalidSpec {
  /** Field holding an 18-character citizen ID or USCC. */
  idField?: string;
  /** Field holding a date, and how the stream writes dates. */
  dateField?: { name: string; style: DateStyle };
  /** String field that may arrive as a number. */
  wrongTypeField?: string;
  /** Required fields; one may go missing. */
  requiredFields: string[];
}

export type InvalidKind = 'bad_check_char' | 'impossible_date' | 'wrong_type' | 'missing_required';

const CHECKS = '0123456789X';

function impossibleDate(year: string, style: DateStyle, pick: number): string {
  const [m, d] = pick < 0.5 ? ['02', '30'] : ['04', '31'];
  switch (style) {
    case 'compact':
      return `${year}${m}${d}`;
    case 'chinese':
      return `${year}年${Number(m)}月${d}日`;
    case 'slash':
      return `${year}/${m}/${d}`;
    case 'dash':
      return `${year}-${m}-${d}`;
  }
}

/** Kinds applicable to this record as it stands. */
export function applicableKinds(fields: Record<string, unknown>, spec: InvalidSpec): InvalidKind[] {
  const kinds: InvalidKind[] = [];
  const id = spec.idField === undefined ? undefined : fields[spec.idField];
  if (typeof id === 'string' && id.length === 18) kinds.push('bad_check_char');
  const date = spec.dateField === undefined ? undefined : fields[spec.dateField.name];
  if (typeof date === 'string' && /^\d{4}/.test(date)) kinds.push('impossible_date');
  const wt = spec.wrongTypeField === undefined ? undefined : fields[spec.wrongTypeField];
  if (typeof wt === 'string' && /\d/.test(wt)) kinds.push('wrong_type');
  if (spec.requiredFields.length > 0) kinds.push('missing_required');
  return kinds;
}

/** Applies `kind` in place; returns the truth's invalidReason. */
export function makeInvalid(fields: Record<string, unknown>, spec: InvalidSpec, kind: InvalidKind, pick: number): string {
  switch (kind) {
    case 'bad_check_char': {
      const name = spec.idField as string;
      const id = fields[name] as string;
      const last = id[17].toUpperCase();
      const alt = CHECKS[(CHECKS.indexOf(last) + 1 + Math.floor(pick * 10)) % 11];
      fields[name] = id.slice(0, 17) + alt;
      return `bad_check_char:${name}`;
    }
    case 'impossible_date': {
      const { name, style } = spec.dateField as { name: string; style: DateStyle };
      fields[name] = impossibleDate((fields[name] as string).slice(0, 4), style, pick);
      return `impossible_date:${name}`;
    }
    case 'wrong_type': {
      const name = spec.wrongTypeField as string;
      fields[name] = Number((fields[name] as string).replace(/\D/g, ''));
      return `wrong_type:${name}`;
    }
    case 'missing_required': {
      const name = spec.requiredFields[Math.floor(pick * spec.requiredFields.length)];
      delete fields[name];
      return `missing_required:${name}`;
    }
  }
}
