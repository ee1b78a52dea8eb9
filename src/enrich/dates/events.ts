// Dated events: what the dates plugin records on each text's vfile, the
// timeline wording of an event, and the rule that merges one event told by
// several passages into one chronology entry.
import type { Position } from "unist";
import { edtfBounds, type DateValue } from "./date-forms.js";
import { nlp } from "../../language/lazy-packages.js";
import { memoised } from "../memo.js";

export interface DatedEvent {
  /** The anchor at the start of the passage (unique in the book). */
  anchor: string;
  textId: string;
  date: DateValue & { text: string };
  /** The sentence as a timeline entry. */
  summary: string;
  /** The whole sentence, for merging. */
  sentence: string;
  /** Canonical keys of the persons named in the sentence (from name mentions). */
  persons: string[];
  /** What merging compares: the kinds of event the sentence names and its other content words. */
  features: EventFeatures;
  position?: Position;
  /** Why the year is not certain (taken from further back than the sentence or its heading): held out of the chronology until the editor confirms it. */
  held?: string;
  /** Dropped by the editor (chronology.yaml). */
  dropped?: boolean;
  /** The source excerpt (letter, diary, testimony) the passage quotes, as its head attributes it. */
  source?: string;
}

declare module "vfile" {
  interface DataMap {
    /** The dated events of the text's body, in reading order. */
    chronology: DatedEvent[];
  }
}

/** An entry's statement is at most this many words. */
export const longestStatement = 25;

/** Words that link a sentence to the one before it, not part of what happened (`However,`, `In fact,`, `After all,`). */
const discourseMarkers = /^(?:(?:and|but|so|yet|then|thus|however|indeed|in fact|after all|again|moreover|meanwhile|finally|of course|now|still|nevertheless|even so|instead|in turn|at last|in the end|once again|in other words|as a result|for example|for instance)\b,?\s+)+/i;
/** Asides inside the clause: `, as we have seen,`, `, for example,`. */
const asides = /,\s*(?:as (?:we|I) (?:have )?(?:seen|saw|noted)|for example|for instance|of course|in fact|however|indeed),/gi;

/**
 * The sentence as a chronology's statement: the clause that holds the date
 * (clauses end at `;`, `:` and spaced dashes), without the words that tie it
 * to the sentence before, and at most `longestStatement` words around the
 * date, cut at word boundaries with an ellipsis.
 */
export const summarise = memoised("summarise", (sentence: string, start: number, end: number) => `${start}:${end}\0${sentence}`, statement);

