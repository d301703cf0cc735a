/**
 * Bench: nanoseconds per call of the hot-path comparators of entity resolution (jaroWinkler,
 * levenshtein bounded and unbounded, damerauLevenshtein, addressAgreement, homophone) on
 * realistic name and address pairs (addresses parsed once up front; name pinyin is memoised, as
 * in production). Iterations per comparator from argv[2] (default 1,000,000). Never asserts.
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/comparators.js [iterations]
 */
import type { AddressComponents } from '../src/domain/address/address-components';
import { parseAddress } from '../src/domain/address/parse-address';
import { addressAgreement, damerauLevenshtein, homophone, jaroWinkler, levenshtein } from '../src/resolve/compare';
import { printBenchLine, type BenchFigure } from './support/bench-line';

const NAMES: ReadonlyArray<readonly [string, string]> = [
  ['张伟', '张玮'],
  ['李静', '李婧'],
  ['王伟', '王伟'],
  ['蒋经国', '蒋纬国'],
  ['王建国', '王国建'],
  ['欧阳修', '欧阳秀'],
  ['刘德华', '刘德桦'],
  ['陈小明', '陈晓明'],
  ['买买提·艾力', '买买提·艾丽'],
  ['赵敏', '周敏'],
];

const LATIN: ReadonlyArray<readonly [string, string]> = [
  ['MARTHA', 'MARHTA'],
  ['DIXON', 'DICKSONX'],
  ['DWAYNE', 'DUANE'],
  ['JOHNSMITH', 'JONSMYTH'],
  ['13812345678', '13812354678'],
  ['11010519491231002X', '110105194912310021'],
];

const ADDRESSES: ReadonlyArray<readonly [string, string]> = [
  ['广东省广州市天河区石牌街道华师社区中山大道西55号华景新城3栋2单元501室', '广州市天河区华景新城3栋2单元501室'],
  ['华景新城3栋2单元501室', '华景新城3栋2单元502室'],
  ['天河区华景新城3栋501', '越秀区华景新城3栋501'],
  ['长沙县黄兴镇石马村3组25号', '石马村3组25号'],
  ['石牌街道华师社区华景新城3栋501', '石牌街道华师社区翠湖雅苑3栋501'],
  ['建国路88号院3号楼501', '北京市海淀区机关大院3号楼501室'],
  ['中山大道西55号', '天河区中山大道西57号'],
  ['黄兴镇石马村张家湾自然村12号', '张家湾自然村12号'],
];

let sink = 0;
const figures: BenchFigure[] = [];

function measure(label: string, iterations: number, body: (i: number) => number): void {
  for (let i = 0; i < Math.min(iterations, 200_000); i++) sink += body(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += body(i);
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  process.stdout.write(`${label.padEnd(36)} ${ns.toFixed(1).padStart(8)} ns/call\n`);
  figures.push({ name: label, value: Math.round(ns * 10) / 10, unit: 'ns/call', better: 'lower' });
}

function main(): void {
  const iterations = Number(process.argv[2] ?? 1_000_000);
  const strings = [...NAMES, ...LATIN];
  const addresses: ReadonlyArray<readonly [AddressComponents, AddressComponents]> = ADDRESSES.map(
    ([a, b]) => [parseAddress(a).components, parseAddress(b).components] as const,
  );
  process.stdout.write(`comparators, ${iterations} calls each, node ${process.version}\n`);
  measure('jaroWinkler', iterations, (i) => {
    const p = strings[i % strings.length];
    return jaroWinkler(p[0], p[1]);
  });
  measure('levenshtein', iterations, (i) => {
    const p = strings[i % strings.length];
    return levenshtein(p[0], p[1]);
  });
  measure('levenshtein (max 2)', iterations, (i) => {
    const p = strings[i % strings.length];
    return levenshtein(p[0], p[1], 2);
  });
  measure('damerauLevenshtein (max 2)', iterations, (i) => {
    const p = strings[i % strings.length];
    return damerauLevenshtein(p[0], p[1], 2);
  });
  measure('addressAgreement', iterations, (i) => {
    const p = addresses[i % addresses.length];
    return addressAgreement(p[0], p[1]).length;
  });
  measure('homophone (memoised pinyin)', iterations, (i) => {
    const p = NAMES[i % NAMES.length];
    return homophone(p[0], p[1]) ? 1 : 0;
  });
  process.stdout.write(`(checksum ${sink})\n`);
  printBenchLine('comparators', figures);
}

main();
