// What the passages naming a person are about, for the sub-entries of a long
// index entry. Each passage gives cues from its own words, strongest first:
// an editor's sub-entry (names.yaml `subentries`, its words in the mention's
// sentence, then elsewhere in the passage),
// a work cited or named in the sentence (`My Life`), a named event in the
// sentence (`the October Revolution`, a lexicon `namedEvents` word after
// capitalised words or a year), an office held (`as Commissar of War`, a
// lexicon title with `of`/`for`, nearest to this mention), another person in
// the same sentence (`and Lenin`), a year the sentence states (`in 1923`),
// a year the paragraph states, another person in the same paragraph. Sub-entries
// are chosen greedily, strongest kind first and the most passages first; a
// derived sub-entry needs two passages, and a passage goes under one
// sub-entry only. What no sub-entry takes stays a bare run of locators.
// Labels are never a heading's or a caption's words: a heading gives no
// cue but a work it cites.
import { nlp } from "../../language/lazy-packages.js";
import { isCommonWord } from "../../enrich/names/common-words.js";
import { Memo, memoKey } from "../../watch/render-memo.js";
import { sentenceAt, type Passage } from "./index-passages.js";

export interface EditorSubentry {
  label: string;
  match: string[];
}

export interface TopicOptions {
  /** Titles of the works the edition knows (cited, or listed in the lexicon), longest first. */
  works: string[];
  /** Lexicon `namedEvents` (`revolution`, `congress`). */
  namedEvents: string[];
  /** Lexicon `titles` (`Commissar`, `General`): an office is one of them with `of`/`for`. */
  titles: string[];
  /**
   * Words too common in the book to name a topic (in many of its passages,
   * lower case): a noun cue is taken only outside them. Without it (or in a
   * language other than English) passages give no noun cues.
   */
  commonWords?: Set<string>;
}

export type TopicKind = "editor" | "work" | "event" | "office" | "person" | "name" | "noun" | "year";

export interface Topic {
  key: string;
  kind: TopicKind;
  label: string;
}

interface Cue extends Topic {
  /** 0 strongest (an editor's words in the sentence; 0.5 in the paragraph). */
  tier: number;
}