function statement(fullSentence: string, fullDateStart: number, fullDateEnd: number): string {
  const { sentence, dateStart, dateEnd } = withoutAsides(fullSentence, fullDateStart, fullDateEnd);
  let start = 0;
  let end = sentence.length;
  const words = (from: number, to: number) => sentence.slice(from, to).split(/\s+/).filter(Boolean).length;
  if (words(start, end) > longestStatement) {
    for (const match of sentence.matchAll(/;\s|:\s|\s[–—]\s/g)) {
      const at = match.index!;
      if (at + match[0].length <= dateStart) start = at + match[0].length;
      else if (at >= dateEnd) {
        end = at;
        break;
      }
    }
  }
  // A clause that follows a semicolon or a colon stands on its own; a cut inside a clause is marked.
  const clauseStart = start;
  if (words(start, end) > longestStatement) {
    // Commas next: the comma-separated parts nearest the date, while they fit.
    const commas = [...sentence.slice(start, end).matchAll(/,\s/g)].map((m) => start + m.index!);
    const before = commas.filter((at) => at + 2 <= dateStart);
    const after = commas.filter((at) => at >= dateEnd);
    let from = before.length ? before.at(-1)! + 2 : start;
    let to = after.length ? after[0]! : end;
    for (let i = after.length - 1; i >= 0; i--) if (words(from, after[i]!) <= longestStatement) { to = after[i]!; break; }
    // The rest of the sentence, when it fits (`whereas Stalin had nailed his flag … as early as 1902, and had never wavered`).
    if (words(dateEnd, to) < 4 && to !== end && words(from, end) <= longestStatement) to = end;
    for (let i = 0; i < before.length; i++) if (words(before[i]! + 2, to) <= longestStatement) { from = before[i]! + 2; break; }
    // A main clause that opens the sentence stays with its date when it fits (`In 1905, he …`).
    if (words(start, to) <= longestStatement) from = start;
    // Parts that leave the date alone (`On 5th December, 1923, …`) say nothing: the words around the date instead.
    if (words(dateEnd, to) >= 4 || to === end) [start, end] = [from, to];
  }
  if (words(start, end) > longestStatement) {
    const tokens = [...sentence.slice(start, end).matchAll(/\S+/g)].map((m) => ({ at: start + m.index!, end: start + m.index! + m[0].length }));
    const dateWord = Math.max(0, tokens.findIndex((token) => token.end > dateStart));
    const dateLast = Math.max(dateWord, tokens.findLastIndex((token) => token.at < dateEnd));
    // The whole date stays in: the window starts early enough to end after it.
    const first = Math.max(0, Math.min(dateWord - 6, tokens.length - longestStatement), dateLast + 3 - longestStatement);
    const last = Math.min(tokens.length, first + longestStatement);
    [start, end] = [tokens[first]!.at, tokens[last - 1]!.end];
  }
  let text = sentence.slice(start, end).replace(/\s*\[\d+\*?\]/g, "").replace(asides, "").trim().replace(/[,;:–\s]+$/, "");
  // Note calls (`[3]`) belong to the passage, not the timeline; quotation marks opened outside the statement go with their text.
  text = text.replace(/^[“‘"]/, "").replace(discourseMarkers, "");
  if ((text.match(/“/g) ?? []).length > (text.match(/”/g) ?? []).length) text = text.replace(/“/, "");
  if ((text.match(/”/g) ?? []).length > (text.match(/“/g) ?? []).length) text = text.replace(/”(?=[^”]*$)/, "");
  if (start > clauseStart) text = `…${text}`;
  if (end < sentence.length && !/[.!?]$/.test(text)) text = `${text} …`;
  else if (!/[.!?”’…]$/.test(text)) text = `${text}.`;
  return text.startsWith("…") ? text : text.replace(/^[a-z]/, (first) => first.toUpperCase());
}

/** The word count past which a statement is cut. */
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * A long sentence without what it says by the way, so its statement keeps the
 * event's predicate: brackets, paired dashes, non-restrictive clauses (`, when the
 * civil war was beginning in earnest,`) and, after an opening date, the phrases
 * without a verb before the clause that tells what happened (`In October 1917,
 * as Chairman of the Soviet, the capital of the Russian Empire, he organised …`).
 * None that holds the date is taken out.
 */
export function withoutAsides(sentence: string, dateStart: number, dateEnd: number): { sentence: string; dateStart: number; dateEnd: number } {
  let text = sentence;
  let [from, to] = [dateStart, dateEnd];
  const cut = (at: number, length: number, by: string) => {
    text = text.slice(0, at) + by + text.slice(at + length);
    if (at + length <= from) {
      from += by.length - length;
      to += by.length - length;
    }
  };
  const asides = [/\s\([^()]{1,120}\)(?=[\s,.;:])/g, /\s[–—]\s[^–—]{1,120}?\s[–—](?=\s)/g, /,\s(?:when|which|who|whose|where|while)\b[^,;:]{1,120},(?=\s)/g];
  for (const pattern of asides) {
    if (wordCount(text) <= longestStatement) break;
    for (const match of [...text.matchAll(pattern)].reverse()) {
      if (wordCount(text) <= longestStatement) break;
      const at = match.index!;
      if (at < to && from < at + match[0].length) continue;
      // `in 1923, when Trotsky first asserted his criticisms,`: a clause right after the date tells what happened then,
      // unless a cleft's `that` follows with the event (`It was not until the summer of 1918, when …, that the Mensheviks were excluded`).
      if (/^,\s(?:when|while)\b/.test(match[0]) && !text.slice(to, at).trim() && !/^\s*that\b/.test(text.slice(at + match[0].length))) continue;
      cut(at, match[0].length, "");
    }
  }
  // An opening date: the verbless phrases after it, up to the clause with a finite verb.
  if (wordCount(text) > longestStatement && from <= 3) {
    const parts = [...text.matchAll(/,\s/g)].map((m) => m.index!);
    const after = parts.filter((at) => at >= to);
    const finite = (words: string) => (nlp(words).verbs().json() as { verb?: { grammar?: { tense?: string } } }[]).some((verb) => /^(?:PastTense|PresentTense)$/.test(verb.verb?.grammar?.tense ?? ""));
    let drop = 0;
    while (drop < after.length - 1 && !finite(text.slice(after[drop]! + 2, after[drop + 1]))) drop++;
    if (drop > 0) cut(after[0]!, after[drop]! + 2 - after[0]!, " ");
  }
  return { sentence: text, dateStart: from, dateEnd: to };
}

/** The words merging reads, from the lexicon. */
export interface EventVocabulary {
  /** Kinds of event, each with the words that name it in different forms (`birth: [born, birth]`). */
  eventKinds: Record<string, string[]>;
  /** Words too common to link two passages. */
  stopWords: string[];
}

export interface EventFeatures {
  /** The kinds of event the sentence names (`birth`, `expulsion`). */
  kinds: string[];
  /** Content words that name no kind of event. */
  others: string[];
}

const kindIndexes = new WeakMap<EventVocabulary, { kindOf: Map<string, string>; stop: Set<string> }>();

/** The kinds of event a sentence names and its other content words (longer than two letters, not stop words). */
export function eventFeatures(sentence: string, vocabulary: EventVocabulary): EventFeatures {
  let index = kindIndexes.get(vocabulary);
  if (!index) {
    const kindOf = new Map(Object.entries(vocabulary.eventKinds).flatMap(([kind, words]) => words.map((word) => [word, kind] as const)));
    index = { kindOf, stop: new Set(vocabulary.stopWords) };
    kindIndexes.set(vocabulary, index);
  }
  const { kindOf, stop } = index;
  const words = (sentence.toLowerCase().match(/[a-z]+/g) ?? []).filter((word) => word.length > 2 && !stop.has(word));
  return { kinds: [...new Set(words.flatMap((word) => kindOf.get(word) ?? []))], others: [...new Set(words.filter((word) => !kindOf.has(word)))] };
}

/** Two dates can tell of one event when one lies within the other. */
function compatible(a: string, b: string): boolean {
  const x = edtfBounds(a);
  const y = edtfBounds(b);
  if (!x || !y) return false;
  return (x.min <= y.min && y.max <= x.max) || (y.min <= x.min && x.max <= y.max);
}

/**
 * The merging rule, kept conservative: the dates must be compatible (one
 * within the other, so `1879` and `7 November 1879` may merge, `October 1927`
 * and `November 1927` may not), and the sentences must share a word that names
 * the kind of event (the lexicon's `eventKinds`: birth, death, expulsion…)
 * and at least one more: a person named in both or another content word.
 */
export function sameEvent(a: DatedEvent, b: DatedEvent): boolean {
  if (!compatible(a.date.edtf, b.date.edtf)) return false;
  const [x, y] = [a.features, b.features];
  if (!y.kinds.some((kind) => x.kinds.includes(kind))) return false;
  if (a.persons.some((person) => b.persons.includes(person))) return true;
  return y.others.some((word) => x.others.includes(word));
}

export interface ChronologyEntry {
  /** The most precise date among the passages. */
  date: DatedEvent["date"];
  summary: string;
  persons: string[];
  /** Every passage that tells the event, in book order. */
  passages: DatedEvent[];
  /** For ordering: the bounds of the date. */
  min: number;
  max: number;
}

const span = (event: DatedEvent) => {
  const bounds = edtfBounds(event.date.edtf)!;
  return bounds.max - bounds.min;
};

/** Entries in time order, each event told by several passages merged into one. */
export function chronologyEntries(events: DatedEvent[], merges: [DatedEvent, DatedEvent][] = []): ChronologyEntry[] {
  const groups: DatedEvent[][] = [];
  // A group can take an event only if its first member shares a kind of event with it
  // (sameEvent requires one), so only those groups are tried, in the order they were made:
  // the same groups as trying every group, without the time that grows with the square of the events.
  const groupsByKind = new Map<string, number[]>();
  for (const event of events) {
    const kinds = event.features.kinds;
    const candidates = [...new Set(kinds.flatMap((kind) => groupsByKind.get(kind) ?? []))].sort((a, b) => a - b);
    const found = candidates.find((index) => groups[index]!.every((member) => sameEvent(member, event)));
    if (found !== undefined) {
      groups[found]!.push(event);
      continue;
    }
    for (const kind of kinds) {
      const list = groupsByKind.get(kind) ?? [];
      list.push(groups.length);
      groupsByKind.set(kind, list);
    }
    groups.push([event]);
  }
  // The editor's merges (chronology.yaml): the second passage's entry joins the first's.
  for (const [a, b] of merges) {
    const x = groups.findIndex((group) => group.includes(a));
    const y = groups.findIndex((group) => group.includes(b));
    if (x === -1 || y === -1 || x === y) continue;
    const order = new Map(events.map((event, index) => [event, index]));
    groups[x] = [...groups[x]!, ...groups[y]!].sort((p, q) => order.get(p)! - order.get(q)!);
    groups[y] = [];
  }
  const entries = groups.filter((passages) => passages.length).map((passages) => {
    // The entry speaks with its most precise passage; ties go to the earlier one in the book.
    const lead = [...passages].sort((a, b) => span(a) - span(b))[0]!;
    const bounds = edtfBounds(lead.date.edtf)!;
    return {
      date: lead.date,
      summary: lead.summary,
      persons: [...new Set(passages.flatMap((passage) => passage.persons))],
      passages,
      min: bounds.min,
      max: bounds.max,
    };
  });
  // At the same start the wider date comes first: a year before its January, as chronologies set it.
  return entries.sort((a, b) => a.min - b.min || b.max - a.max);
}
