// Hunspell dictionaries (English, French, German) asked about a few
// words only. Building nspell from a whole dictionary costs 0.5–1.5 s a
// language (the affix file's rules applied to 50,000–130,000 stems), for the
// hundred or so words a book does not know in English. So each dictionary is
// cut to what those words need: the stems that start with four letters of one
// of the words (a stem lives on nearly whole in every form made from it;
// shorter stems by the rules in `keysOf`), and the affix classes those
// stems name (with the classes their rules name in turn). Loaded lazily, once
// per set of words.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import nspell from "nspell";
import { Memo, memoKey } from "../watch/render-memo.js";

const require = createRequire(import.meta.url);

export interface Speller {
  correct(word: string): boolean;
}

/** Package names of the dictionaries, by language tag. */
export const dictionaryPackages: Record<string, string> = { en: "dictionary-en", "en-GB": "dictionary-en-gb", fr: "dictionary-fr", de: "dictionary-de" };

const fold = (word: string) => word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");

/** The keys a stem must start with: every four-letter stretch of the words (letters folded, no accents). */
function keysOf(words: Iterable<string>, english: boolean): Keys {
  const fours = new Set<string>();
  const folded: string[] = [];
  for (const word of words) {
    const text = fold(word);
    folded.push(text);
    // English forms take prefixes (`regain`): a stem may start anywhere in the word. French and German ones are
    // made with suffixes: a stem starts the word, or follows an elision (`d'état`).
    if (english) for (let at = 0; at + 4 <= text.length; at++) fours.add(text.slice(at, at + 4));
    else for (const part of [text, ...text.split(/'/).slice(1)]) fours.add(part.slice(0, 4));
  }
  const lastLetterChanges = english;
  // A short stem stands whole in its forms, after a prefix too (`gain`, `regain`); in English it may lose its last letter (`ally`, `allies`).
  const short = (stem: string, length: number) =>
    length <= 2 ? folded.some((word) => word.startsWith(stem)) : folded.some((word) => word.includes(stem) || (lastLetterChanges && word.includes(stem.slice(0, length - 1))));
  return { fours, short };
}

interface Keys {
  fours: Set<string>;
  short: (stem: string, length: number) => boolean;
}

type FlagStyle = "char" | "long" | "num";
function splitFlags(flags: string, style: FlagStyle): string[] {
  if (style === "num") return flags.split(",").filter(Boolean);
  if (style === "long") return flags.match(/../gu) ?? [];
  return [...flags];
}

/** The dictionary's stems the words may come from (the count line nspell expects first), and the flags of each. */
function cutDic(dic: string, keys: Keys): { text: string; flags: string[] } {
  const kept: string[] = [];
  const flags: string[] = [];
  let start = dic.indexOf("\n") + 1;
  while (start < dic.length) {
    let end = dic.indexOf("\n", start);
    if (end < 0) end = dic.length;
    let stemEnd = start;
    while (stemEnd < end && dic[stemEnd] !== "/" && dic[stemEnd] !== "\t" && dic[stemEnd] !== " " && dic[stemEnd] !== "\r") stemEnd++;
    // Only the first four letters decide; they are folded (case, accents) only when they need it.
    const head = dic.slice(start, Math.min(stemEnd, start + 4));
    const key = /^[a-z]*$/.test(head) ? head : fold(dic.slice(start, stemEnd)).slice(0, 4);
    const length = stemEnd - start;
    const keep = length > 4 ? keys.fours.has(key) : keys.short(key, length);
    if (keep) {
      const line = dic.slice(start, end).replace(/\r$/, "");
      kept.push(line);
      flags.push(dic[stemEnd] === "/" ? (line.slice(stemEnd - start + 1).split(/\s/)[0] ?? "") : "");
    }
    start = end + 1;
  }
  return { text: `${kept.length}\n${kept.join("\n")}`, flags };
}

/** The affix file with only the prefix and suffix classes the kept stems (and the rules they reach) name. */
function cutAff(aff: string, stemFlags: string[]): string {
  const lines = aff.split(/\r?\n/);
  const style: FlagStyle = /^FLAG\s+long/m.test(aff) ? "long" : /^FLAG\s+num/m.test(aff) ? "num" : "char";
  const groups = new Map<string, number[]>();
  lines.forEach((line, index) => {
    const match = /^(PFX|SFX)\s+(\S+)\s/.exec(line);
    if (match) groups.set(match[2]!, [...(groups.get(match[2]!) ?? []), index]);
  });
  const used = new Set(stemFlags.flatMap((flags) => splitFlags(flags, style)));
  const queue = [...used];
  while (queue.length) {
    const flag = queue.pop()!;
    for (const index of groups.get(flag) ?? []) {
      const add = lines[index]!.split(/\s+/)[3] ?? "";
      const slash = add.indexOf("/");
      if (slash < 0) continue;
      for (const next of splitFlags(add.slice(slash + 1), style)) if (!used.has(next)) (used.add(next), queue.push(next));
    }
  }
  return lines
    .filter((line) => {
      const match = /^(PFX|SFX)\s+(\S+)\s/.exec(line);
      return !match || used.has(match[2]!);
    })
    .join("\n");
}

const files = new Map<string, { aff: string; dic: string }>();
function dictionaryFiles(tag: string): { aff: string; dic: string } {
  const name = dictionaryPackages[tag];
  if (!name) throw new Error(`no Hunspell dictionary for \`${tag}\``);
  let known = files.get(tag);
  if (!known) {
    // The packages read their files with a top-level await on import; reading them here reads them only when asked.
    const folder = require.resolve(name).replace(/[^/\\]+$/, "");
    known = { aff: readFileSync(`${folder}index.aff`, "utf8"), dic: readFileSync(`${folder}index.dic`, "utf8") };
    files.set(tag, known);
  }
  return known;
}

/**
 * Each speller's answers, by its language and the words it is cut for: a
 * build that asks the same words (a rebuild, or a new process with the memo
 * on disk) is answered without cutting and building a speller, which is
 * built only for a word never asked before. The answers are the speller's own.
 */
export const spellerAnswers = new Memo<Map<string, boolean>>("speller-answers", 64 * 1024, () => 1024);

/** A speller answering from its recorded answers, built (and its answers recorded) only for a word it has none for. */
class RecordedSpeller implements Speller {
  private speller?: Speller;
  constructor(
    private readonly answers: Map<string, boolean>,
    private readonly make: () => Speller,
    private readonly key: string,
  ) {}

  correct(word: string): boolean {
    let answer = this.answers.get(word);
    if (answer === undefined) {
      this.speller ??= this.make();
      answer = this.speller.correct(word);
      this.answers.set(word, answer);
      spellerAnswers.changedIn(this.key);
    }
    return answer;
  }
}

/** Each language's last speller and the words it was cut for: a rebuild asks the same words again. */
export const lastSpellers = new Map<string, { key: string; speller: Speller }>();

/** A speller for language `tag` that knows at least every form of `words` its dictionary knows. */
export async function spellerFor(tag: string, words: Iterable<string>): Promise<Speller> {
  if (!dictionaryPackages[tag]) throw new Error(`no Hunspell dictionary for \`${tag}\``);
  const list = [...words];
  const key = [...new Set(list)].sort().join("\n");
  const last = lastSpellers.get(tag);
  if (last?.key === key) return last.speller;
  const memoised = memoKey("speller", tag, key);
  const answers = spellerAnswers.get(memoised) ?? spellerAnswers.set(memoised, new Map<string, boolean>());
  const speller = new RecordedSpeller(answers, () => buildSpeller(tag, list), memoised);
  lastSpellers.set(tag, { key, speller });
  return speller;
}

/** Spellers cut and built in this process (tests read it: answers on disk build none). */
export const built = { spellers: 0 };

function buildSpeller(tag: string, words: string[]): Speller {
  built.spellers++;
  const { aff, dic } = dictionaryFiles(tag);
  const cut = cutDic(dic, keysOf(words, tag.startsWith("en")));
  return nspell(cutAff(aff, cut.flags), cut.text);
}