/** A sub-entry made: its topic and the indexes of the mentions it takes. */
export interface SubentryChoice {
  topic: Topic;
  members: number[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A word or phrase as a whole word, either apostrophe. */
const wordPattern = (words: string[], flags = "gu") => new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map((word) => escape(word).replace(/['’]/g, "['’]")).join("|")})(?![\\p{L}\\p{N}])`, flags);
const capital = (word: string) => `[${word[0]!.toUpperCase()}${word[0]!.toLowerCase()}]${escape(word.slice(1))}`;
const properWord = "\\p{Lu}[\\p{L}’'-]+";

/** `the October Revolution`, `the 1905 revolution`, `the Tenth Party Congress`. */
function eventPattern(words: string[]): RegExp | undefined {
  if (!words.length) return undefined;
  return new RegExp(`(?<![\\p{L}])[Tt]he\\s+((?:(?:${properWord}|1[89]\\d\\d)\\s+){1,3}(?:${words.map(capital).join("|")}))(?![\\p{L}])`, "gu");
}

/** `Commissar of War`, `People’s Commissar for Foreign Affairs`. */
function officePattern(titles: string[]): RegExp | undefined {
  if (!titles.length) return undefined;
  return new RegExp(`(?<![\\p{L}])((?:People['’]s\\s+)?(?:${titles.map(escape).join("|")})\\s+(?:of|for)\\s+(?:the\\s+)?${properWord}(?:\\s+(?:and\\s+)?${properWord})*)`, "gu");
}

/** The surname of a heading: `Lenin` of `Lenin, Vladimir Ilyich`. */
const surname = (heading: string) => heading.split(",")[0]!.trim();
const normal = (text: string) => text.replace(/\s+/g, " ").replace(/'/g, "’").trim();

/** A label's sort key: without `and`, `as`, `the`. */
export function subentrySortKey(label: string): string {
  return label.replace(/^(?:and|as|in|on)\s+/i, "").replace(/^the\s+/i, "");
}

/** An editor's words as one pattern, made once per sub-entry: every passage of the person is tried against it. */
const editorPatterns = new WeakMap<EditorSubentry, RegExp>();
function editorPattern(subentry: EditorSubentry): RegExp {
  let pattern = editorPatterns.get(subentry);
  if (!pattern) editorPatterns.set(subentry, (pattern = wordPattern(subentry.match, "iu")));
  return pattern;
}

/** Lower case, one apostrophe: a quick test of whether a word may stand in a text at all, before its pattern. */
const fold = (text: string) => text.toLowerCase().replace(/'/g, "’");
const foldedBlocks = new WeakMap<Passage["block"], string>();
const foldedWords = new WeakMap<EditorSubentry, string[]>();
function mayStand(subentry: EditorSubentry, block: Passage["block"]): boolean {
  let text = foldedBlocks.get(block);
  if (text === undefined) foldedBlocks.set(block, (text = fold(`${block.text}\n${block.quotation ?? ""}`)));
  let words = foldedWords.get(subentry);
  if (!words) foldedWords.set(subentry, (words = subentry.match.map(fold)));
  return words.some((word) => text.includes(word));
}

/** Whether one of an editor's words for a sub-entry stands in the passage (as a whole word, any case). */
export function editorMatches(subentry: EditorSubentry, passage: Passage): boolean {
  if (!mayStand(subentry, passage.block)) return false;
  const pattern = editorPattern(subentry);
  return pattern.test(passage.block.text) || (passage.block.quotation !== undefined && pattern.test(passage.block.quotation));
}

export function topicCues(heading: string, passage: Passage, editor: EditorSubentry[], options: TopicOptions, patterns = compilePatterns(options)): Cue[] {
  const { block, at } = passage;
  const [start, end] = sentenceAt(block, at);
  const sentence = block.text.slice(start, end);
  const cues: Cue[] = [];
  // An editor's words in the mention's own sentence say more than words elsewhere in the paragraph.
  editor.forEach((subentry, index) => {
    if (!editorMatches(subentry, passage)) return;
    const inSentence = editorPattern(subentry).test(sentence);
    cues.push({ key: `editor:${index}`, kind: "editor", label: subentry.label, tier: inSentence ? 0 : 0.5 });
  });
  const inSentence = (offset: number) => offset >= start && offset < end;
  for (const cite of block.cites) if (inSentence(cite.at) && cite.title) cues.push(workCue(cite.title));
  if (patterns.works) for (const match of sentence.matchAll(patterns.works)) cues.push(workCue(match[0]));
  // `Trotsky explained how:` says nothing; the quotation it introduces does (an editor's words, a work).
  if (patterns.works && block.quotation) for (const match of block.quotation.matchAll(patterns.works)) cues.push(workCue(match[0]));
  // A heading names no topic of its own: only the works it cites count.
  if (block.heading) return distinct(sameAsEditor(cues, editor));
  if (patterns.event) {
    for (const match of sentence.matchAll(patterns.event)) {
      const name = normal(match[1]!);
      cues.push({ key: `event:${name.toLowerCase()}`, kind: "event", label: `and the ${name}`, tier: 2 });
    }
  }
  if (patterns.office) {
    for (const match of sentence.matchAll(patterns.office)) {
      // The office is this person's when this mention is the person named nearest to it.
      const where = start + match.index!;
      const nearest = block.persons.filter((person) => inSentence(person.at)).sort((a, b) => Math.abs(a.at - where) - Math.abs(b.at - where))[0];
      if (nearest?.at !== at) continue;
      // A name after the office (`Commissar for War Trotsky`) is no part of it.
      const named = block.persons.find((person) => person.at > where && person.at < where + match[1]!.length);
      const office = normal(named ? match[1]!.slice(0, named.at - where) : match[1]!).replace(/\s+(?:of|for|and)$/, "");
      // `Commissar for War` and `Commissar of War` are one office.
      cues.push({ key: `office:${office.toLowerCase().replace(/ for /g, " of ")}`, kind: "office", label: `as ${office}`, tier: 3 });
    }
  }
  for (const other of block.persons) {
    if (other.heading === heading || !other.heading) continue;
    cues.push({ key: `person:${other.heading}`, kind: "person", label: `and ${surname(other.heading)}`, tier: inSentence(other.at) ? 4 : 7 });
  }
  for (const cue of nameCues(heading, passage, start, end, options)) cues.push(cue);
  for (const cue of nounCues(heading, passage, start, end, options)) cues.push(cue);
  // A year the sentence states dates what it tells (`in 1923`); a year in a cited work's title does not.
  for (const match of sentence.matchAll(/(?<![\p{L}\p{N}–-])(1[89]\d\d)(?![\p{N}–-])/gu)) {
    const where = start + match.index!;
    if (block.cites.some((cite) => where >= cite.at && where < cite.at + cite.title.length) || isImprintYear(block.text, where)) continue;
    cues.push(periodCue(match[1]!, 5));
  }
  // A year the paragraph states, when the sentence states none.
  if (!cues.some((cue) => cue.kind === "year")) {
    for (const match of block.text.matchAll(/(?<![\p{L}\p{N}–-])(1[89]\d\d)(?![\p{N}–-])/gu)) {
      if (block.cites.some((cite) => match.index! >= cite.at && match.index! < cite.at + cite.title.length) || isImprintYear(block.text, match.index!)) continue;
      cues.push(periodCue(match[1]!, 6));
    }
  }
  return distinct(sameAsEditor(cues, editor));
}

const ordinals = /^(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)$/;
const stopNames = new Set(["I", "Mr", "Mrs", "Miss", "Dr", "Sir", "God", "O", "Oh", "Yes", "No", "Well", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
/** Words after which a capitalised word is a noun (`the Kremlin was`), not an adjective (`the Red army`). */
const functionWords = new Set(["was", "were", "is", "are", "had", "has", "have", "and", "or", "but", "of", "in", "to", "for", "with", "on", "at", "by", "from", "that", "which", "who", "would", "could", "should", "will", "did", "as", "itself", "himself", "then", "now", "also"]);
const namePattern = /(?<![\p{L}\p{N}’'-])(?:([Tt]he)\s+)?(\p{Lu}[\p{L}’'-]*\p{L}(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}’'-]*\p{L})*)(?![\p{L}])/gu;

/**
 * A place, a party, an institution the passage names (`in Mexico`, `and the
 * Red Army`): capitalised words that are no person's mention, no sentence's
 * first word and none of the entry's own name. The mention's sentence first,
 * then its paragraph. A place after `in`, `at`, `to`, `from` is a setting.
 */
function nameCues(heading: string, passage: Passage, start: number, end: number, options: TopicOptions): Cue[] {
  const { block } = passage;
  if (block.heading) return [];
  const own = new Set(heading.split(/[\s,]+/).filter(Boolean).map((word) => word.toLowerCase()));
  const titles = new Set(options.titles.map((title) => title.toLowerCase()));
  const cues: Cue[] = [];
  for (const match of block.text.matchAll(namePattern)) {
    const name = normal(match[2]!.replace(/['’]s$/, ""));
    const at = match.index! + (match[1] ? match[0].length - match[2]!.length : 0);
    const before = block.text.slice(Math.max(0, match.index! - 40), match.index!);
    // The first word of a sentence is capitalised whatever it is.
    if (!match[1] && (/(?:^|[.!?:;“"‘(]\s*)$/.test(before) || block.sentences.some(([from]) => from === at))) continue;
    if (block.persons.some((person) => person.at >= match.index! && person.at < match.index! + match[0].length)) continue;
    if (block.cites.some((cite) => at >= cite.at && at < cite.at + cite.title.length)) continue;
    // A citation's sentence, `Trotsky, On China (New York: Pathfinder, 1976)`, names a book, its place and its publisher.
    const [from, to] = sentenceAt(block, at);
    if (/\([^()]*:[^()]*\b1[5-9]\d\d\)/.test(block.text.slice(from, to))) continue;
    const words = name.split(" ");
    if (words.some((word) => own.has(word.toLowerCase().replace(/['’]s$/, ""))) || words.every((word) => stopNames.has(word) || titles.has(word.toLowerCase()))) continue;
    if (words.length === 1 && name.length < 3) continue;
    const setting = /(?:^|\s)(?:in|at|to|from|near|into)\s+$/i.test(before) && !match[1];
    // A lone common word capitalised (`and Party`, `for Left`), or an ordinal (`the Second`), names no institution by itself; a place after `in` may (`in Bath`).
    if (words.length === 1 && ((!match[1] && !setting && isCommonWord(name)) || ordinals.test(name))) continue;
    // One capitalised adjective before a common noun (`the Russian workers`, `a Stalinist state`) names nothing by itself.
    const next = /^\s+(\p{Ll}+)/u.exec(block.text.slice(match.index! + match[0].length))?.[1];
    if (words.length === 1 && next && (/(?:an|ian|ish|ist|ists|ese|ic|ite|ern|vik|viks|et)$/.test(name) || (match[1] && !functionWords.has(next)))) continue;
    const inSentence = at >= start && at < end;
    cues.push({ key: `name:${name.toLowerCase()}`, kind: "name", label: setting ? `in ${name}` : match[1] ? `and the ${name}` : `and ${name}`, tier: inSentence ? 4.5 : 6.5 });
  }
  return cues;
}

/**
 * What the passage talks of, by its nouns (`on art`, `on the villages`): a
 * common noun of the mention's sentence (then of its paragraph) that stands in
 * few of the book's passages (`options.commonWords` are the rest). English only.
 */
function nounCues(heading: string, passage: Passage, start: number, end: number, options: TopicOptions): Cue[] {
  const { block } = passage;
  if (block.heading || !options.commonWords) return [];
  const own = new Set(heading.split(/[\s,]+/).map((word) => word.toLowerCase()));
  if (!comesBackToRareWord(block, options.commonWords)) return [];
  const cues: Cue[] = [];
  const found = nounsOf(block);
  const uses = new Map<string, number>();
  for (const { word } of found) uses.set(nounKey(word), (uses.get(nounKey(word)) ?? 0) + 1);
  for (const { word, at } of found) {
    // `anything`, `somebody`, `himself` name nothing.
    if (word.length < 4 || !/^\p{Ll}+$/u.test(word) || own.has(word) || /(?:thing|body|one|self|selves)$/.test(word)) continue;
    const key = nounKey(word);
    // A noun the passage uses once is a detail of it (`an oak chair`); one it comes back to is what it is about.
    if (options.commonWords.has(key) || (uses.get(key) ?? 0) < 2) continue;
    // `on the house`, not `on house`: the article the passage ever gives the noun.
    const the = found.some((other) => nounKey(other.word) === key && /\bthe\s+$/i.test(block.text.slice(Math.max(0, other.at - 5), other.at)));
    const inSentence = at >= start && at < end;
    cues.push({ key: `noun:${key}`, kind: "noun", label: `on ${the ? "the " : ""}${word}`, tier: inSentence ? 4.7 : 6.7 });
  }
  return cues;
}

const rareWordBlocks = new WeakMap<Passage["block"], { common: Set<string>; answer: boolean }>();
/**
 * Whether the block uses a word of four letters or more twice that the book does not use everywhere: a noun cue needs
 * one, so compromise parses only such blocks.
 */
function comesBackToRareWord(block: Passage["block"], common: Set<string>): boolean {
  const kept = rareWordBlocks.get(block);
  if (kept?.common === common) return kept.answer;
  const counts = new Map<string, number>();
  let answer = false;
  for (const word of block.text.toLowerCase().match(/\p{L}{4,}/gu) ?? []) {
    const key = nounKey(word);
    if (common.has(key)) continue;
    const count = (counts.get(key) ?? 0) + 1;
    if (count >= 2) {
      answer = true;
      break;
    }
    counts.set(key, count);
  }
  rareWordBlocks.set(block, { common, answer });
  return answer;
}

type FoundNoun = { word: string; at: number };
const blockNouns = new WeakMap<Passage["block"], FoundNoun[]>();
/** A block's text's common nouns by compromise's tags, kept by the text: every mention in a block, and every pass over a person's passages, asks again. */
const nounsByText = new Memo<FoundNoun[]>("index-nouns", 8 * 1024 * 1024, (nouns) => nouns.length * 16 + 16);
function nounsOf(block: Passage["block"]): FoundNoun[] {
  let nouns = blockNouns.get(block);
  if (!nouns) {
    nouns = nounsByText.through(memoKey(block.text), () => {
      const terms = nlp(block.text).match("#Noun").not("(#ProperNoun|#Pronoun|#Value|#Possessive|#Date)").terms().json({ offset: true }) as { terms: { normal: string; offset?: { start: number } }[] }[];
      return terms.flatMap((term) => (term.terms[0] ? [{ word: term.terms[0].normal, at: term.terms[0].offset?.start ?? -1 }] : []));
    });
    blockNouns.set(block, nouns);
  }
  return nouns;
}

/** A noun's key: its plural is the same topic (`village`, `villages`). */
export const nounKey = (word: string) => word.toLowerCase().replace(/(?<=\p{L}{3})(?:ies)$/u, "y").replace(/(?<=\p{L}{3}[^s])s$/u, "");

/** The words standing in more than a tenth of `texts` (at least 5): too common to name a topic. */
export function commonWords(texts: Iterable<string>): Set<string> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const text of texts) {
    total++;
    for (const word of new Set(text.toLowerCase().match(/\p{L}{4,}/gu) ?? [])) counts.set(nounKey(word), (counts.get(nounKey(word)) ?? 0) + 1);
  }
  const least = Math.max(5, total / 10);
  return new Set([...counts].filter(([, count]) => count > least).map(([word]) => word));
}

/**
 * A sub-subentry that repeats its parent's topic (`and China` > `and the
 * Chinese Revolution`, `on industry and planning` > `on industry`): every
 * content word of one label stands, by its stem, in the other. Such a cue is
 * no topic under that parent.
 */
export function repeatsParent(parent: string, child: string): boolean {
  const words = (label: string) => subentrySortKey(label).toLowerCase().split(/[^\p{L}]+/u).filter((word) => word.length >= 3 && !["and", "the", "against", "with", "from", "before", "after"].includes(word));
  const stem = (a: string, b: string) => {
    let n = 0;
    while (n < a.length && a[n] === b[n]) n++;
    return a === b || n >= Math.max(4, Math.min(a.length, b.length) - 2);
  };
  const own = words(parent);
  const theirs = words(child);
  // Either way round: `in Siberia` under `early life and Siberian exile` says no more than its parent.
  const within = (some: string[], all: string[]) => some.length > 0 && some.every((word) => all.some((other) => stem(word, other)));
  return within(own, theirs) || within(theirs, own);
}

/** A derived cue an editor's sub-entry already names (`and the 1905 revolution`) is that sub-entry: one label, one sub-entry. */
function sameAsEditor(cues: Cue[], editor: EditorSubentry[]): Cue[] {
  const byLabel = new Map(editor.map((subentry, index) => [subentry.label.toLowerCase(), `editor:${index}`]));
  return cues.map((cue) => {
    const key = cue.kind === "editor" ? undefined : byLabel.get(cue.label.toLowerCase());
    return key ? { ...cue, key, kind: "editor" as const, label: editor[Number(key.slice("editor:".length))]!.label } : cue;
  });
}

/**
 * A year is a cue to its decade, `in the 1920s`: a sub-entry `in 1923, 45, 67`
 * reads as a run of numbers beside the page numbers, and one year rarely
 * gathers two passages where its decade does.
 */
function periodCue(year: string, tier: number): Cue {
  const decade = `${year.slice(0, 3)}0s`;
  return { key: `year:${decade}`, kind: "year", label: `in the ${decade}`, tier };
}

/** A note's imprint, `(New York: Pathfinder Press, 1976)`: the year a book came out says nothing of what the passage is about. */
function isImprintYear(text: string, at: number): boolean {
  return /\([^()]*:[^()]*,\s*$/.test(text.slice(Math.max(0, at - 120), at));
}

/** A title inside a `cite` is found twice: once is enough. */
const distinct = (cues: Cue[]) => cues.filter((cue, index) => cues.findIndex((other) => other.key === cue.key && other.tier === cue.tier) === index);

/** A work by its short title (before a subtitle's colon): `My Life: An Attempt at an Autobiography` is `My Life`. */
function workCue(title: string): Cue {
  const short = normal(title).replace(/\s*:\s.*$/, "");
  return { key: `work:${short}`, kind: "work", label: short, tier: 1 };
}

export function compilePatterns(options: TopicOptions) {
  return {
    works: options.works.length ? wordPattern([...options.works].sort((a, b) => b.length - a.length), "gu") : undefined,
    event: eventPattern(options.namedEvents),
    office: officePattern(options.titles),
  };
}

/**
 * The sub-entries of one entry: `cues[i]` are mention i's cues. Tier by tier,
 * the topic with the most mentions not yet placed is taken while it has at
 * least two (an editor's: `editorLeast`, one at the first level).
 */
export function chooseSubentries(cues: Cue[][], editorLeast = 1): SubentryChoice[] {
  const placed = new Set<number>();
  const chosen = new Map<string, SubentryChoice>();
  const tiers = [...new Set(cues.flat().map((cue) => cue.tier))].sort((a, b) => a - b);
  // The person tiers (sentence, then paragraph) share their sub-entries: `and Lenin` is one sub-entry.
  for (const tier of tiers) {
    for (;;) {
      const support = new Map<string, { topic: Topic; members: number[] }>();
      cues.forEach((list, index) => {
        if (placed.has(index)) return;
        for (const cue of list) {
          if (cue.tier !== tier) continue;
          const entry = support.get(cue.key) ?? { topic: { key: cue.key, kind: cue.kind, label: cue.label }, members: [] };
          if (!entry.members.includes(index)) entry.members.push(index);
          support.set(cue.key, entry);
        }
      });
      const best = [...support.values()].sort((a, b) => b.members.length - a.members.length || a.topic.key.localeCompare(b.topic.key))[0];
      const least = chosen.has(best?.topic.key ?? "") ? 1 : best?.topic.kind === "editor" ? editorLeast : 2;
      if (!best || best.members.length < least) break;
      const choice = chosen.get(best.topic.key) ?? { topic: best.topic, members: [] };
      choice.members.push(...best.members);
      chosen.set(best.topic.key, choice);
      for (const member of best.members) placed.add(member);
    }
  }
  // Two kinds of cue may give one label (`and the Twelfth Congress` as an event and as a name): one sub-entry.
  const byLabel = new Map<string, SubentryChoice>();
  for (const choice of chosen.values()) {
    // `Iskra` and `and Iskra`, `on the party` and `and the Party`: one topic.
    const label = subentrySortKey(choice.topic.label).toLowerCase();
    const same = byLabel.get(label);
    if (same) same.members.push(...choice.members);
    else byLabel.set(label, choice);
  }
  for (const choice of byLabel.values()) choice.members.sort((a, b) => a - b);
  return [...byLabel.values()];
}
