// Relative dates: `two weeks later`, `the following year`, `the next day`,
// `that autumn`, `later that month`. Each is counted from an anchor, the date
// before it in the same sentence or the last date of the sentence before; the
// caller decides whether that anchor is certain (see enrich-dates.ts). chrono-node
// does the arithmetic of the counted forms (`two weeks later`, `next day`)
// against the anchor as its reference date; the rest are read here. The
// result is no more precise than the text: weeks give a month, a day needs an
// anchor with its day, a vague count (`a few days later`) gives nothing.
import { chronoGB } from "../../language/lazy-packages.js";
import type { FoundDate } from "./date-forms.js";
import { memoised } from "../memo.js";

export interface RelativeDate extends FoundDate {
  /** The anchor's words (`17th August, 1918`). */
  anchorText: string;
}

interface Parts {
  year: number;
  month?: number;
  day?: number;
  season?: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A single date of year, season, month or day precision (`1917?-02-23` counts: its year is marked inferred); ranges and sets anchor nothing. */
function partsOf(edtf: string): Parts | undefined {
  const m = /^(\d{4})\??(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(edtf);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (!m[2]) return { year };
  const month = Number(m[2]);
  if (month >= 21 && month <= 24) return { year, season: month };
  if (month > 12) return undefined;
  return { year, month, ...(m[3] ? { day: Number(m[3]) } : {}) };
}

const counts = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d{1,2}";
/** `two weeks later`, `a year later`, `three days afterwards`, `six months earlier` (never `a few days later`: no count, no date). */
const counted = new RegExp(`\\b(?:${counts})\\s+(day|week|month|year)s?\\s+(?:later|afterwards|earlier)\\b`, "gi");
/** `the next day`, `the following year`, `next morning`. */
const next = /\b(?:the\s+)?(?:next|following)\s+(day|morning|evening|night|month|year)\b/gi;
/** `the same day`, `that evening`, `later that month`, `that year`, `that autumn`. */
const same = /\b(?:(?:later|earlier)\s+)?(?:the\s+same|that(?:\s+same)?)\s+(day|morning|evening|night|month|year|spring|summer|autumn|fall|winter)\b/gi;
/** Words before a `that`/`same` form that make it a time adverbial (`On that day`, `Later that month`), not a noun phrase (`the stupidity of that day`). */
const adverbialBefore = /(?:^|[,;:]\s*|\b(?:[Oo]n|[Ii]n|[Dd]uring|[Bb]y|[Aa]nd|[Bb]ut|[Tt]hen)\s+)$/;
const seasons: Record<string, number> = { spring: 21, summer: 22, autumn: 23, fall: 23, winter: 24 };

/** The anchor as chrono's reference date: noon UTC of its day, or of the first day of its month or year. */
const reference = (parts: Parts) => new Date(Date.UTC(parts.year, (parts.month ?? 1) - 1, parts.day ?? 1, 12));

/** A counted form's date from its anchor (kept in the text's memo: ../memo.ts). */
const countedFrom = memoised("countedDate", (text: string, unit: string, anchor: Parts) => `${unit}:${anchor.year},${anchor.month ?? ""},${anchor.day ?? ""},${anchor.season ?? ""}\0${text}`, counted_);

function counted_(text: string, unit: string, anchor: Parts): string | undefined {
  const needs = unit === "year" ? true : unit === "month" ? anchor.month !== undefined : anchor.day !== undefined;
  if (!needs) return undefined;
  // chrono reads `two weeks later` and `earlier` against the reference; its certain parts are what the count fixes.
  const result = chronoGB.parse(text, { instant: reference(anchor), timezone: 0 })[0];
  if (!result || result.text.length < text.length - 1) return undefined;
  const date = result.start.date();
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  if (unit === "year") return String(y);
  // Weeks counted from a day give the month they land in: `two weeks later` is not a day the text states.
  if (unit === "week" || unit === "month") return `${y}-${pad(m)}`;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function shifted(unit: string, amount: number, anchor: Parts): string | undefined {
  switch (unit) {
    case "year":
      return String(anchor.year + amount);
    case "month": {
      if (anchor.month === undefined) return undefined;
      const date = new Date(Date.UTC(anchor.year, anchor.month - 1 + amount, 1));
      return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
    }
    case "spring":
    case "summer":
    case "autumn":
    case "fall":
    case "winter":
      return amount === 0 ? `${anchor.year}-${seasons[unit]}` : undefined;
    default: {
      // A day, a morning, an evening, a night: the anchor needs its day.
      if (anchor.day === undefined || anchor.month === undefined) return undefined;
      const date = new Date(Date.UTC(anchor.year, anchor.month - 1, anchor.day + amount));
      return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    }
  }
}

/**
 * The relative dates of `sentence`, each with the anchor it counts from: the
 * last date before it in `dates` (the sentence's own dates), else the last of
 * `before` (the sentence before). `taken` are spans already read as dates.
 */
export function relativeDates(sentence: string, dates: FoundDate[], before: FoundDate[]): (RelativeDate & { anchor: FoundDate })[] {
  const found: (RelativeDate & { anchor: FoundDate })[] = [];
  const add = (match: RegExpMatchArray, resolve: (anchor: Parts) => string | undefined) => {
    const start = match.index!;
    const end = start + match[0].length;
    if ([...dates, ...found].some((date) => date.start < end && start < date.end)) return;
    // A date the sentence states after the expression says when; the count adds nothing (`13 years later by the Russian Revolution in 1917`).
    if (dates.some((date) => date.start >= end)) return;
    const anchor = dates.filter((date) => date.end <= start).at(-1) ?? (dates.length ? undefined : before.at(-1));
    const parts = anchor && partsOf(anchor.edtf);
    const value = parts && resolve(parts);
    if (!anchor || !value) return;
    // `December 7, 1941 - On that day`: the same date again.
    if (dates.includes(anchor) && anchor.edtf.replace("?", "") === value) return;
    // The year is not in the words: it is counted, and shown as such (in brackets).
    found.push({ start, end, text: match[0], edtf: value.replace(/^(\d{4})/, "$1?"), yearInferred: true, yearFrom: "context", anchorText: anchor.text, anchor });
  };
  for (const m of sentence.matchAll(counted)) {
    const unit = m[1]!.toLowerCase();
    add(m, (anchor) => countedFrom(m[0], unit, anchor));
  }
  for (const m of sentence.matchAll(next)) add(m, (anchor) => shifted(m[1]!.toLowerCase(), 1, anchor));
  for (const m of sentence.matchAll(same)) {
    if (!adverbialBefore.test(sentence.slice(0, m.index))) continue;
    add(m, (anchor) => shifted(m[1]!.toLowerCase(), 0, anchor));
  }
  return found.sort((a, b) => a.start - b.start);
}
