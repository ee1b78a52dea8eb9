// Dates in a sentence of body text, as EDTF strings (the `edtf` package is the
// date model: it checks every value and gives its bounds for ordering).
// chrono-node reads the full and month dates; small parsers here take what it
// misses: bare years where an event is stated, year ranges, seasons, early/late
// in a year, alternatives (`X or Y`) and dates given in both calendars.
// A year inside the title of a work (`Red October … of 1917 (1967)`) and the
// publication year in brackets after it are never dates of events.
import type * as chrono from "chrono-node";
import { chronoGB } from "../../language/lazy-packages.js";
import edtf from "edtf";
import { listKey, memoised } from "../memo.js";

export interface DateValue {
  /** EDTF: `1879-11-07`, `1923-10`, `1918/1923`, `[1922-12,1923-01]`, `1923-22` (summer), `1917?-07` (year inferred). */
  edtf: string;
  /** The Old Style (Julian) date, when the text gives one; `edtf` is then the New Style date. */
  oldStyle?: string;
  /** The year is not in the sentence: it was taken from the dates before it. */
  yearInferred?: boolean;
}

export interface FoundDate extends DateValue {
  start: number;
  end: number;
  text: string;
  /** Where an inferred year came from: a date later in the sentence, or the `contextYear` given. */
  yearFrom?: "sentence" | "context";
}

export interface UnsureDate {
  start: number;
  end: number;
  text: string;
  reason: string;
}

const months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const monthName = "(January|February|March|April|May|June|July|August|September|October|November|December)";
const ordinal = "(\\d{1,2})(?:st|nd|rd|th)?";
const year = "(1[5-9]\\d\\d|20[0-4]\\d)";
const dash = "\\s*[–-]\\s*";

const pad = (n: number) => String(n).padStart(2, "0");
const monthNumber = (name: string) => months.indexOf(name.toLowerCase()) + 1;

/** Bounds of an EDTF value in ms, or undefined when the package rejects it. */
export function edtfBounds(value: string): { min: number; max: number } | undefined {
  // The package's parser is slow (about 0.3 ms a value) and merging compares every pair of events.
  if (!bounds.has(value)) {
    try {
      const parsed = edtf(value);
      // The package puts summer in April–June; a northern year's seasons run March–May, June–August, September–November, December–February.
      const season = /^(\d{4})-(2[1-4])$/.exec(value);
      const start = season ? Date.UTC(Number(season[1]), 2 + 3 * (Number(season[2]) - 21), 1) : parsed.min;
      const end = season ? Date.UTC(Number(season[1]), 5 + 3 * (Number(season[2]) - 21), 1) - 1 : parsed.max;
      bounds.set(value, { min: start, max: end });
    } catch {
      bounds.set(value, undefined);
    }
  }
  return bounds.get(value);
}
const bounds = new Map<string, { min: number; max: number } | undefined>();

