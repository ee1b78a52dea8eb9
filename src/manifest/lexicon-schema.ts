// The lexicon: the words the enrichers read as evidence, kept as data. The
// project's default lexicon for the edition's language (src/lexicon/en.yaml)
// holds general vocabulary; an edition's own lexicon (sources/lexicon.yaml)
// adds the vocabulary of its subject. Plugins receive the merged lexicon as
// an option; they never read it from a file.
import { z } from "zod";

/** One word as it stands in a text, no spaces: `General`, `Dr.`. */
const word = z.string().regex(/^\S+$/u, "must be one word, without spaces");
/** One word in lower case, letters only: the enrichers compare lower-cased words. */
const lowerWord = z.string().regex(/^\p{Ll}+$/u, "must be one word in lower-case letters");

export const lexiconSchema = z.strictObject({
  /** Words before a name that are evidence of a person (`General`, `Commissar`); before a single word (`General Strike`) they are not. */
  titles: z.array(word).default([]),
  /** Words that, after `the` and a year, make the year an event's date: `the 1905 revolution`, `the 1903 congress`. */
  namedEvents: z.array(lowerWord).default([]),
  /** Kinds of event, each with the words that name it (`birth: [born, birth]`): two passages may tell one event only when they share a kind. */
  eventKinds: z.record(lowerWord, z.array(lowerWord).min(1, "lists no word")).default({}),
  /** Words too common to link two passages as one event (`the`, `was`). */
  stopWords: z.array(lowerWord).default([]),
  /** Capitalised words that start a sentence and stand capitalised mid-sentence only at a seam (`The`, `In`): where a run-in heading ends. */
  sentenceStarts: z.array(word).default([]),
  /** Words a heading never ends on (`the`, `of`, `said`). */
  danglingWords: z.array(lowerWord).default([]),
  /** Words a full stop after them does not end a sentence (`st`, `pp`, `ibid`), in lower case without the stop. */
  abbreviations: z.array(lowerWord).default([]),
  /** Words before a name that give a person's role in a cited work (`trans.`, `ed.`): evidence of a person. */
  nameRoles: z.array(word).default([]),
  /** Endings of surnames (`ov`, `sky`), in lower case: a capitalised word no dictionary knows that ends so is evidence of a person. */
  surnameEndings: z.array(lowerWord).default([]),
  /** Nouns of persons (`writer`, `leader`, `minister`), in lower case: a capitalised word right after one (`the writer Labriola`, `one leader, Breitscheid,`) is a person's name. */
  personNouns: z.array(lowerWord).default([]),
  /** Endings of English place names (`bourne`, `borough`), in lower case: a word so ending that stands once where a place does (`past Pangbourne`) is a place. */
  placeEndings: z.array(lowerWord).default([]),
  /** Capitalised words after a name that make it a firm's (`C. Schribner's Sons`, `Harvard University Press`). */
  firmWords: z.array(word).default([]),
  /** Titles of works the texts name without citing them (books, pamphlets, periodicals: `Pravda`): set in italics wherever they stand. */
  works: z.array(z.string().trim().min(1)).default([]),
  /** Words after which a capitalised run may be a work's title (`book`, `newspaper`): such a run that is no known work is reported. */
  workCues: z.array(lowerWord).default([]),
  /** Words and phrases of other languages, by language tag (`de: [Realpolitik]`, `ru-Latn: [smychka]`): set in italics with their language (src/book/foreign-words.ts). */
  foreign: z.record(z.string().regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, "must be a language tag (BCP 47: `fr`, `ru-Latn`)"), z.array(z.string().trim().min(1))).default({}),
  /** Names in another language (a party, a militia: `de: [Reichsbanner]`): roman, as a name is, with their language (src/book/foreign-words.ts). */
  foreignNames: z.record(z.string().regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, "must be a language tag (BCP 47: `fr`, `ru-Latn`)"), z.array(z.string().trim().min(1))).default({}),
  /** Phrases of other languages that English has taken in (`en masse`, `et al.`): roman, whatever the dictionaries say. */
  naturalised: z.array(z.string().trim().min(1)).default([]),
  /** Words of a site's navigation (`index`, `home`, `archive`): a line of links names them (boilerplate). */
  navigationWords: z.array(lowerWord).default([]),
});

export type Lexicon = z.output<typeof lexiconSchema>;

export const emptyLexicon: Lexicon = { titles: [], namedEvents: [], eventKinds: {}, stopWords: [], sentenceStarts: [], danglingWords: [], abbreviations: [], nameRoles: [], surnameEndings: [], personNouns: [], placeEndings: [], firmWords: [], works: [], workCues: [], foreign: {}, foreignNames: {}, naturalised: [], navigationWords: [] };

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/** An edition's lexicon extending the default one: every list gains the edition's words, each kind of event too. */
export function extendLexicon(base: Lexicon, extension: Lexicon): Lexicon {
  const eventKinds: Record<string, string[]> = { ...base.eventKinds };
  for (const [kind, words] of Object.entries(extension.eventKinds)) eventKinds[kind] = union(eventKinds[kind] ?? [], words);
  return {
    titles: union(base.titles, extension.titles),
    namedEvents: union(base.namedEvents, extension.namedEvents),
    eventKinds,
    stopWords: union(base.stopWords, extension.stopWords),
    sentenceStarts: union(base.sentenceStarts, extension.sentenceStarts),
    danglingWords: union(base.danglingWords, extension.danglingWords),
    abbreviations: union(base.abbreviations, extension.abbreviations),
    nameRoles: union(base.nameRoles, extension.nameRoles),
    surnameEndings: union(base.surnameEndings, extension.surnameEndings),
    personNouns: union(base.personNouns, extension.personNouns),
    placeEndings: union(base.placeEndings, extension.placeEndings),
    firmWords: union(base.firmWords, extension.firmWords),
    works: union(base.works, extension.works),
    workCues: union(base.workCues, extension.workCues),
    foreign: Object.fromEntries([...new Set([...Object.keys(base.foreign), ...Object.keys(extension.foreign)])].map((tag) => [tag, union(base.foreign[tag] ?? [], extension.foreign[tag] ?? [])])),
    foreignNames: Object.fromEntries([...new Set([...Object.keys(base.foreignNames), ...Object.keys(extension.foreignNames)])].map((tag) => [tag, union(base.foreignNames[tag] ?? [], extension.foreignNames[tag] ?? [])])),
    naturalised: union(base.naturalised, extension.naturalised),
    navigationWords: union(base.navigationWords, extension.navigationWords),
  };
}
