// The word ledger (`edition check`): for each text, its raw words, the words
// of its division in the book, and the words each clean-up rule took, with
// the raw lines of each removal. A raw word that is neither in the book nor
// taken by a reported rule (or a listed correction) is unaccounted for: the
// promise that nothing real is deleted is that there are none. Words are
// runs of letters and digits, lower-cased, compared as multisets (order and
// punctuation aside, so typography and note numbering change nothing).
import type { Root as HastRoot } from "hast";
import { select } from "hast-util-select";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { textDivisionIds } from "../book/assemble-book.js";
import type { TextEntry } from "../manifest/manifest-schema.js";
import { wordsOf } from "../restore/removals.js";

export interface RuleTally {
  rule: string;
  words: number;
  /** Each removal's raw lines: `12` or `12-40`. */
  lines: string[];
  /** Where the words moved (still in the book), when they were not removed. */
  moved?: string;
}

export interface TextLedger {
  id: string;
  path: string;
  raw: number;
  edition: number;
  rules: RuleTally[];
  /** Raw words in neither the book nor a rule's removals, with how many times each. */
  unaccounted: [string, number][];
}

/** The words of a tree, each text node apart: a note call's number never joins the word before it. */
function wordsOfTree(tree: Parameters<typeof visit>[0]): string[] {
  const words: string[] = [];
  visit(tree, "text", (node: { value: string }) => void words.push(...wordsOf(node.value)));
  return words;
}

const count = (words: string[]) => {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
};

export function wordLedger(edition: { manifest: { texts: TextEntry[] }; texts: VFile[]; book: HastRoot }): TextLedger[] {
  const ids = textDivisionIds(edition.manifest.texts);
  return edition.manifest.texts.map((entry, index) => {
    const file = edition.texts[index]!;
    const raw = wordsOf(String(file.value));
    const division = select(`#${ids.get(entry)!.id}`, edition.book);
    const inBook = division ? wordsOfTree(division) : [];
    const missing = count(raw);
    for (const word of inBook) if (missing.has(word)) missing.set(word, missing.get(word)! - 1);
    const tallies = new Map<string, RuleTally>();
    const take = (rule: string, text: string, lines: string, moved?: string) => {
      const words = wordsOf(text);
      const tally = tallies.get(rule) ?? { rule, words: 0, lines: [], ...(moved ? { moved } : {}) };
      tally.words += words.length;
      tally.lines.push(lines);
      tallies.set(rule, tally);
      for (const word of words) if ((missing.get(word) ?? 0) > 0) missing.set(word, missing.get(word)! - 1);
    };
    for (const removal of file.data.removals ?? []) take(removal.rule, removal.text, removal.endLine > removal.line ? `${removal.line}-${removal.endLine}` : `${removal.line}`, removal.moved);
    for (const { correction, count: times } of file.data.corrections ?? []) {
      for (let time = 0; time < times; time++) take("correction", correction.wrong, `${correction.place.line}`);
    }
    return {
      id: entry.id,
      path: file.path,
      raw: raw.length,
      edition: inBook.length,
      rules: [...tallies.values()],
      unaccounted: [...missing].filter(([, left]) => left > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    };
  });
}

const number = (value: number) => value.toLocaleString("en");

/** The ledger as lines for the terminal: per text its totals, then each rule's words and lines. */
export function formatLedger(ledgers: TextLedger[]): string {
  const out = ["word ledger (raw words; words in the edition; words each rule took, with its raw lines)"];
  for (const ledger of ledgers) {
    const unaccounted = ledger.unaccounted.reduce((sum, [, left]) => sum + left, 0);
    out.push(`${ledger.id} (${ledger.path}): ${number(ledger.raw)} raw, ${number(ledger.edition)} in the edition, ${unaccounted ? `${number(unaccounted)} unaccounted for` : "every raw word accounted for"}`);
    for (const tally of ledger.rules) {
      const times = count(tally.lines);
      const places = [...times].map(([place, n]) => (n > 1 ? `${place} ×${n}` : place));
      const lines = places.length > 12 ? `${places.slice(0, 12).join(", ")} … (${tally.lines.length} in all)` : places.join(", ");
      out.push(`  ${tally.rule}: ${number(tally.words)} words ${tally.moved ? `moved ${tally.moved}` : "removed"}; ${tally.rule === "correction" ? "corrections file, " : ""}lines ${lines}`);
    }
    if (unaccounted) out.push(`  unaccounted: ${ledger.unaccounted.slice(0, 20).map(([word, left]) => (left > 1 ? `${word} ×${left}` : word)).join(", ")}${ledger.unaccounted.length > 20 ? " …" : ""}`);
  }
  return out.join("\n");
}
