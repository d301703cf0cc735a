/** The S-district fixture: synced and resolved once, cloned per file. */
import { openSDistrictOrm } from '../../support/s-district';

test('the synced and resolved S district has golden persons, organisations and addresses', async () => {
  const t0 = Date.now();
  const s = await openSDistrictOrm();
  try {
    const q = async (sql: string) => Number((await s.orm.em.getConnection().execute<Array<{ n: string }>>(sql))[0].n);
    const persons = await q('select count(*) n from person where merged_into_id is null');
    const orgs = await q('select count(*) n from organisation where merged_into_id is null');
    const addresses = await q('select count(*) n from standard_address');
    process.stdout.write(`S district ready in ${Date.now() - t0} ms: ${persons} persons, ${orgs} organisations, ${addresses} addresses\n`);
    expect(persons).toBeGreaterThan(4000);
    expect(orgs).toBeGreaterThan(100);
    expect(addresses).toBeGreaterThan(2000);
  } finally {
    await s.close();
  }
}, 600000);
