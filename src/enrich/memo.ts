// The text stage's memo: the expensive pure functions of a text's enrichment
// (compromise's parses behind an event clause's judgement, chrono-node's dates
// of a sentence, a statement's wording) kept by their real inputs, so a text
// processed again after a one-word change reads again only the sentences that
// changed. A memo belongs to one text's processing (`withMemo`): it serves what
// the text's last processing kept (`previous`) and keeps what this one asks
// (`used`), which becomes the next one's `previous` (../watch/memo-store.ts keeps
// it in memory and on disk). Outside `withMemo` every function is computed as
// before. A key holds every input that changes the value (the sentence, the
// offsets, the year it is read against, the lexicon's words it reads); the
// code and the packages are not in the key: a memo kept on disk is filed under
// their version.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";

/** Values by key, each key led by its function's name. */
export type MemoTable = Map<string, unknown>;

export class TextMemo {
  /** The values this processing asked for: the next processing's `previous`. */
  readonly used: MemoTable = new Map();
  /** Per function: values computed, and values served without computing (from `previous`, or asked again). */
  readonly counts = new Map<string, { hits: number; misses: number }>();

  constructor(private readonly previous: MemoTable = new Map()) {}

  get<T>(name: string, key: string, compute: () => T): T {
    let count = this.counts.get(name);
    if (!count) this.counts.set(name, (count = { hits: 0, misses: 0 }));
    if (this.used.has(key)) {
      count.hits++;
      return this.used.get(key) as T;
    }
    let value: T;
    if (this.previous.has(key)) {
      value = this.previous.get(key) as T;
      count.hits++;
    } else {
      value = compute();
      count.misses++;
    }
    this.used.set(key, value);
    return value;
  }
}

const current = new AsyncLocalStorage<TextMemo>();

/** Runs one text's processing with `memo` serving the memoised functions. */
export function withMemo<T>(memo: TextMemo, work: () => T): T {
  return current.run(memo, work);
}

/**
 * `compute` kept by `keyOf` of its arguments while a memo is current. `copy`
 * gives the caller its own copy of a value it may change (kept values are
 * shared and serialised as they are).
 */
export function memoised<A extends unknown[], R>(name: string, keyOf: (...args: A) => string, compute: (...args: A) => R, copy?: (value: R) => R): (...args: A) => R {
  return (...args: A): R => {
    const memo = current.getStore();
    if (!memo) return compute(...args);
    const key = keyOf(...args);
    // A long key (a sentence) is kept as its digest: the memo on disk stays a fraction of its text's size.
    const value = memo.get(name, `${name}\0${key.length > 48 ? createHash("sha256").update(key).digest("base64url").slice(0, 24) : key}`, () => compute(...args));
    return copy ? copy(value) : value;
  };
}

const listKeys = new WeakMap<readonly string[], string>();

/** A word list (the lexicon's) as part of a key, joined once per list. */
export function listKey(words: readonly string[]): string {
  let key = listKeys.get(words);
  if (key === undefined) listKeys.set(words, (key = JSON.stringify(words)));
  return key;
}
