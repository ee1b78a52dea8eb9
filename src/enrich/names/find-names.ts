// Finding the persons named in one paragraph's text. The authority file
// decides for every form it knows; a capitalised run that is not in it is
// taken as a person only with evidence (a title, initials, a particle, or a
// forename that compromise's lexicon knows), so places, parties and works
// (`Red Army`, `Central Asia`, `The New Course`) are not taken for persons.
import { nlp } from "../../language/lazy-packages.js";
import { formKey, namesPattern, surnameOf, type CompiledAuthority } from "./authority.js";

export interface FoundName {
  start: number;
  end: number;
  /** The name as it stands, without a possessive. */
  surface: string;
  /** The person's heading; for a name not in the authority file, its own form inverted (`Serge, Victor`). */
  heading: string;
  known: boolean;
  /** Set when the form names several persons and nothing in the text decided. */
  ambiguous?: string[];
}

/** The words the finder reads as evidence, from the lexicon. */
export interface NameVocabulary {
  /** Words before a full name that show it is a person's: `General`, `Dr.`. */
  titles: string[];
  /** Capitalised words that open a sentence (`Nonetheless`): after an initial's stop they start the next sentence. */
  sentenceStarts?: string[];
}

const particles = new Set(["del", "de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "y"]);

/** A word of the language layer, with its offsets in the text the finder reads. */
export interface TextWord {
  start: number;
  end: number;
  /** The language layer's sentence the word stands in (its index in the block): a name never crosses a sentence's end. */
  sentence?: number;
}

const forenameCache = new Map<string, boolean>();
function isForename(word: string): boolean {
  let known = forenameCache.get(word);
  if (known === undefined) {
    known = nlp(word).has("#FirstName");
    forenameCache.set(word, known);
  }
  return known;
}

/**
 * An image or document file's name as it stands in a text: a word glued by `_`/`-` to its extension, or a wiki `File:` name with spaces.
 * Linear: a bare name starts only where a word starts (the lookbehind), and a `File:` name is at most 200 characters long.
 */
const fileNames = /(?:\b(?:File|Image):[^|[\]\n]{1,200}?|(?<![^\s|[\]()])[^\s|[\]()]+)\.(?:jpe?g|png|gif|svg|tiff?|webp|pdf)\b/giu;

const isInitial = (word: string) => /^\p{Lu}\.$/u.test(word);

const functionWordCache = new Map<string, boolean>();
/** A word that is a function word in lower case for compromise (`the`, `however`, `he`, `thus`): no surname. */
function isFunctionWord(word: string): boolean {
  let known = functionWordCache.get(word);
  if (known === undefined) {
    known = nlp(word.toLowerCase()).has("(#Adverb|#Determiner|#Pronoun|#Conjunction|#Preposition|#QuestionWord|#Expression)");
    functionWordCache.set(word, known);
  }
  return known;
}
const isCapitalised = (word: string) => /^\p{Lu}[\p{Ll}\p{M}]/u.test(word);

interface Token {
  word: string;
  start: number;
  end: number;
  sentence?: number;
}

/**
 * The words as tokens: an initial keeps its stop (`V.`), any other word
 * loses the stops it ends on (`St.` is `St`), so the stop stands between it
 * and the next word.
 */
function tokensOf(text: string, words: TextWord[]): Token[] {
  return words.flatMap(({ start, end, sentence }) => {
    let value = text.slice(start, end);
    if (!isInitial(value)) value = value.replace(/\.+$/u, "");
    return value ? [{ word: value, start, end: start + value.length, sentence }] : [];
  });
}

/**
 * Runs of name-like tokens (capitalised words, initials, particles between them) separated only by spaces, each
 * within one sentence: a run ends at the language layer's sentence end, and after an initial whose stop ends the
 * sentence (the next word opens one), so a forename and the next sentence's first word are no name.
 */
function nameRuns(text: string, words: TextWord[], opensSentence: (word: string) => boolean): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const close = () => {
    while (run.length && !isCapitalised(run.at(-1)!.word)) run.pop();
    if (run.length) runs.push(run);
    run = [];
  };
  for (const { word: value, start, sentence } of tokensOf(text, words)) {
    // A possessive ends the name: `John Reed’s Ten Days`.
    const possessive = /['’]s$/u.test(value);
    const word = possessive ? value.slice(0, -2) : value;
    const token = { word, start, end: start + word.length, sentence };
    const last = run.at(-1);
    const gap = last ? text.slice(last.end, token.start) : "";
    const nameLike = isCapitalised(token.word) || isInitial(token.word) || (particles.has(token.word) && run.length > 0);
    if (last && !/^[\s\u00A0]+$/.test(gap) && !(isInitial(last.word) && gap === "")) close();
    else if (last && last.sentence !== token.sentence) close();
    else if (last && isInitial(last.word) && isCapitalised(token.word) && opensSentence(token.word)) close();
    if (nameLike) run.push(token);
    else close();
    if (possessive) close();
  }
  close();
  return runs;
}

/** A run accepted as an unknown person, trimmed to where the evidence starts; undefined when there is none. */
function unknownPerson(run: Token[], titles: Set<string>): { tokens: Token[]; title?: Token } | undefined {
  let index = run.findIndex((token) => titles.has(token.word) || isInitial(token.word) || isForename(token.word));
  if (index < 0) return undefined;
  let title: Token | undefined;
  if (titles.has(run[index]!.word)) {
    title = run[index];
    index++;
  }
  const tokens = run.slice(index);
  const names = tokens.filter((token) => isCapitalised(token.word));
  const evidence = tokens.some((token) => isInitial(token.word) || particles.has(token.word)) || isForename(tokens[0]?.word ?? "");
  // A title before one word (`General Strike`, `General Secretary`) is no evidence; before a full name it is.
  if (names.length < 2 || !(evidence || title)) return undefined;
  // `Roman Emperors`: a forename before a plural noun is no person.
  if (nlp(tokens.at(-1)!.word.toLowerCase()).has("#Plural")) return undefined;
  if (nlp(tokens.map((token) => token.word).join(" ")).has("(#Place|#Organization|#Country)")) return undefined;
  return { tokens, title };
}

function invert(tokens: Token[]): string {
  const words = tokens.map((token) => token.word);
  return `${words.at(-1)}, ${words.slice(0, -1).join(" ")}`.replace(/\s+/g, " ");
}

/**
 * Finds the names in the paragraphs of one text, in reading order: it
 * remembers the full names it has met, to resolve a surname two persons share
 * and to know an unknown person's surname when it comes alone later.
 */
export class NameFinder {
  /** The heading each surname last stood for in a full name, in this text. */
  private readonly recentFull = new Map<string, string>();
  /** Surnames of unknown persons met in full, in this text. */
  private readonly unknownSurnames = new Map<string, string>();

  private readonly titles: Set<string>;
  private readonly sentenceStarts: Set<string>;

  constructor(
    private readonly authority: CompiledAuthority,
    vocabulary: NameVocabulary = { titles: [] },
  ) {
    this.titles = new Set(vocabulary.titles);
    this.sentenceStarts = new Set(vocabulary.sentenceStarts ?? []);
  }

  /** The names in `text`, reading its `words` (the language layer's, with offsets in `text`). */
  find(text: string, words: TextWord[]): FoundName[] {
    const blocked: [number, number][] = [];
    for (const pattern of this.authority.notPersons) {
      for (const match of text.matchAll(pattern)) blocked.push([match.index, match.index + match[0].length]);
    }
    // A name inside a file's name (`Leon_Trotsky_1920.jpg`, `File:Trotsky in Mexico.jpg`) is no mention.
    for (const match of text.matchAll(fileNames)) blocked.push([match.index, match.index + match[0].length]);
    const free = (start: number, end: number) => !blocked.some(([s, e]) => start < e && s < end);
    const found: FoundName[] = [];
    const sameParagraph = new Map<string, string>();

    const known = [...(this.authority.pattern ? text.matchAll(this.authority.pattern) : [])];
    for (const match of known) {
      const start = match.index;
      const end = start + match[1]!.length;
      if (!free(start, end)) continue;
      blocked.push([start, end]);
      found.push({ start, end, surface: match[1]!, heading: "", known: true });
    }

    // A capitalised word after an initial's stop opens the next sentence (`… vitamin E. Nonetheless, …`) when the
    // lexicon lists it as a sentence's start or compromise reads it as a function word; the language layer reads the stop as an initial's.
    const opensSentence = (word: string) => this.sentenceStarts.has(word) || isFunctionWord(word);
    for (const run of nameRuns(text, words, opensSentence)) {
      const parts = splitAtBlocked(run, free);
      for (const part of parts) {
        const person = unknownPerson(part, this.titles);
        // `St. Louis Post-Dispatch`, `Fort William`: a place's name, however personal.
        if (!person || /\b(?:St|Saint|San|Santa|Fort|Port|Mount)\.?[\s\u00A0]+$/u.test(text.slice(0, part[0]!.start))) continue;
        const first = person.title ?? person.tokens[0]!;
        const start = first.start;
        const end = person.tokens.at(-1)!.end;
        const heading = invert(person.tokens);
        found.push({ start, end, surface: text.slice(start, end), heading, known: false });
        blocked.push([start, end]);
        this.unknownSurnames.set(person.tokens.at(-1)!.word, heading);
      }
    }

    const unknownPattern = namesPattern(this.unknownSurnames.keys());
    for (const match of unknownPattern ? text.matchAll(unknownPattern) : []) {
      const start = match.index;
      const end = start + match[1]!.length;
      if (!free(start, end)) continue;
      blocked.push([start, end]);
      found.push({ start, end, surface: match[1]!, heading: this.unknownSurnames.get(match[1]!)!, known: false });
    }

    found.sort((a, b) => a.start - b.start);
    for (const name of found) {
      if (!name.known) continue;
      const key = formKey(name.surface);
      const full = this.authority.fullForms.get(key);
      if (full) {
        name.heading = full[0]!;
        if (full.length > 1) name.ambiguous = full;
        const surname = key.split(" ").at(-1)!;
        this.recentFull.set(surname, name.heading);
        sameParagraph.set(surname, name.heading);
        continue;
      }
      const candidates = this.authority.singleForms.get(key) ?? [];
      const resolved = this.resolve(key, candidates, sameParagraph);
      name.heading = resolved ?? candidates[0]!;
      if (!resolved) name.ambiguous = candidates;
    }
    return found;
  }

  /** A surname several persons share: a full name in the same paragraph, the person whose heading it is, or the latest full name. */
  private resolve(key: string, candidates: string[], sameParagraph: Map<string, string>): string | undefined {
    if (candidates.length === 1) return candidates[0];
    const local = sameParagraph.get(key);
    if (local && candidates.includes(local)) return local;
    const owners = candidates.filter((heading) => formKey(surnameOf(heading)) === key);
    if (owners.length === 1) return owners[0];
    const recent = this.recentFull.get(key);
    if (recent && candidates.includes(recent)) return recent;
    return undefined;
  }
}

/** The parts of a run between names already found (or zones that are no person). */
function splitAtBlocked(run: Token[], free: (start: number, end: number) => boolean): Token[][] {
  const parts: Token[][] = [[]];
  for (const token of run) {
    if (free(token.start, token.end)) parts.at(-1)!.push(token);
    else parts.push([]);
  }
  return parts.filter((part) => part.length);
}
