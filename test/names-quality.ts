// The index of names measured against lists made by reading, with no authority file (issue 14): the corpus'
// Schneider and Dawsey texts (test/fixtures/readings/names-corpus.yaml), the seeds Sherry and Marot with
// names.yaml emptied (test/fixtures/names-gold.ts), and all five seeds with names.yaml emptied against the
// persons the build with names.yaml finds in each (exact on the seeds: names.yaml was filled by reading them). test/quality.ts re-exports this for the bench; the tests hold
// a floor on each figure.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Root } from "mdast";
import nlp from "compromise";
import { isCommonWord as isDictionaryWord } from "../src/enrich/names/common-words.js";
import { parse } from "yaml";
import { loadEdition } from "../src/manifest/load-edition.js";
import type { NamesAuthority } from "../src/manifest/names-schema.js";
import { processText, textProcessors } from "../src/pipeline.js";
import { gold as seedGold, goldHeadings } from "./fixtures/names-gold.js";
import { mentionsOf, type FoundMention } from "./quality.js";

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.join(here, "..");

/** A text's persons and mentions as read: heading → forms, and raw line → the forms in reading order. */
export interface NamesReading {
  subject: string;
  persons: Record<string, string[]>;
  mentions: Record<string, string[]>;
}

export async function corpusNamesReading(): Promise<Record<"schneider" | "dawsey", NamesReading>> {
  return parse(await readFile(path.join(here, "fixtures", "readings", "names-corpus.yaml"), "utf8"));
}

/** The seeds' reading (names-gold.ts) in the same shape. */
export function seedNamesReading(textId: "sherry" | "marot"): NamesReading {
  const persons: Record<string, string[]> = {};
  const mentions: Record<string, string[]> = {};
  for (const row of seedGold[textId]!.trim().split("\n")) {
    const [line, names] = row.split(": ");
    mentions[line!] = names!.split(", ");
    for (const form of mentions[line!]!) {
      const heading = goldHeadings[form]!;
      persons[heading] = [...new Set([...(persons[heading] ?? []), form])];
    }
  }
  return { subject: "Trotsky, Leon", persons, mentions };
}

/** A heading as compared: one space after each stop, one between words, NFC. */
export const headingKey = (heading: string) => heading.normalize("NFC").replace(/\.\s*(?=\S)/g, ". ").replace(/\s+/g, " ").trim();

/** Detected and read headings are the same person: equal, or (`lenient`) one surname and compatible forenames (`Cannon, James` for `Cannon, James P.`, `Lenin` for `Lenin, Vladimir Ilyich`). */
function sameHeading(detected: string, read: string, lenient: boolean): boolean {
  const [a, b] = [headingKey(detected), headingKey(read)];
  if (a === b) return true;
  if (!lenient) return false;
  const [surnameA, forenamesA = ""] = a.split(", ");
  const [surnameB, forenamesB = ""] = b.split(", ");
  return surnameA!.toLowerCase() === surnameB!.toLowerCase() && (!forenamesA || !forenamesB || forenamesA[0] === forenamesB[0]);
}

const particles = new Set(["de", "del", "van", "von", "der", "den", "da", "di", "du", "la", "le", "y"]);
const commonWordCache = new Map<string, boolean>();
/**
 * A word of the English dictionary (Hunspell's, as the finder reads it) that compromise reads as no noun in lower
 * case (`Nonetheless`, `Memorial`, `Social-Revolutionaries`): a heading holding one is a sentence's fragment. A
 * surname no dictionary holds (`Uritzky`) is none, whatever compromise guesses of it.
 */
function isCommonWord(word: string): boolean {
  let common = commonWordCache.get(word);
  if (common === undefined) {
    const dictionary = word.split("-").every((part) => isDictionaryWord(part));
    common = !/^\p{Lu}\.$/u.test(word) && dictionary && nlp(word.toLowerCase()).has("(#Adverb|#Determiner|#Pronoun|#Conjunction|#Preposition|#Verb|#Adjective|#QuestionWord|#Expression)");
    commonWordCache.set(word, common);
  }
  return common;
}

