/** Table-driven tests of addressAgreement on addresses parsed by the domain parser (and a few hand-built component sets). */
import type { AddressComponents } from '../../../../src/domain/address/address-components';
import { parseAddress } from '../../../../src/domain/address/parse-address';
import { addressAgreement, type AddressAgreement } from '../../../../src/resolve/compare/address-compare';

const FULL = '广东省广州市天河区石牌街道华师社区中山大道西55号华景新城3栋2单元501室';

describe('addressAgreement on parsed addresses', () => {
  test.each<[string, string, AddressAgreement]>([
    // same room, one side lacks 街道/社区 (or more)
    [FULL, '广州市天河区华景新城3栋2单元501室', 'room'],
    [FULL, '华景新城3栋2单元501', 'room'],
    ['天河区石牌街道华师社区华景新城3栋2单元501室', '石牌街道华景新城3-2-501', 'room'],
    // building words are one thing once parsed: 3栋 / 3幢 / 3号楼 / 3号 / 3-
    ['华景新城3栋2单元501室', '华景新城3号楼2单元501房', 'room'],
    ['华景新城3幢501', '华景新城3-501', 'room'],
    ['华景新城3栋501', '华景新城3号501', 'room'],
    ['华景新城B座1205', '华景新城B栋1205室', 'room'],
    ['华景新城3栋5楼01', '华景新城3栋501室', 'room'],
    // no building on either side: the room of the compound
    ['华景新城501号', '华景新城501号', 'room'],
    // same building, different room (not a conflict) or unit missing on one side
    ['华景新城3栋2单元501室', '华景新城3栋2单元502室', 'building'],
    ['华景新城3栋2单元501室', '华景新城3栋1单元501室', 'building'],
    ['华景新城3栋501', '华景新城3栋2单元501', 'building'],
    ['华景新城3栋', '华景新城3栋', 'building'],
    // same compound / yard / door plate
    ['华景新城3栋501', '华景新城4栋501', 'roadNumber'],
    ['华景新城3栋501', '华景新城501号', 'roadNumber'],
    ['华景新城', '天河区华景新城8栋', 'roadNumber'],
    ['中山大道西55号', '天河区中山大道西55号', 'roadNumber'],
    ['中山大道西55号3栋501', '中山大道西55号3栋501', 'room'],
    ['机关大院3号楼501', '北京市海淀区机关大院3号楼501室', 'room'],
    ['建国路88号院3号楼501', '建国路88号院5号楼501', 'roadNumber'],
    // the compound decides over the door number (a compound with several gates)
    ['中山大道西55号华景新城3栋501', '中山大道西57号华景新城3栋501', 'room'],
    ['中山大道西55号华景新城3栋501', '中山大道西55号翠湖雅苑3栋501', 'none'],
    // road + number (+ lane)
    ['中山大道西55号', '中山大道西57号', 'none'],
    ['长乐路123弄45号', '长乐路123弄45号', 'roadNumber'],
    ['长乐路123弄45号', '长乐路45号', 'none'],
    ['石牌街道中山大道西55号', '石牌街道中山大道西57号', 'town'],
    // community
    ['石牌街道华师社区华景新城3栋501', '石牌街道华师社区翠湖雅苑3栋501', 'community'],
    ['石牌街道华师社区', '天河区石牌街道华师社区', 'community'],
    ['华师社区中山大道西55号', '华师社区天河路385号', 'community'],
    // two communities cap the result at town even with the same compound
    ['天河区石牌街道华景社区华景新城3栋501', '天河区石牌街道华师社区华景新城3栋501', 'town'],
    ['华景社区华景新城3栋501', '华师社区华景新城3栋501', 'none'],
    // town
    ['石牌街道', '天河区石牌街道华师社区', 'town'],
    ['天河区石牌街道华景新城3栋501', '天河区石牌街道翠湖雅苑3栋501', 'town'],
    // conflict: county or town stated on both sides and different
    ['天河区华景新城3栋501', '越秀区华景新城3栋501', 'conflict'],
    ['石牌街道华景新城3栋501', '五山街道华景新城3栋501', 'conflict'],
    ['广州市天河区', '深圳市福田区', 'conflict'],
    // rural: villages, groups, natural villages
    ['长沙县黄兴镇石马村3组25号', '石马村3组25号', 'roadNumber'],
    ['黄兴镇石马村3组25号', '黄兴镇石马村3组26号', 'community'],
    ['黄兴镇石马村3组', '黄兴镇石马村3组', 'community'],
    ['黄兴镇石马村3组', '黄兴镇石马村5组', 'community'],
    ['黄兴镇石马村3组', '黄兴镇3组', 'community'], // same group in the same town
    ['黄兴镇石马村3组', '黄兴镇杨梅村3组', 'town'],
    ['黄兴镇石马村张家湾自然村12号', '张家湾自然村12号', 'roadNumber'],
    ['张家湾自然村12号', '张家湾自然村13号', 'community'],
    ['石马村张家组', '石马村张家组', 'community'],
    // nothing shared
    ['华景新城3栋501', '中山大道西55号3栋501', 'none'],
  ])('%s / %s → %s', (a, b, expected) => {
    const x = parseAddress(a).components;
    const y = parseAddress(b).components;
    expect(addressAgreement(x, y)).toBe(expected);
    expect(addressAgreement(y, x)).toBe(expected);
  });
});

describe('addressAgreement on hand-built components', () => {
  test.each<[AddressComponents, AddressComponents, AddressAgreement]>([
    [{}, {}, 'none'],
    [{ villagerGroup: '3' }, { villagerGroup: '3' }, 'none'], // a group number alone means nothing
    [{ villagerGroup: '3', roadNumber: '25' }, { villagerGroup: '3', roadNumber: '25' }, 'none'],
    [{ community: '石马村', villagerGroup: '3', roadNumber: '25' }, { community: '石马村', villagerGroup: '3', roadNumber: '25' }, 'roadNumber'],
    [{ town: '黄兴镇', villagerGroup: '3', roadNumber: '25' }, { town: '黄兴镇', community: '石马村', villagerGroup: '3', roadNumber: '25' }, 'roadNumber'],
    [{ compound: '华景新城', building: '3', room: '501' }, { compound: '华景新城', building: '3', room: '501', town: '', community: '' }, 'room'],
    [{ county: '', compound: '华景新城' }, { county: '天河区', compound: '华景新城' }, 'roadNumber'],
    [{ compound: '华景新城', building: '3', unit: '2', room: '501', floor: '5' }, { compound: '华景新城', building: '3', unit: '2', room: '501', floor: '6' }, 'room'],
    [{ compound: '华景新城', room: '501' }, { compound: '华景新城', building: '3', room: '501' }, 'roadNumber'],
    [{ naturalVillage: '李家屯', building: '2', room: '101' }, { naturalVillage: '李家屯', building: '2', room: '101' }, 'room'],
    [{ naturalVillage: '李家屯', building: '2' }, { naturalVillage: '李家屯', building: '2' }, 'building'],
    [{ naturalVillage: '李家屯' }, { naturalVillage: '李家屯' }, 'community'],
    [{ yard: '机关大院', compound: '华景新城' }, { yard: '机关大院' }, 'roadNumber'],
  ])('%j / %j → %s', (a, b, expected) => {
    expect(addressAgreement(a, b)).toBe(expected);
    expect(addressAgreement(b, a)).toBe(expected);
  });
});
