// Dated events: what the dates plugin records on each text's vfile, the
// timeline wording of an event, and the rule that merges one event told by
// several passages into one chronology entry.
import type { Position } from "unist";
import { edtfBounds, type DateValue } from "./date-forms.js";

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
  /** The source excerpt (letter, diary, testimony) the passage quotes, as its head attributes it. */
  source?: string;
}

declare module "vfile" {
  interface DataMap {
    /** The dated events of the text's body, in reading order. */
    chronology: DatedEvent[];
  }
}

const longest = 220;

/**
 * The sentence as a timeline entry: when long, only the clause that holds the
 * date (clauses end at `;`, `:` and spaced dashes), then at most `longest`
 * characters around the date, cut at word boundaries.
 */
export function summarise(sentence: string, dateStart: number, dateEnd: number): string {
  let start = 0;
  let end = sentence.length;
  if (end > longest) {
    for (const match of sentence.matchAll(/;\s|:\s|\s–\s/g)) {
      const at = match.index!;
      if (at + match[0].length <= dateStart) start = at + match[0].length;
      else if (at >= dateEnd) {
        end = at;
        break;
      }
    }
  }
  if (end - start > longest) {
    const from = Math.max(start, Math.min(dateStart - 60, end - longest));
    const to = Math.min(end, from + longest);
    start = from === start ? start : sentence.indexOf(" ", from) + 1 || from;
    end = to === end ? end : sentence.lastIndexOf(" ", to);
  }
  // Note calls (`[3]`) belong to the passage, not the timeline.
  let text = sentence.slice(start, end).replace(/\s*\[\d+\*?\]/g, "").trim().replace(/[,;:–\s]+$/, "");
  if (start > 0) text = `…${text}`;
  if (end < sentence.length && !/[.!?]$/.test(text)) text = `${text} …`;
  else if (!/[.!?”’…]$/.test(text)) text = `${text}.`;
  text = text.replace(/^[“‘]/, "");
  return start > 0 ? text : text.replace(/^[a-z]/, (first) => first.toUpperCase());
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
export function chronologyEntries(events: DatedEvent[]): ChronologyEntry[] {
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
  const entries = groups.map((passages) => {
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
