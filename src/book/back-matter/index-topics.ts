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
}

export type TopicKind = "editor" | "work" | "event" | "office" | "person" | "year";

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
  for (const choice of chosen.values()) choice.members.sort((a, b) => a - b);
  return [...chosen.values()];
}
