/**
 * Tags on persons (重点人群 from police — severe mental disorder from health —, 关爱对象 from civil
 * affairs), each with detail fields and a validFrom date, at the rates in rates.ts. Care tags follow
 * the household: elderly_alone only for 65+ living alone, empty_nest_elderly for 65+ couples living
 * alone, left_behind_child for children raised by grandparents, minimum_subsistence for every member
 * of a 低保 household. The elderly rates are shares of all 65+ persons, turned into a probability
 * among the eligible ones per community.
 */
import type { SimPerson, SimTag } from './world-types';
import type { Household } from './population-generator';
import type { Rng } from './rng';
import { RATES } from './rates';
import { EPOCH_DAY, isoDay } from './sim-date';

const OFFENCES = ['盗窃', '诈骗', '故意伤害', '寻衅滋事', '毒品犯罪', '抢劫'];
const CORRECTION_TYPES = ['管制', '缓刑', '假释', '暂予监外执行'];
const DIAGNOSES = ['精神分裂症', '双相情感障碍', '偏执性精神病', '分裂情感性障碍', '癫痫所致精神障碍', '精神发育迟滞伴发精神障碍'];
const RISK_GRADE_WEIGHTS = [0.35, 0.3, 0.17, 0.1, 0.05, 0.03];
const DRUG_STATUS = ['社区戒毒', '社区康复', '戒断三年未复吸'];
const DRUGS = ['海洛因', '冰毒', '氯胺酮'];
const YOUTH_KINDS = ['闲散青少年', '有不良行为青少年', '流浪乞讨未成年人', '服刑在教人员未成年子女', '农村留守儿童'];
const DISABILITY_TYPES = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'];
const BRANCHES = ['陆军', '海军', '空军', '火箭军', '武警部队'];

function age(birthDays: Map<string, number>, p: SimPerson): number {
  return Math.floor((EPOCH_DAY - birthDays.get(p.id)!) / 365.25);
}

/** A validFrom between `minDays` and `maxDays` before the epoch, never before `notBefore`. */
function since(rng: Rng, notBefore: number, minDays: number, maxDays: number): string {
  return isoDay(Math.max(notBefore, EPOCH_DAY - rng.range(minDays, maxDays)));
}

function tag(code: string, source: string, detail: SimTag['detail'], validFrom: string, validTo?: string): SimTag {
  const t: SimTag = { code, source, detail, validFrom };
  if (validTo !== undefined) t.validTo = validTo;
  return t;
}

function riskGrade(rng: Rng): number {
  let x = rng.next();
  for (let g = 0; g < RISK_GRADE_WEIGHTS.length; g++) {
    x -= RISK_GRADE_WEIGHTS[g]!;
    if (x < 0) return g;
  }
  return 0;
}

