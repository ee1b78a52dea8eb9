// Finding the persons named in one text. The authority file decides for every
// form it knows. Any other person is found from the text's own evidence, read
// in two passes: `learn` reads every paragraph first and `settle` decides who
// is a person; `find` then marks each paragraph. A full name (forenames or
// initials and a surname, particles such as `van` between) is a person with
// evidence: a title, initials, a particle, a forename compromise knows, a
// list it shares with a person, a possessive, an editor's role before it
// (`trans.`), the head of a note. A single word is a person when compromise
// knows the surname, or from its uses: possessives, a Slavic surname's
// ending, a list it shares with a person, a verb after it twice; never a
// common English word (`Platypus`), a place, a derived word (`Leninism`) or a
// word most often after `the`. Later surname-only and forename-only mentions
// go to the person last introduced with that name; a name two persons share
// is reported, never merged silently.
import { compromiseLexicon, nlp } from "../../language/lazy-packages.js";
import { isCommonWord } from "./common-words.js";
import { formKey, surnameOf, type CompiledAuthority, type NameMatch } from "./authority.js";
import { memoised } from "../memo.js";
import { createHash } from "node:crypto";

export interface FoundName {
  start: number;
  end: number;
  /** The name as it stands, without a possessive. */
  surface: string;
  /** The person's heading; for a name not in the authority file, its own fullest form inverted (`Serge, Victor`). */
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
  /** Words before a name that give a person's role in a work (`trans.`, `ed.`), in lower case. */
  nameRoles?: string[];
  /** Endings of surnames (`ov`, `sky`): a capitalised word not in the dictionary that ends so is evidence of a person. */
  surnameEndings?: string[];
  /** Words after a name that make it a firm's (`Sons`, `Press`). */
  firmWords?: string[];
  /** Nouns of persons (`writer`, `leader`): a capitalised word right after one is a person's name. */
  personNouns?: string[];
  /** Endings of place names (`bourne`): with one use where a place stands, a word so ending is a place. */
  placeEndings?: string[];
}

const particles = new Set(["del", "de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "y"]);
/** Words before a single word that show a place: `in Leningrad`, `to Alma-Ata`. */
const locatives = new Set(["in", "at", "near", "from", "to", "into", "outside", "across", "past", "beyond", "towards", "toward", "via"]);
/** Words before `to` that make it no place's (`according to Marx`). */
const notMotion = new Set(["according", "thanks", "owing", "due", "next", "contrary", "opposed", "compared", "similar", "close", "related", "letter", "letters", "reply", "answer", "write", "writes", "wrote", "written", "writing", "say", "said", "spoke", "speak", "talked", "appealed", "appeal", "married", "belonged", "introduced", "replied"]);
/** `run` stands where a place does: after `in`, `to`, `from` (not `according to`), or `the town of`. */
const afterLocative = (run: Run) => {
  const before = run.before?.word.toLowerCase();
  if (!before || run.possessive) return false;
  if (locatives.has(before)) return !(before === "to" && notMotion.has(run.beforeBefore?.word.toLowerCase() ?? ""));
  return before === "of" && placeNouns.has(run.beforeBefore?.word.toLowerCase() ?? "");
};
const placeNouns = new Set(["town", "city", "village", "province", "region", "port", "capital", "district", "river"]);
/** Verbs of a person's act before `by` (`led by Maurin`, `written by Parvus`): the agent is a person. Not `published`, `issued`: a firm's acts. */
const personActs = new Set(["led", "written", "founded", "headed", "murdered", "killed", "assassinated", "ordered", "signed", "organised", "organized", "edited", "translated", "denounced", "betrayed", "shot", "arrested", "replaced", "succeeded"]);
/** Nouns of a person's life before `of` (`the fall of Robespierre`, `the murder of Kirov`): the name after is a person's. */
const lifeEvents = new Set(["fall", "death", "murder", "execution", "assassination", "arrest", "trial", "widow", "funeral", "overthrow", "followers", "supporters", "biography", "ideas", "assassin", "murderer"]);
/** A relative pronoun of persons after a name (`Parvus, who`). Not `whose`: a place's too (`Kronstadt, whose sailors`). */
const personRelative = /^[’']?s?,?[\s\u00A0]+(?:who|whom)\b/u;
/** One capital letter without its stop, between a forename and a surname (`Bertrand M Patenaude`). */
const isBareInitial = (word: string) => /^\p{Lu}$/u.test(word);
/** Words before two unknown capitalised words that make them a person's name (`the role of Pontius Pilate`, `like Pontius Pilate`). */
const pairIntroducers = new Set(["of", "by", "like"]);
/** Nouns of kin: a forename alone after one is its person's name (`his second wife, Natalia`). */
const kinNouns = new Set(["wife", "husband", "son", "daughter", "brother", "sister", "mother", "father"]);
// Not `that`: before a name it is most often a conjunction (`argued that Lunacharsky …`).
const determiners = new Set(["the", "a", "an", "this", "these", "those", "its", "their", "our", "his", "her", "every", "each"]);

/** A word of the language layer, with its offsets in the text the finder reads. */
export interface TextWord {
  start: number;
  end: number;
  /** The language layer's sentence the word stands in (its index in the block): a name never crosses a sentence's end. */
  sentence?: number;
}

/** Where a paragraph's text stands: in a note, and at the start of its block. */
export interface TextContext {
  inNote?: boolean;
  /** The text is the first of its block: a name at its start heads the paragraph. */
  blockStart?: boolean;
}

function cached<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = compute(key)));
    return value;
  };
}

