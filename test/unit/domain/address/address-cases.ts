/**
 * Table of address parser cases. All compounds, yards, villages and numbers are
 * made up; real province/city/district/road names are used where the parser's
 * behaviour depends on them (numerals inside names, 直辖市, 自治州…).
 * `expect` is partial: only the listed components are checked, and a component
 * listed as `undefined` must be absent.
 */
import type { AddressComponents } from '../../../../src/domain/address/address-components';
import type { AddressLevelCode } from '../../../../src/domain/address/address-level';

export interface AddressCase {
  input: string;
  expect: Partial<AddressComponents>;
  canonical?: string;
  leafLevel?: AddressLevelCode;
}

const FULL = '广东省广州市天河区石牌街道华师社区中山大道西55号华景新城3栋2单元501室';

/** Same compound, building 3, room 501, written every way we have seen. */
const b3r501: Partial<AddressComponents> = { compound: '翠湖雅苑', building: '3', room: '501' };

export const ADDRESS_CASES: readonly AddressCase[] = [
  // --- full addresses -------------------------------------------------------
  {
    input: FULL,
    expect: {
      province: '广东省', city: '广州市', county: '天河区', town: '石牌街道', community: '华师社区',
      road: '中山大道西', roadNumber: '55', compound: '华景新城', building: '3', unit: '2', room: '501', rest: undefined,
    },
    canonical: FULL,
    leafLevel: 62,
  },
  { input: '广东广州市天河区石牌街道华师社区中山大道西55号华景新城3栋2单元501室', expect: { province: '广东省', city: '广州市', county: '天河区' }, canonical: FULL },
  { input: '浙江省杭州市西湖区文新街道翠苑社区文一西路88号金桂花园5幢1单元302室', expect: { province: '浙江省', city: '杭州市', county: '西湖区', town: '文新街道', community: '翠苑社区', road: '文一西路', roadNumber: '88', compound: '金桂花园', building: '5', unit: '1', room: '302' }, canonical: '浙江省杭州市西湖区文新街道翠苑社区文一西路88号金桂花园5栋1单元302室' },
  { input: '江苏省南京市鼓楼区湖南路街道青禾社区中山北路200号银杏小区12栋601室', expect: { county: '鼓楼区', road: '中山北路', roadNumber: '200', compound: '银杏小区', building: '12', room: '601' } },
  { input: '湖北省武汉市洪山区珞南街道和美社区珞喻路1037号和美家园8栋3单元1102', expect: { city: '武汉市', county: '洪山区', town: '珞南街道', community: '和美社区', road: '珞喻路', roadNumber: '1037', compound: '和美家园', building: '8', unit: '3', room: '1102' }, leafLevel: 62 },
  { input: '四川省成都市武侯区玉林街道芳草社区芳草街18号松涛苑2栋1单元4楼2号', expect: { road: '芳草街', roadNumber: '18', compound: '松涛苑', building: '2', unit: '1', floor: '4', room: '402' } },

  // --- building variants (栋/幢/号楼/座/#/letters) -------------------------------
  { input: '翠湖雅苑3栋501', expect: b3r501, canonical: '翠湖雅苑3栋501室' },
  { input: '翠湖雅苑3幢501', expect: b3r501, canonical: '翠湖雅苑3栋501室' },
  { input: '翠湖雅苑3号楼501', expect: b3r501, canonical: '翠湖雅苑3栋501室' },
  { input: '翠湖雅苑3座501', expect: b3r501, canonical: '翠湖雅苑3栋501室' },
  { input: '翠湖雅苑三号楼501', expect: b3r501, canonical: '翠湖雅苑3栋501室' },
  { input: '翠湖雅苑三栋501', expect: b3r501 },
  { input: '翠湖雅苑三幢五零一', expect: b3r501 },
  { input: '翠湖雅苑３栋５０１', expect: b3r501 },
  { input: '翠湖雅苑3#楼501', expect: b3r501 },
  { input: '翠湖雅苑3#501', expect: b3r501 },
  { input: '翠湖雅苑3号501', expect: b3r501 },
  { input: '翠湖雅苑第3栋501', expect: b3r501 },
  { input: '翠湖雅苑第三栋501', expect: b3r501 },
  { input: '翠湖雅苑3楼2单元501', expect: { ...b3r501, unit: '2', floor: undefined } },
  { input: '翠湖雅苑B座1201', expect: { compound: '翠湖雅苑', building: 'B', room: '1201' }, canonical: '翠湖雅苑B栋1201室' },
  { input: '翠湖雅苑b座1201', expect: { compound: '翠湖雅苑', building: 'B', room: '1201' } },
  { input: '翠湖雅苑A3栋201', expect: { compound: '翠湖雅苑', building: 'A3', room: '201' } },
  { input: '翠湖雅苑12A栋301室', expect: { compound: '翠湖雅苑', building: '12A', room: '301' } },
  { input: '翠湖雅苑十二栋301室', expect: { compound: '翠湖雅苑', building: '12', room: '301' } },
  { input: '翠湖雅苑二十一号楼一单元101', expect: { compound: '翠湖雅苑', building: '21', unit: '1', room: '101' } },
  { input: '翠湖雅苑3号', expect: { compound: '翠湖雅苑', building: '3', room: undefined }, leafLevel: 50 },
  { input: '翠湖雅苑3栋', expect: { compound: '翠湖雅苑', building: '3' }, canonical: '翠湖雅苑3栋', leafLevel: 50 },
  { input: '梧桐大厦A座', expect: { compound: '梧桐大厦', building: 'A' }, leafLevel: 50 },

  // --- unit variants ----------------------------------------------------------
  { input: '翠湖雅苑3栋2单元501', expect: { ...b3r501, unit: '2' }, canonical: '翠湖雅苑3栋2单元501室' },
  { input: '翠湖雅苑3栋二单元501', expect: { ...b3r501, unit: '2' } },
  { input: '翠湖雅苑3栋第二单元501', expect: { ...b3r501, unit: '2' } },
  { input: '翠湖雅苑3栋第2单元501', expect: { ...b3r501, unit: '2' } },
  { input: '翠湖雅苑3栋2梯501', expect: { ...b3r501, unit: '2' } },
  { input: '翠湖雅苑3号楼2门501', expect: { ...b3r501, unit: '2' } },
  { input: '翠湖雅苑3栋2-501', expect: { ...b3r501, unit: '2' } },
  { input: '翠湖雅苑3栋-2单元-501室', expect: { ...b3r501, unit: '2', rest: undefined } },
  { input: '翠湖雅苑3栋十单元101', expect: { compound: '翠湖雅苑', building: '3', unit: '10', room: '101' } },
  { input: '翠湖雅苑3栋2单元', expect: { compound: '翠湖雅苑', building: '3', unit: '2' }, leafLevel: 61 },

  // --- room variants ----------------------------------------------------------
  { input: '翠湖雅苑3栋501室', expect: b3r501 },
  { input: '翠湖雅苑3栋501房', expect: b3r501 },
  { input: '翠湖雅苑3栋501号房', expect: b3r501 },
  { input: '翠湖雅苑3栋501号', expect: b3r501 },
  { input: '翠湖雅苑3栋501户', expect: b3r501 },
  { input: '翠湖雅苑3栋5楼01', expect: { ...b3r501, floor: '5' }, canonical: '翠湖雅苑3栋501室' },
  { input: '翠湖雅苑3栋5层01', expect: { ...b3r501, floor: '5' } },
  { input: '翠湖雅苑3栋5楼1号', expect: { ...b3r501, floor: '5' } },
  { input: '翠湖雅苑3栋5F01', expect: { ...b3r501, floor: '5' } },
  { input: '翠湖雅苑3栋五楼〇一室', expect: { ...b3r501, floor: '5' } },
  { input: '翠湖雅苑3栋5楼501', expect: { ...b3r501, floor: '5' } },
  { input: '翠湖雅苑3栋五零一室', expect: b3r501 },
  { input: '翠湖雅苑3栋五〇一房', expect: b3r501 },
  { input: '翠湖雅苑3-2-501', expect: { ...b3r501, unit: '2' }, canonical: '翠湖雅苑3栋2单元501室' },
  { input: '3-2-501', expect: { building: '3', unit: '2', room: '501' }, canonical: '3栋2单元501室', leafLevel: 62 },
  { input: '翠湖雅苑3-501', expect: b3r501 },
  { input: '翠湖雅苑3-501室', expect: b3r501 },
  { input: '翠湖雅苑3栋12楼01', expect: { compound: '翠湖雅苑', building: '3', floor: '12', room: '1201' } },
  { input: '翠湖雅苑3栋1201A', expect: { compound: '翠湖雅苑', building: '3', room: '1201A' } },
  { input: '翠湖雅苑3栋5楼', expect: { compound: '翠湖雅苑', building: '3', floor: '5', room: undefined }, canonical: '翠湖雅苑3栋5层', leafLevel: 50 },
  { input: '翠湖雅苑3栋地下一层', expect: { compound: '翠湖雅苑', building: '3', floor: '-1' }, canonical: '翠湖雅苑3栋地下1层' },
  { input: '翠湖雅苑3栋B2层', expect: { compound: '翠湖雅苑', building: '3', floor: '-2' } },
  { input: '501室', expect: { room: '501' }, canonical: '501室', leafLevel: 62 },

  // --- traditional characters -------------------------------------------------
  { input: '廣東省廣州市天河區石牌街道華師社區中山大道西55號華景新城3棟2單元501室', expect: { province: '广东省', county: '天河区', road: '中山大道西', compound: '华景新城' }, canonical: FULL },
  { input: '廣東省廣州市天河區石牌街道華師社區中山大道西五十五號華景新城三棟二單元五零一室', expect: { roadNumber: '55', building: '3', unit: '2', room: '501' }, canonical: FULL },
  { input: '臺灣省臺北市中正區重慶南路一段122號', expect: { province: '台湾省', city: '台北市', county: '中正区', road: '重庆南路1段', roadNumber: '122' } },
  { input: '翠湖雅苑三號樓五〇一室', expect: b3r501 },
  { input: '湖南省長沙縣黃興鎮石馬村三組', expect: { county: '长沙县', town: '黄兴镇', community: '石马村', villagerGroup: '3' } },
  { input: '上海市長寧區長樂路一二三弄四十五號六零一室', expect: { county: '长宁区', road: '长乐路', lane: '123弄', roadNumber: '45', room: '601' } },
  { input: '遼寧省瀋陽市瀋河區青年大街100號', expect: { province: '辽宁省', city: '沈阳市', county: '沈河区', road: '青年大街', roadNumber: '100' } },
  { input: '陝西省西安市雁塔區電子正街3號楓林新村5棟', expect: { province: '陕西省', county: '雁塔区', road: '电子正街', roadNumber: '3', compound: '枫林新村', building: '5' } },

  // --- full-width digits and letters -------------------------------------------
  { input: '广州市天河区中山大道西５５号', expect: { road: '中山大道西', roadNumber: '55' } },
  { input: '翠湖雅苑Ｂ座１２０１', expect: { compound: '翠湖雅苑', building: 'B', room: '1201' } },
  { input: '翠湖雅苑３－２－５０１', expect: { ...b3r501, unit: '2' } },
  { input: '翠湖雅苑３＃５０１', expect: b3r501 },
  { input: '翠湖雅苑３栋２单元５０１室', expect: { ...b3r501, unit: '2' } },
  { input: '中山路１２号之３', expect: { road: '中山路', roadNumber: '12-3' } },

  // --- spaces and punctuation noise --------------------------------------------
  { input: '  广东省 广州市  天河区 中山大道西 55号 ', expect: { province: '广东省', city: '广州市', county: '天河区', road: '中山大道西', roadNumber: '55', rest: undefined } },
  { input: '广东省，广州市，天河区，华景新城，3栋，501', expect: { county: '天河区', compound: '华景新城', building: '3', room: '501', rest: undefined } },
  { input: '广东省、广州市、天河区', expect: { province: '广东省', city: '广州市', county: '天河区' } },
  { input: '天河区中山大道西55号（华景新城）3栋2单元501室', expect: { roadNumber: '55', compound: '华景新城', building: '3', unit: '2', room: '501', rest: undefined } },
  { input: '天河区中山大道西55号(华景新城)3栋', expect: { compound: '华景新城', building: '3' } },
  { input: '翠湖雅苑 3 栋 2 单元 501 室', expect: { ...b3r501, unit: '2' } },
  { input: '地址：广州市天河区翠湖雅苑3栋501', expect: { city: '广州市', county: '天河区', ...b3r501, rest: undefined } },
  { input: '住址:翠湖雅苑3栋501', expect: { ...b3r501, rest: undefined } },
  { input: '翠湖雅苑\t3栋\n501', expect: b3r501 },
  { input: '翠湖雅苑3栋\u200b501室', expect: b3r501 },
  { input: '翠湖雅苑3栋—2单元—501室', expect: { ...b3r501, unit: '2' } },
  { input: '翠湖雅苑3/2/501', expect: { ...b3r501, unit: '2' } },
  { input: '【广州市】天河区《翠湖雅苑》3栋501。', expect: { city: '广州市', county: '天河区', ...b3r501, rest: undefined } },

  // --- missing levels -----------------------------------------------------------
  { input: '天河区中山大道西55号', expect: { province: undefined, city: undefined, county: '天河区', road: '中山大道西', roadNumber: '55' }, canonical: '天河区中山大道西55号', leafLevel: 40 },
  { input: '华景新城3栋501', expect: { compound: '华景新城', building: '3', room: '501', county: undefined }, canonical: '华景新城3栋501室' },
  { input: '广州市天河区翠湖雅苑3栋501', expect: { province: undefined, city: '广州市', county: '天河区', ...b3r501 } },
  { input: '广东省天河区中山大道西55号', expect: { province: '广东省', city: undefined, county: '天河区' } },
  { input: '广州市中山大道西55号', expect: { city: '广州市', county: undefined, road: '中山大道西', roadNumber: '55' } },
  { input: '中山大道西55号', expect: { road: '中山大道西', roadNumber: '55' }, leafLevel: 40 },
  { input: '中山大道西', expect: { road: '中山大道西' }, leafLevel: 40 },
  { input: '天河区翠湖雅苑', expect: { county: '天河区', compound: '翠湖雅苑' }, leafLevel: 42 },
  { input: '石牌街道华师社区', expect: { town: '石牌街道', community: '华师社区' }, leafLevel: 30 },
  { input: '石牌街道翠湖雅苑3栋501', expect: { town: '石牌街道', ...b3r501 } },
  { input: '华师社区翠湖雅苑3栋501', expect: { community: '华师社区', ...b3r501 } },
  { input: '天河区', expect: { county: '天河区' }, leafLevel: 10 },
  { input: '广东省', expect: { province: '广东省' }, leafLevel: 10 },
  { input: '云栖新城2期5栋1单元301', expect: { compound: '云栖新城2期', building: '5', unit: '1', room: '301' } },
  { input: '云栖新城北区5栋301', expect: { compound: '云栖新城北区', building: '5', room: '301', county: undefined } },
  { input: '云栖新城二期5栋', expect: { compound: '云栖新城2期', building: '5' } },
  { input: '中山路翠湖雅苑3栋501', expect: { road: '中山路', roadNumber: undefined, ...b3r501 } },
  { input: '翠湖雅苑501号', expect: { compound: '翠湖雅苑', building: undefined, room: '501' } },

  // --- rural addresses -----------------------------------------------------------
  { input: '湖南省长沙县黄兴镇石马村3组', expect: { province: '湖南省', city: undefined, county: '长沙县', town: '黄兴镇', community: '石马村', villagerGroup: '3' }, canonical: '湖南省长沙县黄兴镇石马村3组', leafLevel: 34 },
  { input: '湖南省长沙县黄兴镇石马村三组12号', expect: { villagerGroup: '3', roadNumber: '12' } },
  { input: '湖南省长沙县黄兴镇石马村第三村民小组', expect: { community: '石马村', villagerGroup: '3' }, canonical: '湖南省长沙县黄兴镇石马村3组' },
  { input: '湖南省长沙县黄兴镇石马村村民委员会第五村民小组', expect: { community: '石马村', villagerGroup: '5', rest: undefined } },
  { input: '湖南省长沙县黄兴镇石马村村委会', expect: { community: '石马村', rest: undefined }, leafLevel: 30 },
  { input: '四川省成都市双流区黄水镇清泉村5社', expect: { town: '黄水镇', community: '清泉村', villagerGroup: '5' } },
  { input: '四川省成都市双流区黄水镇清泉村五队', expect: { community: '清泉村', villagerGroup: '5' } },
  { input: '黑龙江省五常市杜家镇半截河子村李家屯', expect: { city: '五常市', town: '杜家镇', community: '半截河子村', naturalVillage: '李家屯' }, leafLevel: 44 },
  { input: '黑龙江省五常市杜家镇半截河子村3组李家屯12号', expect: { villagerGroup: '3', naturalVillage: '李家屯', roadNumber: '12' }, canonical: '黑龙江省五常市杜家镇半截河子村3组李家屯12号' },
  { input: '河北省保定市清苑区东闾乡东闾村张家庄', expect: { town: '东闾乡', community: '东闾村', naturalVillage: '张家庄' } },
  { input: '云南省大理白族自治州洱源县三营镇永乐村委会河头自然村', expect: { city: '大理白族自治州', county: '洱源县', town: '三营镇', community: '永乐村', naturalVillage: '河头自然村' } },
  { input: '湖南省长沙县黄兴镇石马村张家湾自然村8号', expect: { community: '石马村', naturalVillage: '张家湾自然村', roadNumber: '8' }, leafLevel: 44 },
  { input: '贵州省遵义市播州区龙坑街道石牌村张家组', expect: { town: '龙坑街道', community: '石牌村', villagerGroup: '张家' }, canonical: '贵州省遵义市播州区龙坑街道石牌村张家组' },
  { input: '江西省赣州市于都县罗坳镇大坪村大坪组8号', expect: { villagerGroup: '大坪', roadNumber: '8' } },
  { input: '石马村3组', expect: { community: '石马村', villagerGroup: '3' } },
  { input: '黄兴镇石马村', expect: { town: '黄兴镇', community: '石马村' } },
  { input: '内蒙古自治区鄂尔多斯市乌审旗嘎鲁图镇呼和嘎查', expect: { province: '内蒙古自治区', county: '乌审旗', town: '嘎鲁图镇', community: '呼和嘎查' } },
  { input: '广东省梅州市梅县区城东镇竹洋村', expect: { county: '梅县区', town: '城东镇', community: '竹洋村' } },
  { input: '湖南省长沙县黄兴镇石马村居委会', expect: { community: '石马村', rest: '居委会' } },
  { input: '某某县某某乡某某村', expect: { county: '某某县', town: '某某乡', community: '某某村' } },

  // --- door numbers (门牌号: 之/附/-) ---------------------------------------------
  { input: '中山路12号之3', expect: { road: '中山路', roadNumber: '12-3' }, canonical: '中山路12-3号' },
  { input: '中山路12号之三', expect: { roadNumber: '12-3' }, canonical: '中山路12-3号' },
  { input: '中山路12-3号', expect: { roadNumber: '12-3' }, canonical: '中山路12-3号' },
  { input: '中山路12号附3', expect: { roadNumber: '12-3' }, canonical: '中山路12-3号' },
  { input: '中山路12号附3号', expect: { roadNumber: '12-3' } },
  { input: '中山路12之3号', expect: { roadNumber: '12-3' } },
  { input: '中山路十二号', expect: { roadNumber: '12' } },
  { input: '中山路55', expect: { road: '中山路', roadNumber: '55' }, canonical: '中山路55号' },
  { input: '中山路12号附近', expect: { roadNumber: '12', rest: '附近' } },
  { input: '人民路北段88号', expect: { road: '人民路北段', roadNumber: '88' } },
  { input: '建设路三段12号', expect: { road: '建设路3段', roadNumber: '12' } },
  { input: '广州市天河区中山大道西55号之一翠湖雅苑3栋501', expect: { roadNumber: '55-1', ...b3r501 } },

  // --- unit yards ------------------------------------------------------------------
  { input: '北京市朝阳区建国路88号院3号楼2单元1201', expect: { road: '建国路', roadNumber: '88', yard: '88号院', building: '3', unit: '2', room: '1201' }, canonical: '北京市朝阳区建国路88号院3栋2单元1201室' },
  { input: '北京市海淀区学院路30号院3号楼2门501', expect: { yard: '30号院', building: '3', unit: '2', room: '501' } },
  { input: '某某厂家属院5栋3单元201', expect: { yard: '某某厂家属院', building: '5', unit: '3', room: '201' }, leafLevel: 62 },
  { input: '省委大院12号楼', expect: { yard: '省委大院', building: '12', province: undefined } },
  { input: '市政府宿舍3栋', expect: { yard: '市政府宿舍', building: '3', city: undefined } },
  { input: '人民医院家属区8栋', expect: { yard: '人民医院家属区', building: '8', county: undefined } },
  { input: '农科院大院3号楼2单元', expect: { yard: '农科院大院', building: '3', unit: '2' } },
  { input: '天河区中山大道西55号机关大院3栋', expect: { roadNumber: '55', yard: '机关大院', building: '3' }, leafLevel: 50 },
  { input: '北京市东城区东直门外大街42号院', expect: { road: '东直门外大街', roadNumber: '42', yard: '42号院' }, canonical: '北京市东城区东直门外大街42号院', leafLevel: 43 },

  // --- lanes (巷/弄/胡同/条) ----------------------------------------------------------
  { input: '上海市黄浦区南京东路100弄3号', expect: { road: '南京东路', lane: '100弄', roadNumber: '3' }, leafLevel: 41 },
  { input: '上海市长宁区长乐路一二三弄四十五号六零一室', expect: { road: '长乐路', lane: '123弄', roadNumber: '45', room: '601' } },
  { input: '长乐路128弄', expect: { road: '长乐路', lane: '128弄' }, leafLevel: 41 },
  { input: '中山路3巷5号', expect: { road: '中山路', lane: '3巷', roadNumber: '5' } },
  { input: '中山路第三巷5号', expect: { road: '中山路', lane: '3巷', roadNumber: '5' } },
  { input: '中山路三巷五号', expect: { lane: '3巷', roadNumber: '5' } },
  { input: '东风二巷8号', expect: { lane: '东风二巷', roadNumber: '8' } },
  { input: '北京市东城区史家胡同18号', expect: { county: '东城区', lane: '史家胡同', roadNumber: '18' } },
  { input: '北京市西城区西四北三条12号', expect: { lane: '西四北三条', roadNumber: '12' } },
  { input: '小桥巷6号', expect: { lane: '小桥巷', roadNumber: '6' } },

  // --- municipalities (直辖市) -------------------------------------------------------
  { input: '北京市朝阳区建国路88号', expect: { province: '北京市', city: '北京市', county: '朝阳区', road: '建国路' }, canonical: '北京市朝阳区建国路88号' },
  { input: '北京朝阳区建国路88号', expect: { province: '北京市', city: '北京市', county: '朝阳区' }, canonical: '北京市朝阳区建国路88号' },
  { input: '北京市市辖区东城区', expect: { province: '北京市', county: '东城区', rest: undefined }, canonical: '北京市东城区' },
  { input: '上海市浦东新区张江镇长乐路123弄45号601室', expect: { province: '上海市', city: '上海市', county: '浦东新区', town: '张江镇', lane: '123弄', roadNumber: '45', room: '601' } },
  { input: '上海浦东新区张江镇', expect: { province: '上海市', county: '浦东新区', town: '张江镇' } },
  { input: '天津市和平区南京路219号', expect: { province: '天津市', county: '和平区', road: '南京路', roadNumber: '219' } },
  { input: '天津市滨海新区塘沽街道', expect: { county: '滨海新区', town: '塘沽街道' } },
  { input: '重庆市巫山县龙门镇石马村3组', expect: { province: '重庆市', city: '重庆市', county: '巫山县', town: '龙门镇', community: '石马村', villagerGroup: '3' } },
  { input: '重庆市城口县葛城街道', expect: { county: '城口县', town: '葛城街道' } },
  { input: '重庆市渝中区解放碑民族路188号', expect: { county: '渝中区', road: '解放碑民族路', roadNumber: '188' } },

  // --- autonomous regions, 自治州, 自治县, 地区, 盟 ------------------------------------
  { input: '广西壮族自治区南宁市青秀区民族大道100号', expect: { province: '广西壮族自治区', city: '南宁市', county: '青秀区', road: '民族大道', roadNumber: '100' } },
  { input: '广西南宁市青秀区', expect: { province: '广西壮族自治区', city: '南宁市' } },
  { input: '新疆维吾尔自治区乌鲁木齐市天山区', expect: { province: '新疆维吾尔自治区', city: '乌鲁木齐市', county: '天山区' } },
  { input: '新疆阿克苏地区阿克苏市', expect: { province: '新疆维吾尔自治区', city: '阿克苏地区', county: '阿克苏市' } },
  { input: '内蒙古自治区呼和浩特市新城区', expect: { province: '内蒙古自治区', city: '呼和浩特市', county: '新城区' } },
  { input: '内蒙古呼伦贝尔市鄂温克族自治旗', expect: { province: '内蒙古自治区', county: '鄂温克族自治旗' } },
  { input: '内蒙古锡林郭勒盟锡林浩特市', expect: { city: '锡林郭勒盟', county: '锡林浩特市' } },
  { input: '西藏自治区拉萨市城关区', expect: { province: '西藏自治区', city: '拉萨市', county: '城关区' } },
  { input: '宁夏回族自治区银川市兴庆区', expect: { province: '宁夏回族自治区', city: '银川市', county: '兴庆区' } },
  { input: '四川省凉山彝族自治州西昌市', expect: { city: '凉山彝族自治州', county: '西昌市' } },
  { input: '湖北省恩施土家族苗族自治州来凤县', expect: { city: '恩施土家族苗族自治州', county: '来凤县' } },
  { input: '吉林省延边朝鲜族自治州延吉市', expect: { province: '吉林省', city: '延边朝鲜族自治州', county: '延吉市' } },
  { input: '四川省乐山市峨边彝族自治县沙坪镇', expect: { city: '乐山市', county: '峨边彝族自治县', town: '沙坪镇' } },
  { input: '海南藏族自治州共和县', expect: { province: undefined, city: '海南藏族自治州', county: '共和县' } },
  { input: '黑龙江省大兴安岭地区漠河市', expect: { province: '黑龙江省', city: '大兴安岭地区', county: '漠河市' } },

  // --- other divisions: county-level cities, names with 市/区 inside ---------------------
  { input: '江苏省苏州市昆山市玉山镇', expect: { city: '苏州市', county: '昆山市', town: '玉山镇' } },
  { input: '吉林市船营区', expect: { province: undefined, city: '吉林市', county: '船营区' } },
  { input: '山东省济南市市中区', expect: { city: '济南市', county: '市中区' } },
  { input: '湖北省荆州市沙市区', expect: { city: '荆州市', county: '沙市区' } },
  { input: '福建省福州市鼓楼区', expect: { city: '福州市', county: '鼓楼区' } },
  { input: '市场路3号', expect: { road: '市场路', roadNumber: '3', city: undefined } },
  { input: '县前街12号', expect: { road: '县前街', roadNumber: '12', county: undefined } },
  { input: '镇海路8号', expect: { road: '镇海路', roadNumber: '8', town: undefined } },
  { input: '万科城市花园3栋', expect: { city: undefined, compound: '万科城市花园', building: '3' } },
  { input: '城市花园3栋501', expect: { city: undefined, compound: '城市花园', building: '3', room: '501' } },
  { input: '107国道12号', expect: { road: '107国道', roadNumber: '12' } },

  // --- numerals inside names must NOT be converted --------------------------------------
  { input: '广州市白云区三元里大道88号', expect: { road: '三元里大道', roadNumber: '88' }, canonical: '广州市白云区三元里大道88号' },
  { input: '广州市白云区三元里街道', expect: { town: '三元里街道' } },
  { input: '五一路12号', expect: { road: '五一路', roadNumber: '12' }, canonical: '五一路12号' },
  { input: '广州市越秀区中山一路33号', expect: { road: '中山一路', roadNumber: '33' } },
  { input: '广州市越秀区中山五路二号', expect: { road: '中山五路', roadNumber: '2' }, canonical: '广州市越秀区中山五路2号' },
  { input: '河南省郑州市二七区大学路12号', expect: { county: '二七区', road: '大学路' } },
  { input: '甘肃省兰州市七里河区西津西路8号', expect: { county: '七里河区', road: '西津西路' } },
  { input: '重庆市九龙坡区杨家坪街道', expect: { county: '九龙坡区', town: '杨家坪街道' } },
  { input: '湖北省十堰市张湾区', expect: { city: '十堰市', county: '张湾区' } },
  { input: '贵州省六盘水市钟山区', expect: { city: '六盘水市' } },
  { input: '河南省三门峡市湖滨区', expect: { city: '三门峡市' } },
  { input: '江西省南昌市东湖区八一大道100号', expect: { road: '八一大道', roadNumber: '100' } },
  { input: '福建省福州市鼓楼区三坊七巷南后街10号', expect: { county: '鼓楼区', road: '三坊七巷南后街', roadNumber: '10' } },
  { input: '贵州省黔东南苗族侗族自治州雷山县西江镇西江千户苗寨', expect: { town: '西江镇', rest: '西江千户苗寨' } },
  { input: '广州市天河区第一中学', expect: { county: '天河区', rest: '第一中学' } },
  { input: '北京市东城区东四十条15号', expect: { lane: '东四十条', roadNumber: '15' } },
  { input: '一品苑3栋2单元102', expect: { compound: '一品苑', building: '3', unit: '2', room: '102' } },
  { input: '四季花城5栋', expect: { compound: '四季花城', building: '5' } },
  { input: '百花小区8栋301', expect: { compound: '百花小区', building: '8', room: '301' } },
  { input: '九龙湾花园2座1501', expect: { compound: '九龙湾花园', building: '2', room: '1501' } },
  { input: '七星岗社区', expect: { community: '七星岗社区' } },
  { input: '五一新村3栋', expect: { compound: '五一新村', building: '3' } },
  { input: '两河口镇', expect: { town: '两河口镇' } },
  { input: '广东省湛江市徐闻县下洋镇六一村', expect: { community: '六一村' } },
  { input: '北京市朝阳区三里屯路19号院3号楼', expect: { road: '三里屯路', yard: '19号院', building: '3' } },
  { input: '万达广场A座1203', expect: { compound: '万达广场', building: 'A', room: '1203' } },

  // --- real-world shapes ------------------------------------------------------------------
  { input: '广州市天河区天河路385号太古汇一座20楼', expect: { road: '天河路', roadNumber: '385', compound: '太古汇', building: '1', floor: '20', rest: undefined }, canonical: '广州市天河区天河路385号太古汇1栋20层' },
  { input: '北京市朝阳区望京街道望京西园三区311号楼2单元501', expect: { town: '望京街道', compound: '望京西园3区', building: '311', unit: '2', room: '501' } },
  { input: '望京西园三区311号楼', expect: { county: undefined, compound: '望京西园3区', building: '311' } },
  { input: '上海市闵行区莘庄镇莘松路380弄12号601室', expect: { town: '莘庄镇', road: '莘松路', lane: '380弄', roadNumber: '12', room: '601' } },
  { input: '深圳市南山区粤海街道科技园社区科苑路15号科兴科学园B栋3单元1001', expect: { community: '科技园社区', road: '科苑路', compound: '科兴科学园', building: 'B', unit: '3', room: '1001' } },
  { input: '成都市锦江区春熙路街道红星路三段1号IFS国际金融中心一号楼', expect: { town: '春熙路街道', road: '红星路3段', roadNumber: '1', compound: 'IFS国际金融中心', building: '1' } },
  { input: '510630 广东省广州市天河区中山大道西55号', expect: { province: '广东省', roadNumber: '55', rest: undefined } },
  { input: '金桂花园3期B区5栋', expect: { compound: '金桂花园3期B区', building: '5' } },
  { input: '朝阳区建国门外大街1号国贸大厦A座3001', expect: { road: '建国门外大街', roadNumber: '1', compound: '国贸大厦', building: 'A', room: '3001' } },
  { input: '某某大厦15楼1501', expect: { compound: '某某大厦', floor: '15', room: '1501' } },
  { input: '1号楼1单元101', expect: { building: '1', unit: '1', room: '101' } },
  { input: '中山路与人民路交叉口', expect: { road: '中山路', rest: '与人民路交叉口' } },

  // --- empty and unparsable ------------------------------------------------------------
  { input: '随便写的一些字', expect: { rest: '随便写的一些字' } },
  { input: '翠湖雅苑3栋501对面小卖部', expect: { ...b3r501, rest: '对面小卖部' } },
];