/** The New Style date of an Old Style (Julian) one: 12 days later in the 19th century, 13 in the 20th. */
export function julianToGregorian(y: number, m: number, d: number): string {
  const century = Math.floor((m <= 2 ? y - 1 : y) / 100);
  const shift = century - Math.floor(century / 4) - 2;
  const date = new Date(Date.UTC(y, m - 1, d + shift));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Spans that are titles of works followed by their publication year `(1967)`, and the year itself. */
function titleSpans(sentence: string): [number, number][] {
  const spans: [number, number][] = [];
  // The year alone, or the issue's full date (`The Daily Telegraph (11th October, 2009)`, `The Kronstadt Rebellion (July, 1938)`).
  const title = /\((?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December),?\s+)?(1[5-9]\d\d|20[0-4]\d)\)/g;
  for (const match of sentence.matchAll(title)) {
    // Walk back over the title's words: capitalised words, numbers and the small words of titles.
    const before = sentence.slice(0, match.index);
    const words = [...before.matchAll(/[^\s]+\s*/g)];
    let start = match.index!;
    for (let i = words.length - 1; i >= 0; i--) {
      const word = words[i]![0].trim().replace(/[,:;’'“”"]+$/, "");
      if (/^[A-Z0-9]/.test(word) || /^(of|the|and|a|an|in|on|to|at|for|from|with|by)$/.test(word)) start = words[i]!.index!;
      else break;
    }
    // Title words end where a capitalised run starts a sentence-like clause; keep it to the run itself.
    spans.push([start, match.index! + match[0].length]);
  }
  return spans;
}

/** The last year a sentence names outside titles of works, dated or not (`the events of 1905`). */
export function lastYearNamed(sentence: string): number | undefined {
  const titles = titleSpans(sentence);
  const years = [...sentence.matchAll(/\b(1[5-9]\d\d|20[0-4]\d)\b/g)].filter((m) => !titles.some(([a, b]) => m.index! >= a && m.index! < b));
  return years.length ? Number(years.at(-1)![1]) : undefined;
}

const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];

/** Words before a bare year that state an event at it (`in 1888`, `by 1921`, `the Commune of 1871`). */
const yearGate = /(?:\b(?:[Ii]n|[Bb]y|[Dd]uring|[Uu]ntil|[Aa]round|[Aa]bout|[Cc]irca|c\.|[Ii]n the year|[Aa]s early as|[Aa]s late as)(?:\s+the\s+years)?|\b[A-Z][a-z]+ of)\s+$/;
/** The words the date forms read as evidence, from the lexicon. */
export interface DateVocabulary {
  /** Words that, after `the` and a year, make the year an event's date: `the 1905 revolution`, `the 1903 Congress`. */
  namedEvents: string[];
}

const namedEventPatterns = new Map<string, RegExp>();
/** `the 1905 revolution`: one of the named events right after the year. */
function namedEventPattern(words: string[]): RegExp {
  const key = words.join("|");
  let found = namedEventPatterns.get(key);
  if (!found) {
    found = words.length ? new RegExp(`^\\s+(?:${words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\b`, "i") : /(?!)/;
    namedEventPatterns.set(key, found);
  }
  return found;
}

const namedEventOfPatterns = new Map<string, RegExp>();
/** `the abortive revolution of 1905-06`: one of the named events, in lower case, then `of` before the year. */
function namedEventOfPattern(words: string[]): RegExp {
  const key = words.join("|");
  let found = namedEventOfPatterns.get(key);
  if (!found) {
    found = words.length ? new RegExp(`\\b(?:${words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\s+of\\s+$`) : /(?!)/;
    namedEventOfPatterns.set(key, found);
  }
  return found;
}

type Candidate = FoundDate;

function fullYear(first: string, second: string): number {
  return second.length >= 4 ? Number(second) : Number(first.slice(0, 4 - second.length) + second);
}

/** Forms chrono-node does not read, each a regular expression with its EDTF. */
function ownForms(sentence: string, namedEvent: RegExp, namedOf: RegExp): Candidate[] {
  const found: Candidate[] = [];
  const add = (match: RegExpMatchArray, value: DateValue, offset = 0, length = match[0].length) =>
    found.push({ start: match.index! + offset, end: match.index! + offset + length, text: match[0].slice(offset, offset + length), ...value });

  // Both calendars: `September 27 (October 9, new style), 1888`, `27 September (9 October N.S.) 1888`.
  const bothMonthFirst = new RegExp(`\\b${monthName}\\s+${ordinal}\\s*\\((?:${monthName}\\s+)?${ordinal},?\\s*(?:new style|N\\.\\s?S\\.)\\),?\\s*${year}`, "gi");
  for (const m of sentence.matchAll(bothMonthFirst)) {
    const y = Number(m[5]);
    const oldStyle = `${y}-${pad(monthNumber(m[1]!))}-${pad(Number(m[2]))}`;
    add(m, { edtf: `${y}-${pad(monthNumber(m[3] ?? m[1]!))}-${pad(Number(m[4]))}`, oldStyle });
  }
  const bothDayFirst = new RegExp(`\\b${ordinal}\\s+${monthName}\\s*\\(${ordinal}(?:\\s+${monthName})?,?\\s*(?:new style|N\\.\\s?S\\.)\\),?\\s*${year}`, "gi");
  for (const m of sentence.matchAll(bothDayFirst)) {
    const y = Number(m[5]);
    add(m, { edtf: `${y}-${pad(monthNumber(m[4] ?? m[2]!))}-${pad(Number(m[3]))}`, oldStyle: `${y}-${pad(monthNumber(m[2]!))}-${pad(Number(m[1]))}` });
  }
  // Old Style only: `26 October 1879 (Old Style)`, `October 26, 1879 O.S.`
  const oldOnly = new RegExp(`\\b(?:${ordinal}\\s+${monthName},?|${monthName}\\s+${ordinal},)\\s+${year}\\s*(?:\\((?:old style|O\\.\\s?S\\.)\\)|,?\\s*(?:old style|O\\.\\s?S\\.))`, "gi");
  for (const m of sentence.matchAll(oldOnly)) {
    const y = Number(m[5]);
    const mo = monthNumber(m[2] ?? m[3]!);
    const d = Number(m[1] ?? m[4]);
    add(m, { edtf: julianToGregorian(y, mo, d), oldStyle: `${y}-${pad(mo)}-${pad(d)}` });
  }

  // Two months of one year: `August and September of 1923` (chrono reads only the second).
  for (const m of sentence.matchAll(new RegExp(`\\b${monthName}\\s+and\\s+${monthName},?\\s+(?:of\\s+)?${year}\\b`, "g"))) {
    const [first, second] = [monthNumber(m[1]!), monthNumber(m[2]!)];
    if (second > first) add(m, { edtf: `${m[3]}-${pad(first)}/${m[3]}-${pad(second)}` });
  }
  // Seasons: `the summer of 1923`, `the winter of 1927-28` (EDTF 21–24: spring … winter).
  const seasons: Record<string, number> = { spring: 21, summer: 22, autumn: 23, fall: 23, winter: 24 };
  for (const m of sentence.matchAll(new RegExp(`\\b(?:the\\s+)?(spring|summer|autumn|fall|winter)\\s+of\\s+${year}(?:${dash}(\\d{2,4}))?\\b`, "gi"))) {
    // `the Prague Spring of 1968`: a capitalised season after a capitalised word is a name.
    if (/^[A-Z]/.test(m[1]!) && /[A-Z][\w’'-]*\s+$/.test(sentence.slice(0, m.index! + m[0].indexOf(m[1]!)))) continue;
    add(m, { edtf: `${m[2]}-${seasons[m[1]!.toLowerCase()]}` });
  }
  // Part of a year: `early in 1927`, `early 1927`, `at the beginning of 1928`, `late in 1923`, `the end of 1923`, `mid-1924`
  // (EDTF quadrimesters 37–39: January–April, May–August, September–December).
  const parts: Record<string, number> = { early: 37, beginning: 37, start: 37, mid: 38, middle: 38, late: 39, end: 39 };
  for (const m of sentence.matchAll(new RegExp(`\\b(?:(early|late|mid)(?:[- ]in)?[- ]|(?:at\\s+)?the\\s+(beginning|start|middle|end)\\s+of\\s+)${year}\\b`, "gi"))) {
    add(m, { edtf: `${m[3]}-${parts[(m[1] ?? m[2])!.toLowerCase()]}` });
  }
  // Year ranges where an event is stated: `in 1936–7`, `the Civil War of 1918–23`, `the Chinese Revolution (1925-7)`.
  for (const m of sentence.matchAll(new RegExp(`\\b${year}${dash}(\\d{2}|\\d{4}|\\d)\\b(?![–-]?\\d)`, "g"))) {
    const before = sentence.slice(0, m.index);
    const inBrackets = /[A-Z][a-z]+\s+\($/.test(before) && sentence[m.index! + m[0].length] === ")";
    if (!yearGate.test(before) && !inBrackets && !namedOf.test(before)) continue;
    const first = Number(m[1]);
    const last = fullYear(m[1]!, m[2]!);
    if (last <= first) continue;
    add(m, { edtf: `${first}/${last}` });
  }
  // Bare years where an event is stated: `In 1888 he was sent off to school`, `the 1905 revolution`, `from 1928 onwards`.
  for (const m of sentence.matchAll(new RegExp(`\\b${year}\\b(?![–-]\\d|s\\b|,\\d)`, "g"))) {
    const before = sentence.slice(0, m.index);
    const after = sentence.slice(m.index! + 4);
    // `by 1923 or 1924`: the second of two years offered takes the first one's standing.
    const alternative = /\d{4}\s+or\s+$/.test(before) && found.some((date) => date.end === before.replace(/\s+or\s+$/, "").length);
    const gated =
      yearGate.test(before) || namedOf.test(before) || alternative || (/\bthe\s+$/i.test(before) && namedEvent.test(after)) || (/\bfrom\s+$/i.test(before) && /^\s+onwards?\b/.test(after));
    // `about 1927`, `c. 1927`: approximate.
    const approximate = /\b(?:[Aa]round|[Aa]bout|[Cc]irca|c\.)\s+$/.test(before);
    if (gated) add(m, { edtf: approximate ? `${m[1]}~` : m[1]! });
  }
  return found;
}

/** Words before a month named without a day that date an event by it (`in July`, `by mid-February`). */
const monthGate = /\b(?:in|by|during|early|late|mid|until|since|(?:beginning|end|middle) of)[\s-]+(?:early\s+|late\s+|mid-?)?$/i;

interface Known {
  year?: number;
  month?: number;
  day?: number;
}

/** Only what the text states: chrono fills the rest from its reference date. */
function known(components: chrono.ParsedComponents): Known {
  const values: Known = {};
  for (const unit of ["year", "month", "day"] as const) if (components.isCertain(unit)) values[unit] = components.get(unit) ?? undefined;
  return values;
}

function chronoForms(sentence: string): (Candidate & { noYear?: boolean })[] {
  const found: (Candidate & { noYear?: boolean })[] = [];
  for (const result of chronoGB.parse(sentence, new Date(Date.UTC(1900, 0, 1)))) {
    const start = known(result.start);
    const end = result.end ? known(result.end) : undefined;
    if (!start.month) continue;
    // A month name written in lower case is a word (`may`), and one that begins a sentence-like phrase (`March separately`) needs a day, a year or a preposition.
    const monthWord = result.text.match(/[A-Za-z]+/g)?.find((word) => months.includes(word.toLowerCase()) || months.some((m) => m.startsWith(word.toLowerCase()) && word.length >= 3));
    if (!monthWord || !/^[A-Z]/.test(monthWord)) continue;
    if (!start.day && !start.year && !end?.year && !monthGate.test(sentence.slice(0, result.index))) continue;
    const y = start.year ?? end?.year;
    const part = (values: Known, fallbackYear: number | undefined) =>
      `${values.year ?? fallbackYear ?? "XXXX"}-${pad(values.month!)}${values.day ? `-${pad(values.day)}` : ""}`;
    // `the end of October` is the month, not its last day.
    if (/^(?:the\s+)?(?:end|beginning|start|middle)\s+of\b/i.test(result.text)) delete start.day;
    let value = part(start, y);
    if (end?.month && (end.month !== start.month || end.day !== start.day || (end.year && end.year !== y))) value = `${value}/${part(end, end.year ?? y)}`;
    found.push({ start: result.index, end: result.index + result.text.length, text: result.text, edtf: value, noYear: y === undefined });
  }
  return found;
}

export interface SentenceDates {
  dates: FoundDate[];
  unsure: UnsureDate[];
  /** The last year the sentence states, for the sentences after it. */
  lastYear?: number;
}

/**
 * Every date in `sentence`. A date without its year (`on 23rd September`) takes
 * the year of a date after it in the same sentence, else `contextYear` (the
 * last year stated before it), and is marked inferred; with neither it is
 * reported as unsure and left out.
 */
export const findDates = memoised(
  "findDates",
  (sentence: string, contextYear?: number, vocabulary: DateVocabulary = { namedEvents: [] }) => `${contextYear ?? ""}:${listKey(vocabulary.namedEvents)}\0${sentence}`,
  datesOf,
  // The caller adds to the list and sorts it.
  (found) => structuredClone(found),
);

function datesOf(sentence: string, contextYear?: number, vocabulary: DateVocabulary = { namedEvents: [] }): SentenceDates {
  const excluded = titleSpans(sentence);
  const own = ownForms(sentence, namedEventPattern(vocabulary.namedEvents), namedEventOfPattern(vocabulary.namedEvents));
  const all: (Candidate & { noYear?: boolean })[] = [];
  const take = (candidate: Candidate & { noYear?: boolean }) => {
    if (excluded.some((span) => overlaps(span, [candidate.start, candidate.end]))) return;
    if (all.some((other) => overlaps([other.start, other.end], [candidate.start, candidate.end]))) return;
    all.push(candidate);
  };
  // Calendars, seasons and parts of a year first: they hold dates chrono would read only in part.
  const bareYears = (c: Candidate) => /^\d{4}~?(\/\d{4})?$/.test(c.edtf);
  for (const candidate of own.filter((c) => !bareYears(c))) take(candidate);
  for (const candidate of chronoForms(sentence)) take(candidate);
  for (const candidate of own.filter(bareYears)) take(candidate);
  all.sort((a, b) => a.start - b.start);

  const unsure: UnsureDate[] = [];
  const dates: FoundDate[] = [];
  const yearOf = (value: string) => Number(/^\[?(\d{4})/.exec(value)?.[1]);
  for (const [index, candidate] of all.entries()) {
    if (candidate.noYear) {
      const later = all.slice(index + 1).find((other) => !other.noYear);
      const inferred = later ? yearOf(later.edtf) : contextYear;
      if (!inferred) {
        unsure.push({ start: candidate.start, end: candidate.end, text: candidate.text, reason: `“${candidate.text}” has no year and none is stated before it` });
        continue;
      }
      const { noYear: _, ...rest } = candidate;
      const value = rest.edtf.replace(/XXXX/g, String(inferred)).replace(/^(\d{4})/, "$1?");
      dates.push({ ...rest, edtf: value, yearInferred: true, yearFrom: later ? "sentence" : "context" });
      continue;
    }
    const { noYear: _, ...rest } = candidate;
    dates.push(rest);
  }
  // `December 1922 or January 1923`: one of two dates, an EDTF set.
  for (let i = dates.length - 2; i >= 0; i--) {
    const [a, b] = [dates[i]!, dates[i + 1]!];
    if (/^\s+or\s+$/.test(sentence.slice(a.end, b.start)) && !a.edtf.includes("/") && !b.edtf.includes("/")) {
      dates.splice(i, 2, { start: a.start, end: b.end, text: sentence.slice(a.start, b.end), edtf: `[${a.edtf},${b.edtf}]` });
    }
  }
  const valid = dates.filter((date) => {
    if (edtfBounds(date.edtf)) return true;
    unsure.push({ start: date.start, end: date.end, text: date.text, reason: `“${date.text}” read as ${date.edtf}, which is not a valid EDTF date` });
    return false;
  });
  // A date with its month, or a year that opens the sentence (`In 1905 …`), sets the year for the sentences after it;
  // a bare year inside a sentence is often a look back (`the Commune of 1871`).
  const stated = valid.filter((date) => !date.yearInferred && (/^\[?\d{4}-(0[1-9]|1[0-2])/.test(date.edtf) || date.start <= 3)).map((date) => yearOf(date.edtf.replace(/^.*[/,]/, "")));
  return { dates: valid, unsure, lastYear: stated.at(-1) ?? undefined };
}
