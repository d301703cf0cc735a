/**
 * `buildAddressIndex(entries)`: the standard address register (标准地址, e.g. the police `bzdz`
 * stream) as a trie of local paths, built for matching free text onto it (`matchAddress`).
 *
 * Layout (memory-lean: a few typed arrays and one id string per address, no parsed addresses):
 * - tokens (`R嘉馥路`, `#100`, `B5`, `r603` …) are interned: a few thousand distinct strings even
 *   for millions of addresses;
 * - a *node* is one local path; nodes live in typed arrays (parent node, token) and the edges
 *   (parent node, token) → child node in one open-addressing hash table of Int32Arrays. Node 0 is
 *   the root (the empty local path: administrative areas);
 * - a node holds the register entries whose text has that local path: usually one, several when
 *   the same local path exists in two communities (or towns, counties …), which only the
 *   administrative part can tell apart;
 * - an entry keeps its id, GA/T level and an interned administrative tuple (province, city,
 *   county, town, community). Where its own text leaves administrative levels out (noisy
 *   registers drop 街道/社区 too), they are inherited from its parent entry;
 * - side tables for the matcher's fallbacks: anchor tokens (compound, yard, road, lane, natural
 *   village) → their nodes, and nodes → their children of kinds that free text often omits
 *   (unit, compound, natural village).
 */
import { parseAddress, type AddressComponents } from '../../domain/address';
import {
  ANCHOR_KINDS, SKIPPABLE_KINDS, adminTuple, kindOfToken, localTokens, type AdminTuple, type TokenKind,
} from './address-tokens';

export interface StandardAddressEntry {
  /** The register's id of the address (e.g. the police DZBM, or a hub id). */
  id: string;
  /** GA/T 2000.32 level code (10 … 62). */
  level: number;
  /** Id of the parent address in the register, null for a root. */
  parentId: string | null;
  /** The standard full text (DZQC). Parsed with `parseAddress` unless `components` is given. */
  text: string;
  /** Components already parsed from `text` (e.g. stored next to the canonical text). */
  components?: AddressComponents;
}

export const ROOT_NODE = 0;

/** (parent node, token) → child node: open addressing, linear probing, power-of-two capacity. */
class EdgeTable {
  private parents: Int32Array;
  private tokens: Int32Array;
  private children: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    this.parents = new Int32Array(capacity).fill(-1);
    this.tokens = new Int32Array(capacity);
    this.children = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  private static hash(parent: number, token: number): number {
    return (Math.imul(parent, 0x9e3779b1) ^ Math.imul(token + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
  }

  get(parent: number, token: number): number {
    let i = EdgeTable.hash(parent, token) & this.mask;
    for (;;) {
      const p = this.parents[i];
      if (p === -1) return -1;
      if (p === parent && this.tokens[i] === token) return this.children[i];
      i = (i + 1) & this.mask;
    }
  }

  set(parent: number, token: number, child: number): void {
    if ((this.size + 1) * 2 > this.parents.length) this.grow();
    let i = EdgeTable.hash(parent, token) & this.mask;
    while (this.parents[i] !== -1) {
      if (this.parents[i] === parent && this.tokens[i] === token) {
        this.children[i] = child;
        return;
      }
      i = (i + 1) & this.mask;
    }
    this.parents[i] = parent;
    this.tokens[i] = token;
    this.children[i] = child;
    this.size++;
  }

  private grow(): void {
    const { parents, tokens, children } = this;
    const capacity = parents.length * 2;
    this.parents = new Int32Array(capacity).fill(-1);
    this.tokens = new Int32Array(capacity);
    this.children = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let i = 0; i < parents.length; i++) if (parents[i] !== -1) this.set(parents[i], tokens[i], children[i]);
  }

  get bytes(): number {
    return this.parents.byteLength * 3;
  }
}

function grown<T extends Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

const ADMIN_SEP = '\u0001';

/** Sizes of an index (for benches and logs). */
export interface AddressIndexStats {
  entries: number;
  nodes: number;
  tokens: number;
  adminTuples: number;
  /** Nodes holding more than one entry (same local path in several administrative areas). */
  sharedNodes: number;
  /** Bytes of the typed arrays (strings and maps not counted). */
  typedArrayBytes: number;
}

export class AddressIndex {
  // tokens
  private readonly tokenIds = new Map<string, number>();
  private readonly tokenText: string[] = [];
  private readonly tokenKinds: TokenKind[] = [];
  // nodes
  private nodeParent = new Int32Array(1024);
  private nodeToken = new Int32Array(1024);
  /** -1: no entry; >= 0: the entry; <= -2: entries in `shared[-2 - v]`. */
  private nodeEntry = new Int32Array(1024);
  private nodes = 1;
  private readonly edges = new EdgeTable();
  private readonly shared: number[][] = [];
  private readonly anchors = new Map<number, number[]>();
  private readonly skippable = new Map<number, number[]>();
  // entries
  private readonly ids: string[] = [];
  private entryLevel = new Uint8Array(1024);
  private entryAdmin = new Int32Array(1024);
  private entryNode = new Int32Array(1024);
  // administrative tuples
  private readonly adminIds = new Map<string, number>();
  private readonly adminTuples: AdminTuple[] = [];
  /** Entries whose text leaves administrative levels out → their parent id, until `finish()`. */
  private readonly pendingParents = new Map<number, string>();