// One word's tag from compromise's lexicon: a lookup, where a whole `nlp()` parse per word took most of the
// enricher's time on a first build.
const tagOf = (word: string) => compromiseLexicon()[word.toLowerCase()];
const forenameTags = new Set(["FirstName", "MaleName", "FemaleName"]);
const surnameTags = new Set(["LastName", "Person", "Honorific"]);
const placeTags = new Set(["Place", "City", "Country", "Region", "Organization", "Month", "WeekDay", "Date", "Demonym", "Holiday"]);
const functionTags = new Set(["Determiner", "Conjunction", "Preposition", "Pronoun", "Adverb", "QuestionWord", "Expression", "Comparative"]);
const isForename = (word: string) => forenameTags.has(tagOf(word) ?? "");
/** A surname compromise knows (`Stalin`, `Mussolini`). */
const isKnownSurname = (word: string) => surnameTags.has(tagOf(word) ?? "");
/** A place, an organisation or a date: for one word compromise's lexicon, for several words its tagger. */
const isPlaceRun = cached((text) => nlp(text).has("(#Place|#Organization|#Country|#City|#Region|#Date|#Month|#WeekDay)"));
const isPlace = (text: string) => (text.includes(" ") ? isPlaceRun(text) : placeTags.has(tagOf(text) ?? ""));
/** compromise reads every word of the name as a person's (`Max Eastman`). */
const isPersonName = cached((text) => nlp(text).match("#Person+").text() === text);
const verbTags = new Set(["Verb", "PastTense", "PresentTense", "Copula", "Modal", "Auxiliary"]);
/** A verb, by compromise's lexicon where it tells (`wrote`, `has`, `the`), else by a parse of the word alone (`emphasised`, `shows`). */
const isVerb = (word: string) => {
  const tag = tagOf(word);
  if (typeof tag !== "string") return parsedVerb(word);
  // A noun's plural in the lexicon (`shows`, `documents`) is a verb after a name, as a parse of the word alone says.
  if (verbTags.has(tag)) return true;
  return functionTags.has(tag) ? false : parsedVerb(word);
};
const parsedVerb = cached((word) => {
  const parsed = nlp(word.toLowerCase());
  return parsed.has("#Verb") && !parsed.has("(#Noun|#Adjective)");
});
/** A word that is a function word in lower case for compromise (`the`, `however`, `he`, `thus`): no surname. */
const isFunctionWord = (word: string) => functionTags.has(tagOf(word) ?? "");
/** Words made from a name (`Leninism`, `Trotskyists`, `Hegelian`), plurals of a people (`Bolsheviks`) and a people's adjectives (`British`). */
const isDerived = (word: string) => /(?:ism|isms|ist|ists|ite|ites|ian|ians|ic|ics|ks|ese|ish)$/u.test(word);

/**
 * An image or document file's name as it stands in a text: a word glued by `_`/`-` to its extension, or a wiki `File:` name with spaces.
 * Linear: a bare name starts only where a word starts (the lookbehind), and a `File:` name is at most 200 characters long.
 */
const fileNames = /(?:\b(?:File|Image):[^|[\]\n]{1,200}?|(?<![^\s|[\]()])[^\s|[\]()]+)\.(?:jpe?g|png|gif|svg|tiff?|webp|pdf)\b/giu;

/** One initial or several run together: `V.`, `J.M.`, `C.L.R.`. */
const isInitial = (word: string) => /^(?:\p{Lu}\.)+$/u.test(word);
const isCapitalised = (word: string) => /^\p{Lu}[\p{Ll}\p{M}]/u.test(word);
/** A Chinese name's shape, surname first: `Chiang Kai-shek`, `Mao Tse-tung`. */
// `Chiang Kai-Shek` too: two short syllables, both capitalised (`Brest-Litovsk`'s are longer).
const isChineseGiven = (word: string) => /^\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(word) || /^\p{Lu}\p{Ll}{1,3}-\p{Lu}\p{Ll}{1,3}$/u.test(word);

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
  const tokens: Token[] = [];
  for (const { start, end, sentence } of words) {
    let value = text.slice(start, end);
    if (value.endsWith(".") && !isInitial(value)) value = value.replace(/\.+$/u, "");
    if (value) tokens.push({ word: value, start, end: start + value.length, sentence });
  }
  return tokens;
}

/** A run of name-like tokens and what stands around it. */
interface Run {
  tokens: Token[];
  possessive: boolean;
  /** The word before the run in its sentence, if any, and the one before it. */
  before?: Token;
  beforeBefore?: Token;
  /** The word after the run (after a possessive) in its sentence, if any. */
  after?: Token;
  /** The run's first token opens its sentence. */
  sentenceStart: boolean;
}

/**
 * Runs of name-like tokens (capitalised words, initials, particles between them) separated only by spaces, each
 * within one sentence: a run ends at the language layer's sentence end, and after an initial whose stop ends the
 * sentence (the next word opens one), so a forename and the next sentence's first word are no name.
 */
