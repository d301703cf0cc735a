/** The `orgName` prepare step: one key for the ways registries write the same organisation's name. */
import { compilePreparation, organisationNameKey } from '../../../../src/resolve/prepare/prepare-steps';

describe('orgName', () => {
  it.each([
    ['南溪金湾鑫达科技有限公司', '南溪金湾鑫达科技有限公司'],
    ['南溪金湾鑫达科技有限责任公司', '南溪金湾鑫达科技有限公司'],
    ['金湾鑫达科技（南溪）有限公司', '南溪金湾鑫达科技有限公司'],
    ['金湾鑫达科技(南溪)有限责任公司', '南溪金湾鑫达科技有限公司'],
    ['南溪金灣鑫達科技有限公司', '南溪金湾鑫达科技有限公司'],
    ['南溪市金湾鑫达科技有限公司', '南溪金湾鑫达科技有限公司'],
    ['广东省南溪金湾鑫达科技有限公司', '南溪金湾鑫达科技有限公司'],
    ['天元区王记便利店', '王记便利店'],
    ['王记便利店（个体工商户）', '王记便利店'],
    ['天元區 王記便利店', '王记便利店'],
    ['南溪新区(普通合伙)', '南溪新区'],
  ])('%s → %s', (name, key) => {
    expect(organisationNameKey(name)).toBe(key);
  });

  it('keeps what tells organisations apart: branches, different trades', () => {
    expect(organisationNameKey('南溪金湾鑫达科技有限公司(天元分公司)')).not.toBe(organisationNameKey('南溪金湾鑫达科技有限公司'));
    expect(organisationNameKey('王记便利店(总店)')).not.toBe(organisationNameKey('王记便利店'));
    expect(organisationNameKey('天元区王记面馆')).not.toBe(organisationNameKey('天元区王记便利店'));
  });

  it('is a prepare step (empty → null)', () => {
    const prep = compilePreparation(['orgName']);
    expect(prep('天元区王记便利店（个体工商户）')).toBe('王记便利店');
    expect(prep('  ')).toBeNull();
  });
});