  constructor() {
    this.nodeParent[0] = -1;
    this.nodeToken[0] = -1;
    this.nodeEntry[0] = -1;
  }

  // ---- building --------------------------------------------------------------------------

  /**
   * Adds (or, same id at the same local path, replaces) one register entry. Call `finish()` after
   * a batch of adds (`buildAddressIndex` does).
   */
  add(e: StandardAddressEntry): void {
    const c = e.components ?? parseAddress(e.text).components;
    let node = ROOT_NODE;
    for (const t of localTokens(c)) node = this.childOrNew(node, this.internToken(t));
    const tuple = adminTuple(c);
    const admin = this.internAdmin(tuple);
    const incomplete = e.parentId !== null && e.parentId !== '' && tuple.includes(undefined);
    const existing = this.findAt(node, e.id);
    if (existing >= 0) {
      this.entryLevel[existing] = e.level;
      this.entryAdmin[existing] = admin;
      if (incomplete) this.pendingParents.set(existing, e.parentId as string);
      return;
    }
    const k = this.ids.length;
    this.ids.push(e.id);
    this.entryLevel = grown(this.entryLevel, k + 1);
    this.entryAdmin = grown(this.entryAdmin, k + 1);
    this.entryNode = grown(this.entryNode, k + 1);
    this.entryLevel[k] = e.level;
    this.entryAdmin[k] = admin;
    this.entryNode[k] = node;
    if (incomplete) this.pendingParents.set(k, e.parentId as string);
    const v = this.nodeEntry[node];
    if (v === -1) this.nodeEntry[node] = k;
    else if (v >= 0) {
      this.nodeEntry[node] = -2 - this.shared.length;
      this.shared.push([v, k]);
    } else (this.shared[-2 - v] as number[]).push(k);
  }

  /** Fills administrative levels the texts of the entries added since the last call leave out, from their parent entries. */
  finish(): this {
    const pending = this.pendingParents;
    const resolve = (k: number, depth: number): void => {
      const parentId = pending.get(k);
      if (parentId === undefined) return;
      pending.delete(k);
      const p = this.findParent(k, parentId);
      if (p < 0) return;
      if (depth < 16) resolve(p, depth + 1);
      const own = this.adminTuples[this.entryAdmin[k]] as AdminTuple;
      const up = this.adminTuples[this.entryAdmin[p]] as AdminTuple;
      let changed = false;
      const merged = own.map((v, i) => {
        if (v !== undefined || up[i] === undefined) return v;
        changed = true;
        return up[i];
      });
      if (changed) this.entryAdmin[k] = this.internAdmin(merged);
    };
    for (const k of [...pending.keys()]) resolve(k, 0);
    return this;
  }

  private internToken(t: string): number {
    let id = this.tokenIds.get(t);
    if (id === undefined) {
      id = this.tokenText.length;
      this.tokenIds.set(t, id);
      this.tokenText.push(t);
      this.tokenKinds.push(kindOfToken(t));
    }
    return id;
  }

  private internAdmin(a: AdminTuple): number {
    const key = a.map((v) => v ?? '').join(ADMIN_SEP);
    let id = this.adminIds.get(key);
    if (id === undefined) {
      id = this.adminTuples.length;
      this.adminIds.set(key, id);
      this.adminTuples.push(Object.freeze([...a]));
    }
    return id;
  }

