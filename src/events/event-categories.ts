/**
 * Category codes per scheme with their Chinese labels: GB/T 31000-2015 dispute types, public-order
 * problems (警情类别), safety hazards (隐患类别) and city management events (GB/T 30428).
 * A code not listed keeps its code as label (departments add codes before we learn them).
 */
import type { EventCategoryScheme } from '../domain/vocabulary';

export const EVENT_CATEGORIES: Readonly<Record<EventCategoryScheme, Readonly<Record<string, string>>>> = {
  dispute: {
    '01': '婚恋家庭纠纷', '02': '邻里纠纷', '03': '人格权纠纷', '04': '物权纠纷', '05': '侵权纠纷', '06': '合同纠纷',
    '07': '劳动人事纠纷', '08': '金融借贷纠纷', '09': '土地及资源权属纠纷', '10': '其他民商事纠纷', '11': '城乡建设发展纠纷',
    '12': '涉民政纠纷', '13': '其他行政执法纠纷', '14': '涉法涉诉纠纷', '15': '涉组织涉纪检纠纷', '16': '涉民族宗教纠纷', '99': '其他纠纷',
  },
  public_order: { '01': '盗窃', '02': '打架斗殴', '03': '聚众赌博', '04': '噪音扰民', '05': '诈骗', '06': '醉酒滋事' },
  safety_hazard: {
    '01': '消防安全隐患', '02': '治安隐患', '03': '矛盾纠纷隐患', '04': '危险化学品隐患', '05': '传染病防控隐患',
    '06': '用电安全隐患', '07': '燃气安全隐患', '08': '建筑安全隐患',
  },
  city_management: { '0101': '暴露垃圾', '0102': '占道经营', '0103': '乱张贴', '0201': '井盖缺失', '0202': '路灯不亮', '0301': '违章搭建' },
  other: {},
};

/** Names departments send instead of codes (safety inspections send 消防安全 …), per scheme. */
export const CATEGORY_ALIASES: Readonly<Partial<Record<EventCategoryScheme, Readonly<Record<string, string>>>>> = {
  safety_hazard: { 消防安全: '01', 治安: '02', 矛盾纠纷: '03', 危险化学品: '04', 传染病防控: '05', 用电安全: '06', 燃气安全: '07', 建筑安全: '08' },
};

/** The code of a category as a department sent it: the code itself, or the code its name stands for. */
export function categoryCodeOf(scheme: EventCategoryScheme, sent: string): string {
  const s = sent.trim();
  return CATEGORY_ALIASES[scheme]?.[s] ?? s;
}

export function categoryLabel(scheme: EventCategoryScheme, code: string): string {
  return EVENT_CATEGORIES[scheme]?.[code] ?? code;
}