function nameRuns(text: string, words: TextWord[], opensSentence: (word: string) => boolean): Run[] {
  const runs: Run[] = [];
  const tokens = tokensOf(text, words);
  let run: Token[] = [];
  let runStart = 0;
  let possessive = false;
  const close = (next: number) => {
    while (run.length && !isCapitalised(run.at(-1)!.word)) run.pop();
    if (run.length) {
      const first = tokens[runStart];
      const before = runStart > 0 && tokens[runStart - 1]!.sentence === first?.sentence ? tokens[runStart - 1] : undefined;
      const beforeBefore = before && runStart > 1 && tokens[runStart - 2]!.sentence === first?.sentence ? tokens[runStart - 2] : undefined;
      const after = tokens[next] && tokens[next]!.sentence === run.at(-1)!.sentence ? tokens[next] : undefined;
      runs.push({ tokens: run, possessive, before, beforeBefore, after, sentenceStart: !before });
    }
    run = [];
    possessive = false;
  };
  tokens.forEach((raw, index) => {
    // A possessive ends the name: `John Reed’s Ten Days`, `Lukács’ theory`.
    const tail = raw.word.at(-1);
    const ending = tail !== "s" && tail !== "’" && tail !== "'" ? 0 : /['’]s$/u.test(raw.word) ? 2 : /s['’]$/u.test(raw.word) ? 1 : 0;
    const word = ending ? raw.word.slice(0, -ending) : raw.word;
    const nameLike = isCapitalised(word) || isInitial(word) || (particles.has(word) && run.length > 0) || (isBareInitial(word) && run.length > 0 && isForename(run.at(-1)!.word));
    // Most words are no name and stand after none: nothing to close or start.
    if (!nameLike && !run.length) return;
    const token = { word, start: raw.start, end: raw.start + word.length, sentence: raw.sentence };
    const last = run.at(-1);
    const gap = last ? text.slice(last.end, token.start) : "";
    if (last && !/^[\s\u00A0]+$/.test(gap) && !(isInitial(last.word) && gap === "")) close(index);
    else if (last && last.sentence !== token.sentence) close(index);
    else if (last && isInitial(last.word) && isCapitalised(token.word) && opensSentence(token.word)) close(index);
    if (nameLike) {
      if (!run.length) runStart = index;
      run.push(token);
    } else close(index);
    if (ending && run.length) {
      possessive = true;
      close(index + 1);
    }
  });
  close(tokens.length);
  return runs;
}

/** A run's name: the tokens from where the name starts (after a sentence's opening word or a title), and the title. */
interface Candidate {
  tokens: Token[];
  title?: Token;
  run: Run;
  /** The candidate stands at the head of a note, before a comma (a cited work's author). */
  noteHead: boolean;
}

/** What the first pass read of a paragraph, kept for the second (the authority file's pattern runs once per text). */
export type LearnedText = ReturnType<NameFinder["candidates"]>;

/** A detected person: one surname and compatible forenames. */
interface Person {
  surname: string;
  /** Forenames as seen, each as its words (`["Leon"]`, `["L."]`). */
  forenames: string[][];
  particles: string[];
  /** Chinese order: the heading is the name as it stands. */
  asWritten?: string;
  /** Where the person was first met (learning order), to pick the first introduced. */
  order: number;
  heading: string;
}

interface Draft {
  tokens: Token[];
  evidence: "strong" | "role" | "weak" | "none";
  /** compromise's tagger may make the evidence strong (`Max Eastman`): asked only when the cheaper evidence does not decide. */
  askTagger: boolean;
  possessive: boolean;
  listId?: number;
}

/** Per single word: its free uses (mid-sentence, not after a determiner) and what they show. */
interface WordUses {
  free: number;
  determined: number;
  possessive: number;
  /** The words after its free uses, read as verbs only when needed (`Pilnyak has`, `as Baudelaire wrote`). */
  after: string[];
  /** Uses after a word of place (`in Leningrad`, `the town of Nicolayev`). */
  place: number;
  /** The words after its uses that open a sentence (`Pilnyak wants`): read as verbs for a word no dictionary knows. */
  openingAfter: string[];
  /** Uses in a joint possessive with another name (`Fried and Greenberg’s criticism`). */
  joint: Set<number>;
  title: number;
  /** Uses of a forename after a noun of kin (`his wife, Natalia`). */
  kin: number;
  lists: Set<number>;
  order: number;
}

/**
 * Finds the names in the paragraphs of one text, in reading order: it
 * remembers the full names it has met, to resolve a surname two persons share
 * and to know an unknown person's surname when it comes alone later.
 */
export class NameFinder {
  /** The heading each surname last stood for in a full name, in this text. */
  private readonly recentFull = new Map<string, string>();

  private readonly titles: Set<string>;
  private readonly sentenceStarts: Set<string>;
  private readonly roles: Set<string>;
  private readonly endings: RegExp | undefined;
  private readonly firmWords: Set<string>;
  private readonly placeEndings: RegExp | undefined;
  private readonly personNouns: Set<string>;

  private learned = false;
  private settled = false;
  private order = 0;
  private nextList = 0;
  private readonly drafts: Draft[] = [];
  private readonly singles = new Map<string, WordUses>();
  /** List ids that hold a place (`in Simbirsk, Samara and …`). */
  private readonly placeLists = new Set<number>();
  /** List ids joined by `and` whose last name is a possessive (`Fried and Greenberg’s`): the possessive is every member's. */
  private readonly jointLists = new Set<number>();
  /** List ids that hold a person the authority file knows. */
  private readonly knownLists = new Set<number>();
  /** Persons by the key of each full form. */
  private readonly fullForms = new Map<string, Person>();
  /** Persons by a word that names them alone (surname, or a forename), in order of introduction. */
  private readonly lone = new Map<string, Person[]>();
  /** The person each lone word last stood for in a full form, while marking. */
  private readonly lastIntroduced = new Map<string, Person>();

  constructor(
    private readonly authority: CompiledAuthority,
    vocabulary: NameVocabulary = { titles: [] },
  ) {
    this.titles = new Set(vocabulary.titles);
    this.sentenceStarts = new Set(vocabulary.sentenceStarts ?? []);
    this.roles = new Set((vocabulary.nameRoles ?? []).map((role) => role.toLowerCase().replace(/\.$/, "")));
    this.firmWords = new Set(vocabulary.firmWords ?? []);
    this.personNouns = new Set(vocabulary.personNouns ?? []);
    const places = vocabulary.placeEndings ?? [];
    this.placeEndings = places.length ? new RegExp(`\\p{Ll}(?:${places.join("|")})$`, "u") : undefined;
    const endings = vocabulary.surnameEndings ?? [];
    this.endings = endings.length ? new RegExp(`\\p{Ll}(?:${endings.join("|")})$`, "u") : undefined;
    this.readingKey = readingKey(authority, vocabulary);
  }

  /** A capitalised word after an initial's stop opens the next sentence (`… vitamin E. Nonetheless, …`) when the lexicon lists it or compromise reads it as a function word. */
  private readonly opensSentence = (word: string) => this.sentenceStarts.has(word) || isFunctionWord(word);