  private childOrNew(parent: number, token: number): number {
    const found = this.edges.get(parent, token);
    if (found >= 0) return found;
    const n = this.nodes++;
    this.nodeParent = grown(this.nodeParent, n + 1);
    this.nodeToken = grown(this.nodeToken, n + 1);
    this.nodeEntry = grown(this.nodeEntry, n + 1);
    this.nodeParent[n] = parent;
    this.nodeToken[n] = token;
    this.nodeEntry[n] = -1;
    this.edges.set(parent, token, n);
    const kind = this.tokenKinds[token] as TokenKind;
    if (ANCHOR_KINDS.has(kind)) pushTo(this.anchors, token, n);
    if (SKIPPABLE_KINDS.has(kind)) pushTo(this.skippable, parent, n);
    return n;
  }

  private findAt(node: number, id: string): number {
    const v = this.nodeEntry[node];
    if (v === -1) return -1;
    if (v >= 0) return this.ids[v] === id ? v : -1;
    for (const k of this.shared[-2 - v] as number[]) if (this.ids[k] === id) return k;
    return -1;
  }

  /** The parent entry: normally at the parent node (or higher, when the text skipped levels). */
  private findParent(k: number, parentId: string): number {
    for (let n = this.nodeParent[this.entryNode[k]]; n >= 0; n = this.nodeParent[n]) {
      const p = this.findAt(n, parentId);
      if (p >= 0) return p;
    }
    // The parent's own text may have a different local path (noise): same node as the entry.
    return this.findAt(this.entryNode[k], parentId);
  }

  // ---- reading (used by matchAddress) ----------------------------------------------------

  /** Interned id of a token, -1 when no address in the register has it. */
  tokenId(token: string): number {
    return this.tokenIds.get(token) ?? -1;
  }

  tokenOf(node: number): number {
    return this.nodeToken[node];
  }

  tokenKind(token: number): TokenKind {
    return this.tokenKinds[token] as TokenKind;
  }

  tokenString(token: number): string {
    return this.tokenText[token] as string;
  }

  parentOf(node: number): number {
    return this.nodeParent[node];
  }

  child(node: number, token: number): number {
    return this.edges.get(node, token);
  }

  /** Nodes whose last token is `token` (anchor kinds only). */
  anchorNodes(token: number): readonly number[] {
    return this.anchors.get(token) ?? EMPTY;
  }

  /** Children of `node` of a kind free text may leave out (unit, compound, natural village). */
  skippableChildren(node: number): readonly number[] {
    return this.skippable.get(node) ?? EMPTY;
  }

  /** Calls `f` for each entry at `node`. */
  forEachEntry(node: number, f: (entry: number) => void): void {
    const v = this.nodeEntry[node];
    if (v === -1) return;
    if (v >= 0) f(v);
    else for (const k of this.shared[-2 - v] as number[]) f(k);
  }

  entryCountAt(node: number): number {
    const v = this.nodeEntry[node];
    return v === -1 ? 0 : v >= 0 ? 1 : (this.shared[-2 - v] as number[]).length;
  }

  /** The single entry at a node (>= 0), -1 for none, <= -2 for several. */
  entryAt(node: number): number {
    return this.nodeEntry[node];
  }

  entriesAt(node: number): readonly number[] {
    const v = this.nodeEntry[node];
    return v === -1 ? EMPTY : v >= 0 ? [v] : (this.shared[-2 - v] as number[]);
  }

  idOf(entry: number): string {
    return this.ids[entry] as string;
  }

  levelOf(entry: number): number {
    return this.entryLevel[entry];
  }

  adminOf(entry: number): AdminTuple {
    return this.adminTuples[this.entryAdmin[entry]] as AdminTuple;
  }

  get size(): number {
    return this.ids.length;
  }

  stats(): AddressIndexStats {
    let sharedNodes = 0;
    for (const s of this.shared) if (s.length > 1) sharedNodes++;
    return {
      entries: this.ids.length,
      nodes: this.nodes,
      tokens: this.tokenText.length,
      adminTuples: this.adminTuples.length,
      sharedNodes,
      typedArrayBytes: this.nodeParent.byteLength * 3 + this.entryLevel.byteLength + this.entryAdmin.byteLength * 2 + this.edges.bytes,
    };
  }
}

const EMPTY: readonly number[] = Object.freeze([]);

function pushTo(m: Map<number, number[]>, key: number, value: number): void {
  const list = m.get(key);
  if (list === undefined) m.set(key, [value]);
  else list.push(value);
}

/** Builds the index of a standard address register (any order of entries; parents need not come first). */
export function buildAddressIndex(entries: Iterable<StandardAddressEntry>): AddressIndex {
  const index = new AddressIndex();
  for (const e of entries) index.add(e);
  return index.finish();
}
