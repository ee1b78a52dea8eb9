// Words of other languages in the English texts, set in italics with their
// language (`<i class="foreign" lang="fr" xml:lang="fr">`), so a reader sees
// them and a screen reader speaks them in their own language. Found from
// evidence:
// - the lexicon's `foreign` list (a language tag, its words and phrases):
//   transliterations no dictionary holds (`smychka`), German nouns that
//   Hunspell builds only as compounds (`Realpolitik`), Latin phrases;
// - the Hunspell dictionaries: a run of two or more words, all of one
//   language's dictionary (French or German), at least one of which neither
//   English dictionary knows (`Je tombe toujours en avant`). A word standing
//   alone that only a foreign dictionary knows (`prolonger`, `conspirative`)
//   is as likely an English coinage: it is reported (`foreign-unsure`), not set.
// Loanwords English uses (`status quo`, `en masse`, the lexicon's
// `naturalised` list) stay roman, and so do names: capitalised words (but the
// first word of a sentence) and a particle before a name (`del Rio`, `Cours de
// Vincennes`) never join a phrase. A name the lexicon lists under
// `foreignNames` (`Reichsbanner`, a militia) gets its language in roman.
import type { Element, ElementContent, Root, Text } from "hast";
import type { VFile } from "vfile";
import { selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { divisionOf, type Division } from "./division.js";
import { workTitleClass } from "./work-titles.js";
import { hasClass } from "./schema.js";
import { isCommonWord } from "../enrich/names/common-words.js";
import { compromiseLexicon } from "../language/lazy-packages.js";
import { spellerFor, type Speller } from "../language/foreign-dictionaries.js";
import { Memo, memoKey } from "../watch/render-memo.js";

export const foreignClass = "foreign";
/** A name in another language: roman, with its language. */
export const foreignNameClass = "foreign-name";

/** The foreign dictionaries asked; Latin's is left out: even cut down to a few stems, its affix classes reach one another and nspell takes 1.5 s to build it, for phrases a short list holds. */
export const dictionaryLanguages = ["fr", "de"] as const;

export interface ForeignWordsOptions {
  /** Words and phrases by language tag (`ru-Latn: [smychka]`). */
  listed?: Record<string, string[]>;
  /** Names in another language (`de: [Reichsbanner]`): given their language, in roman as a name is. */
  names?: Record<string, string[]>;
  /** Phrases English has taken in (`en masse`): never set as foreign. */
  naturalised?: string[];
  /** English words too common to tell (`a`, `an`, `to`): a phrase never begins or ends on one (`a purgation` is English with one word the dictionaries lack). */
  stopWords?: string[];
  fileOf?: (division: Division) => VFile | undefined;
  /** The spellers, by language tag (`en`, `en-GB`, `fr`, `de`); by default the Hunspell dictionaries, cut to the words asked. */
  spellers?: (tag: string, words: string[]) => Promise<Speller>;
}

export interface ForeignWordsResult {
  /** Each phrase set, with its language, in book order. */
  marked: { text: string; lang: string; division: string }[];
  unsure: string[];
}

const wordPattern = /(?<![\p{L}\p{N}])\p{L}+(?:['’]\p{L}+)*(?:-\p{L}+)*\.?/gu;
const skippedTags = new Set(["cite", "i", "em", "code", "script", "style", "a", "abbr"]);
const skipped = (node: Element) => skippedTags.has(node.tagName) || hasClass(node, "name-mention") || node.properties.lang !== undefined;
const fold = (text: string) => text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/[’]/g, "'");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Whitespace only between the words of one phrase. */
const joinsPhrase = (between: string) => /^[ \u00A0]+$/u.test(between);

interface Token {
  word: string;
  start: number;
  end: number;
  /** Capitalised and not the first word of a sentence: a name's. */
  name: boolean;
  /** A lower-case word right before a name (`del Rio`): a particle of the name. */
  particle: boolean;
}

interface Site {
  parent: Element | Root;
  node: Text;
  division: Division;
  tokens: Token[];
}

/**
 * Each text's words kept by its value: most of a rebuild's texts are the last build's. In memory as tokens; on disk
 * as their places and marks, three numbers a token (objects by the ten thousand cost more to read than to make).
 */
const tokenObjects = new Memo<Token[]>(undefined, 32 * 1024 * 1024, (tokens) => 64 * tokens.length + 16, true);
export const textTokens = new Memo<Int32Array>("foreign-tokens", 32 * 1024 * 1024, (packed) => packed.byteLength + 16);
const tokensOf = (value: string): Token[] => {
  const known = tokenObjects.get(value);
  if (known) return known;
  const packed = textTokens.get(value);
  if (packed) return tokenObjects.set(value, unpack(value, packed));
  const tokens = readTokens(value);
  textTokens.set(value, pack(tokens));
  return tokenObjects.set(value, tokens);
};
const pack = (tokens: Token[]) => Int32Array.from(tokens.flatMap((token) => [token.start, token.end, (token.name ? 1 : 0) | (token.particle ? 2 : 0)]));
function unpack(value: string, packed: Int32Array): Token[] {
  const tokens: Token[] = [];
  for (let at = 0; at < packed.length; at += 3) {
    const [start, end, marks] = [packed[at]!, packed[at + 1]!, packed[at + 2]!];
    tokens.push({ word: value.slice(start, end), start, end, name: (marks & 1) !== 0, particle: (marks & 2) !== 0 });
  }
  return tokens;
}

function readTokens(value: string): Token[] {
  const tokens: Token[] = [];
  for (const match of value.matchAll(wordPattern)) {
    let word = match[0];
    // A full stop is the word's only where it is an abbreviation (`al.`); the lexicon's phrases carry theirs.
    if (word.endsWith(".")) word = word.slice(0, -1);
    // The last character before the word and its spaces (a test anchored at the end of the text before would read it all again per word).
    let at = match.index - 1;
    while (at >= 0 && /\s/u.test(value[at]!)) at--;
    const sentenceStart = at < 0 || /[.!?:;“"‘(—–]/u.test(value[at]!);
    tokens.push({ word, start: match.index, end: match.index + word.length, name: /^\p{Lu}/u.test(word) && !sentenceStart, particle: false });
  }
  tokens.forEach((token, index) => {
    const next = tokens[index + 1];
    token.particle = /^\p{Ll}/u.test(token.word) && !!next && next.name && joinsPhrase(value.slice(token.end, next.start));
  });
  return tokens;
}

/** A common English word: the names stage's stems or compromise's lexicon (Hunspell's lacks `unit`, `purgation`), a plural in `-ies`, a possessive. */
const common = (word: string): boolean => {
  const known = commonWords.get(word);
  return known ?? commonWords.set(word, isCommon(word));
};
/** Each word's verdict kept: with every word's verdict on disk, a new process loads neither compromise nor the English stems. */
export const commonWords = new Memo<boolean>("common-words", 4 * 1024 * 1024, () => 16);
export const listedPhrases = new Memo<{ start: number; end: number; lang: string; roman: boolean }[]>("foreign-listed", 16 * 1024 * 1024, (ranges) => 32 * ranges.length + 16);
const isCommon = (word: string) => {
  const plain = word.replace(/['’]s$/u, "").toLowerCase();
  const lexicon = compromiseLexicon();
  return isCommonWord(plain) || lexicon[plain] !== undefined || (plain.endsWith("s") && lexicon[plain.slice(0, -1)] !== undefined) || (plain.endsWith("ies") && isCommonWord(`${plain.slice(0, -3)}y`));
};
const plainLetters = (word: string) => word.replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD").replace(/\p{M}/gu, "");

/** A word of a web or mail address (`http`, `www`): joined to its neighbours without a space. */
const inAddress = (value: string, token: { start: number; end: number }) => /[/@.:]$/u.test(value.slice(Math.max(0, token.start - 1), token.start)) || /^(?::\/|[/@]|\.\p{L})/u.test(value.slice(token.end, token.end + 2));

/** English by either dictionary: as written, without accents (`émigré`), without a possessive, or every part of a compound. */
function englishTest(spellers: Speller[]): (word: string) => boolean {
  const known = (word: string) => common(word) || spellers.some((speller) => speller.correct(word) || speller.correct(word.toLowerCase()));
  return (word) => {
    const plain = word.replace(/['’]s$/u, "").replace(/’/g, "'");
    if (known(plain) || known(plainLetters(plain))) return true;
    return plain.includes("-") && plain.split("-").every((part) => !part || known(part));
  };
}

/** Set the edition's foreign words and phrases in italics with their language; report lone words only a foreign dictionary knows. */
export async function markForeignWords(book: Root, options: ForeignWordsOptions = {}): Promise<ForeignWordsResult> {
  const listed = [
    ...Object.entries(options.listed ?? {}).flatMap(([lang, phrases]) => phrases.map((phrase) => ({ lang, phrase, roman: false }))),
    ...Object.entries(options.names ?? {}).flatMap(([lang, phrases]) => phrases.map((phrase) => ({ lang, phrase, roman: true }))),
  ];
  const romanNames = new Set(listed.filter((one) => one.roman).map(({ phrase }) => fold(phrase)));
  const listedPattern = listed.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...listed].sort((a, b) => b.phrase.length - a.phrase.length).map(({ phrase }) => escape(phrase).replace(/['’]/g, "['’]")).join("|")})(?![\\p{L}\\p{N}])`, "giu")
    : undefined;
  const listedLang = new Map(listed.map(({ lang, phrase }) => [fold(phrase), lang]));
  const naturalised = [...new Set((options.naturalised ?? []).map((phrase) => fold(phrase).replace(/\.$/, "")))];
  const stopWords = new Set((options.stopWords ?? []).map(fold));
  const spellers = options.spellers ?? ((tag: string, words: string[]) => spellerFor(tag, words));
  const listedKey = listedPattern ? memoKey(listedPattern.source, JSON.stringify([...listedLang]), JSON.stringify([...romanNames])) : "";
  /** The listed phrases in a text, kept by the list and the text. */
  const listedIn = (value: string) =>
    listedPhrases.useContext(listedKey).through(value, () =>
      [...value.matchAll(listedPattern!)].flatMap((match) => {
        const lang = listedLang.get(fold(match[0]));
        return lang ? [{ start: match.index, end: match.index + match[0].length, lang, roman: romanNames.has(fold(match[0])) }] : [];
      }),
    );
  const result: ForeignWordsResult = { marked: [], unsure: [] };

  // 1. The text the phrases may stand in.
  const sites: Site[] = [];
  const collect = (parent: Element | Root, division: Division | undefined): void => {
    for (const child of parent.children) {
      if (child.type === "element") {
        const own = divisionOf(child) ?? division;
        if (!skipped(child) && own?.id !== "bibliography") collect(child, own);
      } else if (child.type === "text" && division && division.part !== "front" && /\p{L}/u.test(child.value)) {
        sites.push({ parent, node: child, division, tokens: tokensOf(child.value) });
      }
    }
  };
  collect(book, undefined);
  // A listed phrase already set as a work's title (a note's link to the works cited holds it) takes its language.
  for (const cite of selectAll(`cite.${workTitleClass}`, book)) {
    const lang = listedLang.get(fold(toString(cite)));
    if (lang) Object.assign(cite.properties, { lang, xmlLang: lang });
  }

  // 2. Words no English dictionary knows: the seeds of foreign phrases. Names and particles are never seeds.
  const candidates = new Set<string>();
  for (const site of sites)
    for (const token of site.tokens) if (/^\p{Ll}/u.test(token.word) && token.word.length > 2 && !token.particle && !inAddress(site.node.value, token) && !common(token.word)) candidates.add(token.word);
  const english = englishTest(candidates.size ? await Promise.all(["en", "en-GB"].map((tag) => spellers(tag, [...candidates]))) : []);
  const seeds = new Set([...candidates].filter((word) => !english(word)));

  // 3. The foreign dictionaries, cut to the seeds and the words a phrase around them may reach: joined by spaces, no name among them.
  const near = new Set<string>();
  for (const site of sites)
    site.tokens.forEach((token, index) => {
      if (!seeds.has(token.word)) return;
      near.add(token.word);
      for (const step of [-1, 1]) {
        for (let at = index; Math.abs(at + step - index) <= 4 && at + step >= 0 && at + step < site.tokens.length; at += step) {
          const [a, b] = step < 0 ? [site.tokens[at + step]!, site.tokens[at]!] : [site.tokens[at]!, site.tokens[at + step]!];
          const next = site.tokens[at + step]!;
          if (!joinsPhrase(site.node.value.slice(a.end, b.start)) || next.name || next.particle) break;
          near.add(next.word);
        }
      }
    });
  const foreign = near.size ? await Promise.all(dictionaryLanguages.map(async (tag) => ({ tag, speller: await spellers(tag, [...near]) }))) : [];
  const foreignSeeds = new Set([...seeds].filter((word) => foreign.some(({ speller }) => speller.correct(word))));

  // 4. Per text node: the listed phrases, then the dictionaries' phrases, each a range with its language.
  for (const site of sites) {
    const ranges: { start: number; end: number; lang: string; roman?: boolean }[] = [];
    const free = (start: number, end: number) => ranges.every((range) => end <= range.start || start >= range.end);
    if (listedPattern) ranges.push(...listedIn(site.node.value));
    site.tokens.forEach((token, index) => {
      if (!foreignSeeds.has(token.word) || token.name || token.particle || !free(token.start, token.end)) return;
      const phrases = foreign
        .filter(({ speller }) => speller.correct(token.word))
        .map(({ tag, speller }) => ({ tag, ...phraseAround(site, index, (word) => speller.correct(word), seeds) }))
        .sort((a, b) => b.seedCount - a.seedCount || b.to - b.from - (a.to - a.from));
      const best = phrases[0];
      if (!best) return;
      if (naturalised.some((phrase) => fold(site.node.value.slice(site.tokens[best.from]!.start, site.tokens[best.to]!.end)).includes(phrase))) return;
      while (best.from < index && stopWords.has(fold(site.tokens[best.from]!.word))) best.from++;
      while (best.to > index && stopWords.has(fold(site.tokens[best.to]!.word))) best.to--;
      const start = site.tokens[best.from]!.start;
      const end = site.tokens[best.to]!.end;
      const text = site.node.value.slice(start, end);
      const tie = phrases[1] && phrases[1].seedCount === best.seedCount && phrases[1].to - phrases[1].from === best.to - best.from;
      // Evidence enough: two words English does not know, or one in a French elision (`d’état`). One such word among
      // words English knows as well (`avant-garde art styles`, `fait accompli`) may be English: reported.
      const elision = site.tokens.slice(best.from, best.to + 1).some((one) => seeds.has(one.word) && /^\p{L}['’]/u.test(one.word));
      if (best.to === best.from || tie || (best.seedCount < 2 && !elision)) {
        if (!result.unsure.includes(text)) {
          result.unsure.push(text);
          const reason = tie
            ? `\`${text}\` is in the ${phrases.map((phrase) => phrase.tag).join(" and ")} dictionaries and no English one: which language it is cannot be told`
            : best.to === best.from
              ? `\`${text}\` is in the ${best.tag} dictionary and no English one, but stands alone: an English coinage or a ${best.tag} word?`
              : `\`${text}\` may be ${best.tag}: only \`${token.word}\` is no English word`;
          warn(site, site.tokens[best.from]!.start, options, `${reason} List it in the lexicon's \`foreign\` to set it in italics, or in \`naturalised\` to keep it roman`);
        }
        return;
      }
      if (free(start, end)) ranges.push({ start, end, lang: best.tag });
    });
    if (!ranges.length) continue;
    ranges.sort((a, b) => a.start - b.start);
    for (const range of ranges) result.marked.push({ text: site.node.value.slice(range.start, range.end), lang: range.lang, division: site.division.id });
    const parts = withItalics(site.node, ranges);
    site.parent.children = (site.parent.children as ElementContent[]).flatMap((child) => (child === site.node ? parts : [child])) as never;
  }
  return result;
}

/** The longest run of words around `index`, joined by spaces, that `known` holds; `seedCount`: how many of them English does not know. */
function phraseAround(site: Site, index: number, known: (word: string) => boolean, seeds: Set<string>): { from: number; to: number; seedCount: number } {
  const { tokens, node } = site;
  const joins = (a: Token, b: Token) => joinsPhrase(node.value.slice(a.end, b.start));
  const fits = (token: Token) => !token.name && !token.particle && known(token.word);
  let from = index;
  while (from > 0 && joins(tokens[from - 1]!, tokens[from]!) && fits(tokens[from - 1]!)) from--;
  let to = index;
  while (to < tokens.length - 1 && joins(tokens[to]!, tokens[to + 1]!) && fits(tokens[to + 1]!)) to++;
  return { from, to, seedCount: tokens.slice(from, to + 1).filter((token) => seeds.has(token.word)).length };
}

function warn(site: Site, index: number, options: ForeignWordsOptions, reason: string): void {
  const file = options.fileOf?.(site.division);
  const start = site.node.position?.start;
  // A text node's place is its start; a word on the node's first line is placed by its index.
  const place = start ? { line: start.line, column: start.column + (site.node.value.lastIndexOf("\n", index) < 0 ? index : 0) } : undefined;
  file?.message(reason, { ...(place ? { place } : {}), ruleId: "foreign-unsure", source: "foreign" });
}

/** The text node as text and `<i>` elements. */
function withItalics(node: Text, ranges: { start: number; end: number; lang: string; roman?: boolean }[]): ElementContent[] {
  const parts: ElementContent[] = [];
  let cursor = 0;
  for (const { start, end, lang, roman } of ranges) {
    if (start > cursor) parts.push({ type: "text", value: node.value.slice(cursor, start) });
    // A name keeps roman (`the Reichsbanner`); its language still tells a reader's voice how to say it.
    const [tagName, className] = roman ? ["span", foreignNameClass] : ["i", foreignClass];
    parts.push({ type: "element", tagName, properties: { className: [className], lang, xmlLang: lang }, children: [{ type: "text", value: node.value.slice(start, end) }] });
    cursor = end;
  }
  if (cursor < node.value.length) parts.push({ type: "text", value: node.value.slice(cursor) });
  return parts;
}