/** Key-group and individual care tags. */
function personTags(rng: Rng, p: SimPerson, a: number, born: number): void {
  const r = RATES.tags;
  const adultFrom = born + 18 * 365;
  if (a >= 20 && a <= 60 && rng.chance(r.releasedPrisoner * (p.gender === 'M' ? 1.8 : 0.2))) {
    p.tags.push(tag('released_prisoner', 'police', { offence: rng.pick(OFFENCES), sentenceMonths: rng.range(6, 120), riskLevel: rng.pick(['低', '中', '高']) }, since(rng, adultFrom, 30, 1800), undefined));
  }
  if (a >= 18 && rng.chance(r.communityCorrection)) {
    const end = EPOCH_DAY + rng.range(30, 720);
    p.tags.push(tag('community_correction', 'police', { correctionType: rng.pick(CORRECTION_TYPES), periodEnd: isoDay(end) }, since(rng, adultFrom, 30, 700), isoDay(end)));
  }
  if (a >= 18 && rng.chance(r.severeMentalDisorder)) {
    p.tags.push(tag('severe_mental_disorder', 'health', { riskGrade: riskGrade(rng), diagnosis: rng.pick(DIAGNOSES), managed: rng.chance(0.9) ? '规范管理' : '失访' }, since(rng, adultFrom, 60, 5000)));
  }
  if (a >= 18 && a <= 55 && rng.chance(r.drugUser)) {
    p.tags.push(tag('drug_user', 'police', { status: rng.pick(DRUG_STATUS), drug: rng.pick(DRUGS) }, since(rng, adultFrom, 30, 3000)));
  }
  if (a >= 6 && a <= 25 && rng.chance(r.keyYouth)) {
    p.tags.push(tag('key_youth', 'police', { youthType: rng.pick(YOUTH_KINDS) }, since(rng, born + 6 * 365, 30, 1000)));
  }
  if (p.citizenId !== undefined && rng.chance(r.disabled * (a >= 60 ? 2.5 : 0.6))) {
    const grade = rng.range(1, 4);
    const type = rng.range(1, DISABILITY_TYPES.length);
    p.tags.push(tag('disabled', 'civil_affairs', { disabilityType: DISABILITY_TYPES[type - 1]!, grade, certificateNo: `${p.citizenId}${type}${grade}` }, since(rng, born, 100, 8000)));
  }
  if (a >= 35 && p.kind !== 'foreign' && rng.chance(r.veteran * (p.gender === 'M' ? 1.8 : 0.2))) {
    p.tags.push(tag('veteran', 'civil_affairs', { serviceBranch: rng.pick(BRANCHES), dischargeYear: 2025 - rng.range(1, Math.min(40, a - 20)) }, since(rng, adultFrom, 300, 9000)));
  }
}

/** Adds all tags of a community's population. */
export function assignTags(rng: Rng, households: Household[], birthDays: Map<string, number>): void {
  let elderly = 0;
  let alone = 0;
  let couples = 0;
  for (const h of households) {
    for (const p of h.members) if (age(birthDays, p) >= 65) elderly++;
    if (h.members.length === 1 && age(birthDays, h.members[0]!) >= 65) alone++;
    if (h.members.length === 2 && h.members[1]!.relationToHead === '配偶' && age(birthDays, h.members[0]!) >= 65) couples += 2;
  }
  const pAlone = alone === 0 ? 0 : Math.min(1, (RATES.tags.elderlyAlone * elderly) / alone);
  const pNest = couples === 0 ? 0 : Math.min(1, (RATES.tags.emptyNest * elderly) / couples);
  for (const h of households) {
    const subsistence = h.kind === 'hukou' && rng.chance(RATES.tags.minimumSubsistence);
    const allowance = rng.range(1000, 1400);
    const nest = h.members.length === 2 && h.members[1]!.relationToHead === '配偶' && rng.chance(pNest);
    for (const p of h.members) {
      const born = birthDays.get(p.id)!;
      const a = age(birthDays, p);
      personTags(rng, p, a, born);
      if (subsistence) p.tags.push(tag('minimum_subsistence', 'civil_affairs', { monthlyAllowance: allowance, householdSize: h.members.length }, since(rng, born, 60, 2000)));
      if (a >= 65 && h.members.length === 1 && rng.chance(pAlone)) p.tags.push(tag('elderly_alone', 'civil_affairs', { careLevel: rng.pick(['一般', '重点', '特殊']), visitCycleDays: rng.pick([7, 14, 30]) }, since(rng, born + 65 * 365, 30, 1500)));
      if (a >= 65 && nest) p.tags.push(tag('empty_nest_elderly', 'civil_affairs', { livesWithSpouse: '是' }, since(rng, born + 65 * 365, 30, 1500)));
      if (h.skipGeneration && p.relationToHead === '其他' && a < 16 && rng.chance(RATES.tags.leftBehindChild)) {
        p.tags.push(tag('left_behind_child', 'civil_affairs', { guardianName: h.members[0]!.name, guardianRelation: '祖父母' }, since(rng, born, 100, 2000)));
      }
    }
  }
}
