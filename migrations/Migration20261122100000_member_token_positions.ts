import { Migration } from '@mikro-orm/migrations';

/**
 * Blocking tokens by position: `match_member.tokens[k]` is the token of the model's blocking rule k
 * (null when the record has no key for it), looked up by one btree per position instead of a GIN
 * over the whole array. At 1.8M members the GIN took 28–40 s to rebuild after a first build's bulk
 * load; the eight partial expression indexes take a few seconds together.
 * Stored tokens were not positional: every member is marked for re-resolution (revision -1), so the
 * next run — incremental or full — rewrites them before any lookup relies on them.
 */
export class Migration20261122100000_member_token_positions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "match_member_tokens_gin";`);
    // Partial: a position no rule of a model uses (most of 5–8) costs nothing to build or keep.
    for (let k = 1; k <= 8; k++) this.addSql(`create index "match_member_token_${k}" on "match_member" ((tokens[${k}])) where tokens[${k}] is not null;`);
    this.addSql(`update "match_member" set "revision" = -1;`);
  }

  override async down(): Promise<void> {
    for (let k = 1; k <= 8; k++) this.addSql(`drop index if exists "match_member_token_${k}";`);
    this.addSql(`create index "match_member_tokens_gin" on "match_member" using gin (tokens);`);
    this.addSql(`update "match_member" set "revision" = -1;`);
  }

}
