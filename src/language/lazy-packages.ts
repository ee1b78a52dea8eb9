// compromise and chrono-node, loaded at their first use instead of with the
// pipeline: their set-up (lexicons, grammars) takes a few hundred ms, which a
// command that processes no text (every text taken from the cache, `--help`)
// does not pay. Node's require loads them synchronously, so callers stay
// synchronous; the same package versions as their ESM entries.
import { createRequire } from "node:module";
import type Compromise from "compromise";
import type * as Chrono from "chrono-node";

const require = createRequire(import.meta.url);

let compromise: typeof Compromise | undefined;
let chrono: typeof Chrono | undefined;

/** compromise's `nlp(text)`. */
export const nlp = (text: string) => (compromise ??= require("compromise") as typeof Compromise)(text);

/** compromise's lexicon: one word's tag by a lookup, without a parse. */
export const compromiseLexicon = () =>
  ((compromise ??= require("compromise") as typeof Compromise) as unknown as { model(): { one: { lexicon: Record<string, string | undefined> } } }).model().one.lexicon;

/** chrono-node's British English parser. */
export const chronoGB = {
  parse: (...args: Parameters<typeof Chrono.en.GB.parse>) => (chrono ??= require("chrono-node") as typeof Chrono).en.GB.parse(...args),
};
