/**
 * 卫健 (health) records from one community: resident health records `jmjkda` (~75% of persons, those
 * with a record), care objects `gazdx` (65+ and elderly/disabled care tags, from health's view) and
 * the severe mental disorder registry `yzjsza` (sensitive). Chinese field names; movers keep their
 * previous residence (health is not told about moves).
 */
import { WORLD_EPOCH, type CommunityChunk, type SimPerson } from '../world/world-types';
import { DEFAULT_HEALTH_COVERAGE } from './feed-config';
import type { BuildContext, DrawSite } from './build-context';
import { formatDashTime, formatDateChinese } from './feed-time';
import { ageAt, currentResidence, personTick, previousResidence } from './person-view';
import { pickIndex } from './seeded-hash';

const FEED = 'health' as const;
const EPOCH_DATE = new Date(WORLD_EPOCH).toISOString().slice(0, 10);

const CARE_TAGS: Record<string, string> = {
  elderly_alone: '独居老人', empty_nest_elderly: '空巢老人', disabled: '残疾人', left_behind_child: '留守儿童',
};

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether health holds a record for this person (stable over ticks). */
export function hasHealthRecord(ctx: BuildContext, p: SimPerson, coverage = DEFAULT_HEALTH_COVERAGE): boolean {
  return ctx.stableDraw(FEED, 'coverage', p.id) < coverage;
}

function residence(ctx: BuildContext, site: DrawSite, p: SimPerson): string {
  const current = currentResidence(p);
  const baseline = ctx.lookups.baselineResidence.get(p.id);
  const prev = previousResidence(p) ?? (baseline !== undefined && baseline !== current ? baseline : undefined);
  if (prev !== undefined && ctx.draw(site, 'stale') < ctx.rates(FEED).staleAddress) {
    ctx.count(site, 'stale_address');
    return ctx.address(site, prev);
  }
  return ctx.address(site, current);
}

export function addHealthRecords(ctx: BuildContext, chunk: CommunityChunk, coverage = DEFAULT_HEALTH_COVERAGE): void {
  const wantJm = ctx.wants(FEED, 'jmjkda');
  const wantGa = ctx.wants(FEED, 'gazdx');
  const wantYz = ctx.wants(FEED, 'yzjsza');
  if (!wantJm && !wantGa && !wantYz) return;
  for (const p of chunk.persons) {
    const tick = personTick(p);
    const covered = (wantJm || wantGa) && hasHealthRecord(ctx, p, coverage);
    if (covered) {
      const key = ctx.key(FEED, p.id, '', 11, 'jmjkda');
      const site: DrawSite = { feed: FEED, stream: 'jmjkda', entityId: p.id, tick };
      if (wantJm) {
        const updateMs = ctx.updateMs(site, key);
        const opened = addDays(p.birthDate > '2009-01-01' ? p.birthDate : '2009-01-01', pickIndex(ctx.seed, `opened|${p.id}`, 3000));
        const fields: Record<string, unknown> = {
          档案编号: key,
          姓名: ctx.name(site, p.name),
          身份证号: ctx.citizenId(site, p.citizenId, p.birthDate),
          性别: p.gender === 'M' ? '男' : '女',
          出生日期: formatDateChinese(p.birthDate),
          现住址: residence(ctx, site, p),
          联系电话: ctx.phone(site, p.phone),
          建档日期: opened < EPOCH_DATE ? opened : EPOCH_DATE,
          档案状态: p.status === 'active' ? '在用' : p.status === 'deceased' ? '死亡注销' : '迁出',
          更新时间: formatDashTime(updateMs),
        };
        ctx.add({
          feed: FEED, stream: 'jmjkda', key, entityType: 'person', trueEntityId: p.id, updatedTick: tick, updateMs, fields,
          invalid: { idField: '身份证号', dateField: { name: '出生日期', style: 'chinese' }, wrongTypeField: '联系电话', requiredFields: ['姓名', '性别'] },
        });
      }
      const categories: string[] = [];
      if (ageAt(p.birthDate, EPOCH_DATE) >= 65) categories.push('65岁及以上老年人');
      for (const t of p.tags) if (CARE_TAGS[t.code] !== undefined) categories.push(CARE_TAGS[t.code]);
      if (wantGa && categories.length > 0) {
        const gkey = `GA${ctx.key(FEED, p.id, '', 10, 'gazdx')}`;
        const gsite: DrawSite = { ...site, stream: 'gazdx', entityId: `${p.id}#gazdx` };
        const gms = ctx.updateMs(gsite, gkey);
        const gfields: Record<string, unknown> = {
          对象编号: gkey,
          身份证号: ctx.citizenId(gsite, p.citizenId, p.birthDate),
          姓名: ctx.name(gsite, p.name),
          性别: p.gender === 'M' ? '男' : '女',
          出生日期: formatDateChinese(p.birthDate),
          关爱类别: categories.join(';'),
          现住址: residence(ctx, gsite, p),
          联系电话: ctx.phone(gsite, p.phone),
          更新时间: formatDashTime(gms),
        };
        ctx.add({
          feed: FEED, stream: 'gazdx', key: gkey, entityType: 'tag', trueEntityId: p.id, updatedTick: tick, updateMs: gms, fields: gfields,
          invalid: { idField: '身份证号', dateField: { name: '出生日期', style: 'chinese' }, wrongTypeField: '联系电话', requiredFields: ['姓名', '关爱类别'] },
        });
      }
    }
    const smd = wantYz ? p.tags.find((t) => t.code === 'severe_mental_disorder') : undefined;
    if (smd !== undefined) {
      const key = `ZJ${ctx.key(FEED, p.id, '', 8, 'yzjsza')}`;
      const site: DrawSite = { feed: FEED, stream: 'yzjsza', entityId: `${p.id}#yzjsza`, tick };
      const updateMs = ctx.updateMs(site, key);
      const rawGrade = smd.detail.riskGrade ?? smd.detail.risk_grade ?? smd.detail.riskLevel;
      const grade = typeof rawGrade === 'number' ? rawGrade : Number.isFinite(Number(rawGrade)) && rawGrade !== undefined ? Number(rawGrade) : pickIndex(ctx.seed, `risk|${p.id}`, 6);
      const status = p.status === 'deceased' ? '死亡' : p.status === 'moved_out' ? '迁出' : smd.validTo !== undefined ? '已结案' : '在管';
      const fields: Record<string, unknown> = {
        患者编号: key,
        身份证号: ctx.citizenId(site, p.citizenId, p.birthDate),
        姓名: ctx.name(site, p.name),
        性别: p.gender === 'M' ? '男' : '女',
        出生日期: formatDateChinese(p.birthDate),
        风险等级: grade,
        管理状态: status,
        纳入管理日期: smd.validFrom.slice(0, 10),
        现住址: residence(ctx, site, p),
        更新时间: formatDashTime(updateMs),
      };
      ctx.add({
        feed: FEED, stream: 'yzjsza', key, entityType: 'tag', trueEntityId: p.id, updatedTick: tick, updateMs, fields,
        invalid: { idField: '身份证号', dateField: { name: '出生日期', style: 'chinese' }, wrongTypeField: '身份证号', requiredFields: ['姓名', '风险等级'] },
      });
    }
  }
}