/** A form as the finder makes a heading of it: `Jean van Heijenoort` → `Heijenoort, Jean van`. */
function invertedForm(form: string): string {
  const words = form.split(/\s+/);
  if (words.length < 2) return form;
  const firstParticle = words.findIndex((word, at) => at > 0 && particles.has(word));
  const forenames = words.slice(0, firstParticle > 0 ? firstParticle : -1);
  const particlesOf = firstParticle > 0 ? words.slice(firstParticle, -1) : [];
  return `${words.at(-1)}, ${[...forenames, ...particlesOf].join(" ")}`;
}

export interface NamesScore {
  headingsRead: number;
  headingsFound: number;
  headingPrecision: number;
  headingRecall: number;
  mentionsRead: number;
  mentionRecall: number;
  mentionPrecision: number;
  /** The text's most-mentioned person (as read) is among the detected headings, and is the most mentioned there too. */
  subjectPresent: boolean;
  /** Detected headings matching no person read that hold a common word (`Murray, E. Nonetheless`). */
  fragments: string[];
  missedHeadings: string[];
  falseHeadings: string[];
  missedMentions: string[];
  /** Mentions found that the reading does not hold, as `line|surface|heading`. */
  falseMentions: string[];
}

/** Scores the mentions found in one restored text against its reading. */
export function scoreNames(reading: NamesReading, found: FoundMention[], lenient = false): NamesScore {
  const readHeadings = Object.keys(reading.persons);
  const headingOf = new Map(Object.entries(reading.persons).flatMap(([heading, forms]) => forms.map((form) => [form, heading] as const)));
  const detectedHeadings = [...new Set(found.map((mention) => mention.heading))];
  // Lenient (the seeds with names.yaml emptied): a person read is found under a heading made of a form the text
  // spells it with (`Kamenev, Olga` for `Kameneva, Olga`, `Hoffman` for `Hoffmann, Max`): merging spellings is the authority file's work.
  const matches = (detected: string, read: string) =>
    sameHeading(detected, read, lenient) || (lenient && (reading.persons[read] ?? []).some((form) => headingKey(invertedForm(form)) === headingKey(detected)));
  const falseHeadings = detectedHeadings.filter((detected) => !readHeadings.some((read) => matches(detected, read)));
  const missedHeadings = readHeadings.filter((read) => !detectedHeadings.some((detected) => matches(detected, read)));
  const unmatched = [...found];
  const missedMentions: string[] = [];
  let readCount = 0;
  for (const [line, forms] of Object.entries(reading.mentions)) {
    for (const form of forms) {
      readCount++;
      const heading = headingOf.get(form)!;
      const at = unmatched.findIndex((mention) => String(mention.line) === line && mention.surface === form && matches(mention.heading, heading));
      if (at >= 0) unmatched.splice(at, 1);
      else missedMentions.push(`${line}|${form}|${heading}`);
    }
  }
  const counts = new Map<string, number>();
  for (const mention of found) counts.set(mention.heading, (counts.get(mention.heading) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    headingsRead: readHeadings.length,
    headingsFound: detectedHeadings.length,
    headingPrecision: round((detectedHeadings.length - falseHeadings.length) / Math.max(detectedHeadings.length, 1)),
    headingRecall: round((readHeadings.length - missedHeadings.length) / readHeadings.length),
    mentionsRead: readCount,
    mentionRecall: round((readCount - missedMentions.length) / readCount),
    mentionPrecision: round((found.length - unmatched.length) / Math.max(found.length, 1)),
    subjectPresent: top !== undefined && matches(top, reading.subject),
    fragments: falseHeadings.filter((heading) => heading.split(/[\s,]+/).some((word) => word && !particles.has(word) && isCommonWord(word))),
    missedHeadings,
    falseHeadings,
    missedMentions,
    falseMentions: unmatched.map((mention) => `${mention.line}|${mention.surface}|${mention.heading}`),
  };
}

const emptyAuthority: NamesAuthority = { persons: [], references: [], notPersons: [] };

/** The restored trees of some texts of an edition, with its authority file replaced (`authority`), and how long enrichNames took on them. */
async function restoredTexts(manifestPath: string, ids: string[], authority?: NamesAuthority) {
  const loaded = await loadEdition(manifestPath);
  const options = authority ? { ...loaded, names: authority } : loaded;
  const processorFor = textProcessors(options);
  const trees = new Map<string, Root>();
  for (const [index, file] of loaded.texts.entries()) {
    const entry = loaded.manifest.texts[index]!;
    if (!ids.includes(entry.id)) continue;
    file.data.entry = entry;
    trees.set(entry.id, (await processText(file, processorFor(file))).mdast);
  }
  return trees;
}

export const corpusManifest = path.join(root, "test", "fixtures", "corpus", "edition.yaml");
export const seedsManifest = path.join(root, "sources", "edition.yaml");

/** Schneider and Dawsey as the corpus edition builds them (it has no names.yaml). */
export async function corpusNameScores() {
  const reading = await corpusNamesReading();
  const trees = await restoredTexts(corpusManifest, ["schneider", "dawsey"]);
  return {
    schneider: scoreNames(reading.schneider, mentionsOf(trees.get("schneider")!)),
    dawsey: scoreNames(reading.dawsey, mentionsOf(trees.get("dawsey")!)),
  };
}

/** Sherry and Marot with the authority file emptied: a person read counts as found under a compatible heading (the file's forenames cannot be guessed from `Lenin` alone). */
export async function seedNameScoresWithoutAuthority() {
  const trees = await restoredTexts(seedsManifest, ["sherry", "marot"], emptyAuthority);
  return {
    sherry: scoreNames(seedNamesReading("sherry"), mentionsOf(trees.get("sherry")!), true),
    marot: scoreNames(seedNamesReading("marot"), mentionsOf(trees.get("marot")!), true),
  };
}

export const seedIds = ["sherry", "marot", "cliff", "introduction", "simkin"] as const;

/** A text's reading taken from its build with names.yaml (exact on the seeds: every person and form read there by hand). */
export function readingFromMentions(found: FoundMention[]): NamesReading {
  const persons: Record<string, string[]> = {};
  const mentions: Record<string, string[]> = {};
  const counts = new Map<string, number>();
  for (const mention of found) {
    persons[mention.heading] = [...new Set([...(persons[mention.heading] ?? []), mention.surface])];
    (mentions[String(mention.line)] ??= []).push(mention.surface);
    counts.set(mention.heading, (counts.get(mention.heading) ?? 0) + 1);
  }
  const subject = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  return { subject, persons, mentions };
}

/** All five seeds with names.yaml emptied, each against the persons names.yaml gives that text (compatible headings count). */
export async function seedScoresAgainstAuthority(): Promise<Record<(typeof seedIds)[number], NamesScore>> {
  const withFile = await restoredTexts(seedsManifest, [...seedIds]);
  const without = await restoredTexts(seedsManifest, [...seedIds], emptyAuthority);
  return Object.fromEntries(
    seedIds.map((id) => {
      const reading = readingFromMentions(mentionsOf(withFile.get(id)!));
      return [id, scoreNames(reading, mentionsOf(without.get(id)!), true)];
    }),
  ) as Record<(typeof seedIds)[number], NamesScore>;
}

/** The figures the bench prints (without the lists). */
export async function namesWithoutAuthority() {
  const brief = (score: NamesScore) => {
    const { missedHeadings, falseHeadings, missedMentions, falseMentions, fragments, ...figures } = score;
    return { ...figures, fragments: fragments.length };
  };
  const corpus = await corpusNameScores();
  const seeds = await seedNameScoresWithoutAuthority();
  const five = await seedScoresAgainstAuthority();
  return {
    corpus: { schneider: brief(corpus.schneider), dawsey: brief(corpus.dawsey) },
    seedsNamesYamlEmptied: { sherry: brief(seeds.sherry), marot: brief(seeds.marot) },
    /** All five seeds with names.yaml emptied, against the persons names.yaml gives each text. */
    seedsAgainstNamesYaml: Object.fromEntries(Object.entries(five).map(([id, score]) => [id, brief(score)])),
  };
}