  /** The zones of `text` that are no unknown person: the authority file's names, its `notPersons`, file names. */
  private blockedZones(text: string) {
    const blocked: [number, number][] = [];
    const notPersons: [number, number][] = [];
    for (const pattern of this.authority.notPersons) {
      for (const match of text.matchAll(pattern)) notPersons.push([match.index, match.index + match[0].length]);
    }
    blocked.push(...notPersons);
    for (const match of text.matchAll(fileNames)) blocked.push([match.index, match.index + match[0].length]);
    const free = (start: number, end: number) => !blocked.some(([s, e]) => start < e && s < end);
    const known: NameMatch[] = [];
    for (const match of this.authority.match?.(text) ?? []) {
      const start = match.index;
      if (!free(start, start + match.name.length)) continue;
      known.push(match);
      blocked.push([start, start + match.name.length]);
    }
    return { blocked, free, known };
  }

  /** The candidate a run part holds: leading sentence openers dropped, a title kept apart. */
  private candidate(part: Token[], run: Run, text: string, context: TextContext): Candidate | undefined {
    let index = 0;
    let title: Token | undefined;
    while (index < part.length - 1 && !isInitial(part[index]!.word)) {
      const word = part[index]!.word;
      if (this.titles.has(word) || this.titles.has(`${word}.`)) {
        title = part[index];
        index++;
        break;
      }
      // Only a sentence's first words are capitalised for no reason (`Under Stalin`, `Then Lenin`); mid-sentence
      // a capitalised function word is a name's (`ed. Les Evans`).
      const opening = run.sentenceStart && part[0] === run.tokens[0];
      // The lexicon's sentence openers stand capitalised mid-sentence only at a seam (`etc. When Hitler`).
      const beforeParticle = particles.has(part[index + 1]?.word ?? "");
      // `the “Left” Social-Revolutionaries Karelin and Kamkov`: a party's or a people's word before a name is no forename.
      const partyWord = !isForename(word) && ((isDerived(word) && word.endsWith("s")) || /^\p{Lu}\p{Ll}*-\p{Lu}/u.test(word));
      if (this.sentenceStarts.has(word) || partyWord || (opening && (isFunctionWord(word) || (!beforeParticle && isCommonWord(word) && !isForename(word))))) index++;
      else break;
    }
    let tokens = part.slice(index);
    if (!tokens.length) return undefined;
    // `Leon Trotsky Memorial meeting`: a common word after a forename and a surname names a thing after the person.
    const last = tokens.at(-1)!.word;
    if (tokens.length >= 3 && isForename(tokens[0]!.word) && isCapitalised(last) && isCommonWord(last) && !isForename(last) && !isInitial(tokens.at(-2)!.word) && !isCommonWord(tokens.at(-2)!.word)) tokens = tokens.slice(0, -1);
    // `St. Louis Post-Dispatch`, `Fort William`: a place's name, however personal.
    if (/\b(?:St|Saint|San|Santa|Fort|Port|Mount)\.?[\s\u00A0]+$/u.test(text.slice(0, (title ?? tokens[0]!).start))) return undefined;
    const noteHead = Boolean(context.inNote && context.blockStart && text.slice(0, tokens[0]!.start).trim() === "" && /^[’']?s?,/u.test(text.slice(tokens.at(-1)!.end)));
    // `While Lenin and Mao have been`: after a dropped opener the name stands mid-sentence, that opener before it.
    const dropped = !title && index > 0 && part[0] === run.tokens[0] && run.sentenceStart && tokens[0] === part[index];
    const own: Run = dropped ? { ...run, sentenceStart: false, before: part[index - 1], beforeBefore: part[index - 2] } : run;
    return { tokens, title, run: own, noteHead };
  }

  /** What decides a paragraph's candidates besides its own text and words: the authority file and the vocabulary (a memo key's part). */
  private readonly readingKey: string;

  /** The runs of `text` cut at the blocked zones, each with its candidate; kept in the text's memo (../memo.ts) by the paragraph's text, words and place. */
  candidates(text: string, words: TextWord[], context: TextContext) {
    const { blocked, known, runs, found } = this.memoCandidates(text, words, context);
    const free = (start: number, end: number) => !blocked.some(([s, e]) => start < e && s < end);
    return { zones: { blocked, free, known }, runs, found };
  }

  // Its value is shared with the memo (and written to disk as it is): `learn` and `find` only read it.
  private readonly memoCandidates = memoised(
    "nameCandidates",
    (text: string, words: TextWord[], context: TextContext) =>
      `${this.readingKey}:${context.inNote ? 1 : 0}${context.blockStart ? 1 : 0}:${words.map((word) => `${word.start},${word.end},${word.sentence ?? ""}`).join(" ")}\0${text}`,
    (text: string, words: TextWord[], context: TextContext) => {
      const { zones, runs, found } = this.readCandidates(text, words, context);
      return { blocked: zones.blocked, known: zones.known, runs, found };
    },
  );

  private readCandidates(text: string, words: TextWord[], context: TextContext) {
    const zones = this.blockedZones(text);
    const runs = nameRuns(text, words, this.opensSentence);
    const found: { candidate: Candidate; run: Run }[] = [];
    for (const run of runs) {
      for (const part of splitAtBlocked(run.tokens, zones.free)) {
        const partRun: Run = part.length === run.tokens.length ? run : { ...run, sentenceStart: run.sentenceStart && part[0] === run.tokens[0], possessive: run.possessive && part.at(-1) === run.tokens.at(-1) };
        const candidate = this.candidate(part, partRun, text, context);
        if (candidate) found.push({ candidate, run });
      }
    }
    return { zones, runs, found };
  }

  /** First pass: reads one paragraph's text for evidence of persons; gives what `find` needs of it again. */
  learn(text: string, words: TextWord[], context: TextContext = {}): LearnedText {
    this.learned = true;
    const learned = this.candidates(text, words, context);
    const { zones, runs, found } = learned;
    // Lists: runs of one sentence joined by `,`, `and`, `&` (`Marx, Engels, Rosa Luxemburg, and Lenin`).
    // Two names and a bare comma are often two clauses (`against Nep, Stalin had voiced`): a list has an `and` or three names.
    const listOf = new Map<Run, number>();
    const lists = new Map<number, { members: number; and: boolean }>();
    for (let index = 1; index < runs.length; index++) {
      const [previous, run] = [runs[index - 1]!, runs[index]!];
      if (previous.tokens[0]!.sentence !== run.tokens[0]!.sentence) continue;
      const gap = text.slice(previous.tokens.at(-1)!.end, run.tokens[0]!.start);
      if (!/^(?:['’]s?)?(?:\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)$/u.test(gap)) continue;
      const known = listOf.get(previous);
      const id = known ?? this.nextList++;
      const list = lists.get(id) ?? { members: 1, and: false };
      list.members++;
      list.and ||= /\b(?:and)\b|&/u.test(gap);
      lists.set(id, list);
      listOf.set(previous, id);
      listOf.set(run, id);
    }
    for (const [run, id] of listOf) if (!lists.get(id)!.and && lists.get(id)!.members < 3) listOf.delete(run);
    const lastOf = new Map<number, Run>();
    for (const [run, id] of listOf) lastOf.set(id, run);
    for (const [id, run] of lastOf) if (run.possessive && lists.get(id)!.and) this.jointLists.add(id);
    for (const match of zones.known) {
      const run = runs.find((candidate) => candidate.tokens[0]!.start <= match.index && candidate.tokens.at(-1)!.end >= match.index + match.name.length);
      const id = run && listOf.get(run);
      if (id !== undefined) this.knownLists.add(id);
    }
    for (const { candidate, run: whole } of found) {
      const listId = listOf.get(whole);
      // The candidate's own view of the run: after a dropped opener (`In Kazan`), that opener is the word before it.
      const run = candidate.run;
      const names = candidate.tokens.filter((token) => isCapitalised(token.word));
      // `C. Schribner's Sons`, `Harvard University Press`: a firm's name.
      if (run.after && this.firmWords.has(run.after.word)) continue;
      if (names.length >= 2 || (names.length === 1 && candidate.tokens.some((token) => isInitial(token.word)))) {
        this.drafts.push({ tokens: candidate.tokens, ...this.evidence(candidate, text), possessive: candidate.run.possessive, listId });
        continue;
      }
      if (names.length !== 1 || candidate.tokens.length !== 1) continue;
      const word = names[0]!.word;
      const uses = this.singles.get(word) ?? { kin: 0, free: 0, determined: 0, possessive: 0, after: [] as string[], place: 0, openingAfter: [] as string[], joint: new Set<number>(), title: 0, lists: new Set<number>(), order: this.order++ };
      this.singles.set(word, uses);
      // `the writer Labriola`, `one leader, Breitscheid, issued`: a noun of a person before the name.
      // Not where a known name was cut off the run (`her friend, Evgeni Preobrazhensky`: `Evgeni` is no surname).
      // `a gardener called Shvigovsky`, but not `a street called Aldgate`.
      const wordBefore = run.before?.word.toLowerCase();
      const nounBefore = /^(?:called|named)$/u.test(wordBefore ?? "") ? run.beforeBefore?.word.toLowerCase() : wordBefore;
      const afterPersonNoun = nounBefore !== undefined && this.personNouns.has(nounBefore) && !candidate.run.sentenceStart && candidate.tokens[0] === run.tokens[0] && candidate.tokens.at(-1) === run.tokens.at(-1);
      if (candidate.title || afterPersonNoun || this.actOrLifeOf(candidate, text)) uses.title++;
      // `his wife, Natalia,`: a forename after a noun of kin names its person alone.
      if (afterPersonNoun && isForename(word) && kinNouns.has(nounBefore!)) uses.kin++;
      const before = candidate.title ? undefined : run.before?.word.toLowerCase();
      const firm = run.after && this.firmWords.has(run.after.word);
      if (firm) continue;
      if (before && determiners.has(before)) uses.determined++;
      else if (candidate.run.sentenceStart && !candidate.title) {
        // A capital opening a sentence shows nothing by itself; the word after it may.
        if (run.after) uses.openingAfter.push(run.after.word);
      } else {
        if (listId !== undefined && this.jointLists.has(listId) && !candidate.run.possessive) uses.joint.add(listId);
        // `the Bishop of Ely’s house`: a title's `of` names its see or its land; `at Biffin’s`, `from Thorneycroft’s`: a possessive with no noun after it, after a place's preposition, is a shop's or a works'.
        const titleOf = before === "of" && this.titles.has(run.beforeBefore?.word ?? "");
        const elliptical = candidate.run.possessive && (/^[’']?s?[\s\u00A0]*[,.;:!?)]/u.test(text.slice(candidate.tokens.at(-1)!.end)) || (run.after !== undefined && isFunctionWord(run.after.word)));
        if (titleOf || (elliptical && before !== undefined && locatives.has(before))) {
          uses.place++;
          if (listId !== undefined) this.placeLists.add(listId);
          continue;
        }
        if (afterLocative(run)) {
          uses.place++;
          if (listId !== undefined) this.placeLists.add(listId);
        }
        uses.free++;
        if (candidate.run.possessive && !elliptical) uses.possessive++;
        if (run.after) uses.after.push(run.after.word);
        if (listId !== undefined) uses.lists.add(listId);
      }
    }
    return learned;
  }

  private evidence(candidate: Candidate, text: string): Pick<Draft, "evidence" | "askTagger"> {
    let evidence = this.cheapEvidence(candidate);
    // `One of his supporters, Evgenia Bosh`, `Adolphe Joffe, a Bolshevik leader`: a person's noun or act around the full name.
    const nounBefore = candidate.run.before?.word.toLowerCase().replace(/s$/u, "");
    const personAround = !candidate.title && candidate.tokens[0] === candidate.run.tokens[0] && nounBefore !== undefined && this.personNouns.has(nounBefore);
    if (evidence !== "strong" && !this.afterDeterminer(candidate) && (personAround || this.actOrLifeOf(candidate, text, false))) evidence = "strong";
    // `the role of Pontius Pilate`: two capitalised words mid-sentence that neither the dictionary nor compromise knows.
    else if (evidence === "none" && this.unknownPair(candidate)) evidence = "weak";
    // compromise reads `Alma Ata` as a person's name; after `to`/`in` a name without other evidence is a place's.
    return { evidence, askTagger: evidence !== "strong" && !(evidence === "none" && this.afterDeterminer(candidate)) && !afterLocative(candidate.run) };
  }

  /**
   * What stands around a name shows a person: `led by Maurin`, `the fall of Robespierre`, `Parvus, who`, or an
   * apposition with a noun of a person (`Adolphe Joffe, a Bolshevik leader`, `Cass Canfield, the head of`).
   */
  private actOrLifeOf({ run, tokens }: Candidate, text: string, relative = true): boolean {
    const before = run.before?.word.toLowerCase();
    const beforeBefore = run.beforeBefore?.word.toLowerCase() ?? "";
    if (tokens[0] === run.tokens[0] && ((before === "by" && personActs.has(beforeBefore)) || (before === "of" && lifeEvents.has(beforeBefore)))) return true;
    // The whole run, nothing cut before it: `the novel The Unnameable, who resembles` is a book's hero.
    if (tokens.at(-1) !== run.tokens.at(-1) || tokens[0] !== run.tokens[0]) return false;
    const rest = text.slice(tokens.at(-1)!.end, tokens.at(-1)!.end + 80);
    if (relative && personRelative.test(rest)) return true;
    const apposition = /^[’']?s?,[\s\u00A0]+(?:a|an|the|one|his|her|their)[\s\u00A0]+((?:[\p{L}-]+[\s\u00A0]+){0,3}[\p{L}-]+)/u.exec(rest);
    for (const word of apposition?.[1]!.split(/[\s\u00A0]+/u) ?? []) {
      if (this.personNouns.has(word)) return true;
      if (isFunctionWord(word) || !/^\p{Ll}/u.test(word) && isFunctionWord(word.toLowerCase())) return false;
    }
    return false;
  }

  private unknownPair({ title, run, tokens }: Candidate): boolean {
    // Only after words that introduce a person here (`the role of Pontius Pilate`), not after a work's noun (`the newspaper Novy Mir`).
    if (title || run.sentenceStart || tokens.length !== 2 || tokens[0] !== run.tokens[0] || !pairIntroducers.has(run.before?.word.toLowerCase() ?? "")) return false;
    if (run.beforeBefore && !lifeEvents.has(run.beforeBefore.word.toLowerCase()) && !/^role|part|like$/u.test(run.beforeBefore.word.toLowerCase()) && run.before!.word.toLowerCase() === "of") return false;
    return tokens.every(({ word }) => isCapitalised(word) && !/^\p{Lu}\p{Ll}*-/u.test(word) && !isCommonWord(word) && tagOf(word) === undefined && !isDerived(word) && !this.placeEndings?.test(word));
  }

  private afterDeterminer({ title, run, tokens }: Candidate): boolean {
    return !title && Boolean(run.before && determiners.has(run.before.word.toLowerCase())) && !isForename(tokens[0]!.word);
  }

  private cheapEvidence(candidate: Candidate): Draft["evidence"] {
    const { tokens, title, run, noteHead } = candidate;
    const last = tokens.at(-1)!.word;
    // `the Cours de Vincennes`: after `the`, a name without a forename is a place's or a thing's.
    if (this.afterDeterminer(candidate)) return "none";
    if (title || tokens.some((token) => isInitial(token.word) || particles.has(token.word)) || isForename(tokens[0]!.word) || isChineseGiven(last)) return "strong";
    const role = run.before && this.roles.has(run.before.word.toLowerCase().replace(/\.$/, ""));
    // `trans. Les Evans`: an editor's role before a name is evidence even where its forename is a common word.
    if (role) return "role";
    if (noteHead || run.possessive) return "weak";
    return "none";
  }

  /** Decides who the persons of the text are, from everything `learn` read. */
  settle(): void {
    this.settled = true;
    const persons: Person[] = [];
    const singlePersons = new Set<string>();
    const listHasPerson = new Set(this.knownLists);
    const accepted = new Set<Draft>();
    // The cheap evidence first, compromise's tagger only where it could change the answer (its parses took most of the enricher's time).
    const acceptDraft = (draft: Draft) => {
      const words = draft.tokens.map((token) => token.word);
      const text = words.join(" ");
      const accepted = acceptOn(draft, draft.evidence) || (draft.askTagger && acceptOn(draft, "strong") && isPersonName(text));
      return accepted && !(isPlace(text) && !isForename(words[0]!) && !isPersonName(text));
    };
    const acceptOn = (draft: Draft, evidence: Draft["evidence"]) => {
      const words = draft.tokens.map((token) => token.word);
      const last = words.at(-1)!;
      // `Roman Emperors`, `Show Trials`: a name never ends on a common word's plural.
      if (/s$/u.test(last) && isCommonWord(last) && !isCommonWord(`${last}s`) && isCommonWord(last.slice(0, -1))) return false;
      const commonLast = isCommonWord(last) && !isChineseGiven(last);
      if (evidence === "strong") return !commonLast || isForename(words[0]!) || words.some(isInitial) || !isCommonWord(words[0]!);
      // A surname the text shows as a person's alone (`Zinoviev`), or shaped as one (`Molotov`).
      if (evidence === "role") return !commonLast;
      const listed = (draft.listId !== undefined && listHasPerson.has(draft.listId)) || singlePersons.has(last) || Boolean(this.endings?.test(last) && !isCommonWord(last));
      // `Exiling Trotsky`, a title: weak evidence needs a first word that is a forename or no common word.
      // …but in a list of persons, a surname's shape after it is enough (`Mikhail Frunze, Maxim Litvinov, Vladimir Antonov`).
      const inPersonList = draft.listId !== undefined && listHasPerson.has(draft.listId) && Boolean(this.endings?.test(last)) && !isFunctionWord(words[0]!);
      if (evidence === "weak" || listed) return !commonLast && (isForename(words[0]!) || !isCommonWord(words[0]!) || inPersonList) && !words.some((word, at) => isDerived(word) && (at === 0 || isCommonWord(word)));
      return false;
    };
    // compromise's tagger, for the few words the cheap checks let through: `Europe` is a place it knows only so.
    const acceptSingle = (word: string, uses: WordUses) => accepts(word, uses) && !isPlaceRun(word);
    const accepts = (word: string, uses: WordUses) => {
      // `Brest-Litovsk`, `Social-Revolutionaries`: capitals joined by a hyphen name a place or a party.
      if (isDerived(word) || isPlace(word) || /^\p{Lu}\p{Ll}*-\p{Lu}/u.test(word)) return false;
      // `Fried and Greenberg’s criticism`: a joint possessive with a person makes a person even of a common word.
      if (!isFunctionWord(word) && !isForename(word) && [...uses.joint].some((id) => listHasPerson.has(id))) return true;
      // `the Stalin regime`: a surname compromise knows is a person's after `the` too.
      // …unless its only uses stand in lists of places (`Simbirsk, Samara and …`).
      // compromise's lexicon calls some towns persons (`Samara`): a `Person` that is no `LastName` needs two uses or a possessive.
      if (tagOf(word) === "Person" && uses.free + uses.determined < 2 && !uses.possessive) return false;
      if (isKnownSurname(word)) return uses.free + uses.determined > 0 && !(uses.free > 0 && uses.free <= uses.lists.size && [...uses.lists].every((id) => this.placeLists.has(id)));
      // `the British`, `George` alone: no surname.
      if (uses.kin > 0 && !isCommonWord(word)) return true;
      // `a gardener called Shvigovsky` and `the Shvigovsky group`: a noun of a person outweighs one use after `the`.
      if ((uses.determined > 0 && uses.determined >= uses.free + uses.title) || isCommonWord(word) || isForename(word)) return false;
      if (uses.title) return true;
      // A word seen only opening sentences (`Unfortunately`, `Programme`) shows nothing by its capital.
      // …but a word no dictionary and not compromise knows, with a verb after it twice, is a person's (`Pilnyak has`, `Pilnyak wants`, `as Baudelaire wrote`).
      // `past Pangbourne`: a place's ending and a place's preposition.
      if (uses.place > 0 && this.placeEndings?.test(word)) return false;
      const unknown = tagOf(word) === undefined;
      const verbs = () => uses.after.filter(isVerb).length + (unknown ? uses.openingAfter.filter(isVerb).length : 0);
      if (unknown && !/s$/u.test(word) && uses.after.length + uses.openingAfter.length > 1 && verbs() > 1 && verbs() >= uses.place) return true;
      if (uses.free === 0) return false;
      if (uses.place > 0 && uses.place >= uses.possessive) return false;
      if ([...uses.lists].some((id) => listHasPerson.has(id))) return true;
      if (this.endings?.test(word)) return true;
      // A verb after it twice (`Pilnyak has`, `Pilnyak wants`), never a plural's (`Jews were`).
      return uses.possessive > 0 || (!/s$/u.test(word) && uses.after.length > 1 && verbs() > 1);
    };
    // Evidence spreads through lists: a list that holds a person makes its other names persons.
    for (let round = 0, changed = true; changed && round < 4; round++) {
      changed = false;
      for (const draft of this.drafts) {
        if (accepted.has(draft) || !acceptDraft(draft)) continue;
        accepted.add(draft);
        if (draft.listId !== undefined && !listHasPerson.has(draft.listId)) (listHasPerson.add(draft.listId), (changed = true));
      }
      // `Karl Marx` earlier, then `Marx and Engels`: the surname of a full name accepted makes its list a list of persons.
      const surnames = new Set([...accepted].map((draft) => draft.tokens.at(-1)!.word));
      for (const [word, uses] of this.singles) {
        if (!surnames.has(word) || singlePersons.has(word)) continue;
        for (const id of uses.lists) if (!listHasPerson.has(id)) (listHasPerson.add(id), (changed = true));
      }
      for (const [word, uses] of this.singles) {
        if (singlePersons.has(word) || !acceptSingle(word, uses)) continue;
        singlePersons.add(word);
        for (const id of uses.lists) if (!listHasPerson.has(id)) (listHasPerson.add(id), (changed = true));
      }
    }
    // `Zinoviev and Kamenev Stalin knew`: two surnames side by side, each a person's alone, are two persons.
    for (const draft of accepted) {
      const [first, second] = draft.tokens.map((token) => token.word);
      const alone = (word: string) => singlePersons.has(word) || isKnownSurname(word);
      if (draft.tokens.length === 2 && !isForename(first!) && alone(first!) && alone(second!)) accepted.delete(draft);
    }
    // Persons: one per surname and compatible forenames, in order of first appearance.
    const bySurname = new Map<string, Person[]>();
    const personFor = (surname: string, forenames: string[], particlesOf: string[], order: number, asWritten?: string) => {
      const list = bySurname.get(surname) ?? [];
      bySurname.set(surname, list);
      const compatible = list.find((person) => !forenames.length || !person.forenames.length || person.forenames.some((other) => other[0]![0] === forenames[0]![0]));
      if (compatible) {
        if (forenames.length) compatible.forenames.push(forenames);
        if (particlesOf.length) compatible.particles = particlesOf;
        compatible.asWritten ??= asWritten;
        return compatible;
      }
      const person: Person = { surname, forenames: forenames.length ? [forenames] : [], particles: particlesOf, asWritten, order, heading: "" };
      list.push(person);
      persons.push(person);
      return person;
    };
    this.drafts.forEach((draft, index) => {
      if (!accepted.has(draft)) return;
      const words = draft.tokens.map((token) => token.word);
      const chinese = isChineseGiven(words.at(-1)!);
      const surname = chinese ? words[0]! : words.at(-1)!;
      const firstParticle = words.findIndex((word, at) => at > 0 && particles.has(word));
      const forenames = chinese ? [] : words.slice(0, firstParticle > 0 ? firstParticle : -1);
      const particlesOf = firstParticle > 0 ? words.slice(firstParticle, -1) : [];
      const person = personFor(surname, forenames, particlesOf, index, chinese ? words.join(" ") : undefined);
      this.fullForms.set(formKey(words.join(" ")), person);
    });
    for (const [word, uses] of this.singles) {
      if (!singlePersons.has(word)) continue;
      if (!bySurname.has(word)) personFor(word, [], [], this.drafts.length + uses.order);
    }
    for (const person of persons) {
      const fullest = [...person.forenames].sort((a, b) => fullness(b) - fullness(a))[0];
      const forenames = [...(fullest ?? []), ...person.particles].join(" ").replace(/\.(?=\p{Lu})/gu, ". ");
      person.heading = person.asWritten ?? (forenames ? `${person.surname}, ${forenames}` : person.surname);
    }
    persons.sort((a, b) => a.order - b.order);
    const addLone = (word: string, person: Person) => {
      const list = this.lone.get(word) ?? [];
      if (!list.includes(person)) list.push(person);
      this.lone.set(word, list);
    };
    for (const person of persons) addLone(person.surname, person);
    // A forename alone names its person when it is no common word and no surname of the text (`Natalia`).
    for (const person of persons) {
      for (const forenames of person.forenames) {
        const first = forenames[0]!;
        if (forenames.length === 1 && !isInitial(first) && !isCommonWord(first) && !bySurname.has(first)) addLone(first, person);
      }
    }
  }

  /** Second pass: the names in `text`, reading its `words` (the language layer's, with offsets in `text`). */
  find(text: string, words: TextWord[], context: TextContext = {}, learned?: LearnedText): FoundName[] {
    const read = learned ?? (this.learned ? this.candidates(text, words, context) : this.learn(text, words, context));
    if (!this.settled) this.settle();
    const { zones, found: candidates } = read;
    const found: FoundName[] = [];
    const sameParagraph = new Map<string, string>();
    for (const match of zones.known) {
      found.push({ start: match.index, end: match.index + match.name.length, surface: match.name, heading: "", known: true });
    }

    for (const { candidate } of candidates) {
      const full = candidate.tokens.length > 1 ? this.fullForms.get(formKey(candidate.tokens.map((token) => token.word).join(" "))) : undefined;
      if (full) {
        const start = (candidate.title ?? candidate.tokens[0]!).start;
        const end = candidate.tokens.at(-1)!.end;
        found.push({ start, end, surface: text.slice(start, end), heading: full.heading, known: false });
        for (const [word, persons] of this.lone) if (persons.includes(full) && candidate.tokens.some((token) => token.word === word)) this.lastIntroduced.set(word, full);
        continue;
      }
      for (const token of candidate.tokens) {
        const persons = this.lone.get(token.word);
        if (!persons) continue;
        // A common word opening a sentence (`Block`, `Rose`) is its person's only before a possessive or a verb (`Cliff argues`).
        const opening = candidate.run.sentenceStart && token === candidate.run.tokens[0] && candidate.tokens.length === 1;
        if (opening && isCommonWord(token.word) && !candidate.run.possessive && !(candidate.run.after && isVerb(candidate.run.after.word))) continue;
        const person = this.lastIntroduced.get(token.word) ?? persons[0]!;
        const name: FoundName = { start: token.start, end: token.end, surface: token.word, heading: person.heading, known: false };
        if (persons.length > 1) name.ambiguous = persons.map((other) => other.heading);
        found.push(name);
      }
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

const readingKeys = new WeakMap<CompiledAuthority, WeakMap<NameVocabulary, string>>();

/** A digest of the authority file's persons and patterns and the vocabulary, once per pair. */
function readingKey(authority: CompiledAuthority, vocabulary: NameVocabulary): string {
  const byVocabulary = readingKeys.get(authority) ?? new WeakMap<NameVocabulary, string>();
  readingKeys.set(authority, byVocabulary);
  let key = byVocabulary.get(vocabulary);
  if (key === undefined) {
    const inputs = JSON.stringify([[...authority.persons.values()], authority.notPersons.map(String), vocabulary]);
    byVocabulary.set(vocabulary, (key = createHash("sha256").update(inputs).digest("base64url").slice(0, 16)));
  }
  return key;
}

/** How much a form of forenames says: full words before initials. */
const fullness = (forenames: string[]) => forenames.reduce((sum, word) => sum + (isInitial(word) ? 1 : 10 + word.length), 0);

/** The parts of a run between names already found (or zones that are no person). */
function splitAtBlocked(run: Token[], free: (start: number, end: number) => boolean): Token[][] {
  const parts: Token[][] = [[]];
  for (const token of run) {
    if (free(token.start, token.end)) parts.at(-1)!.push(token);
    else parts.push([]);
  }
  return parts.filter((part) => part.length);
}

