// The chronology appendix: entries grouped under a heading per year, each a
// date and the event as a definition list item, with a reference to every
// passage that tells it. The reference is a live link (the EPUB renderer
// points it at the right file) and, for print, an `a.page-ref` that the
// Paged.js handler fills with the page of the passage; a passage quoting a
// source excerpt (a letter, a diary) names it. The dates enricher
// gives the entries (data only); everything shown is made here.
import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { ChronologyEntry, DatedEvent } from "../../enrich/dates/events.js";
import { pageRefClasses } from "../schema.js";
import type { InterfaceWords } from "../words.js";

export interface ChronologyOptions {
  /** The dated events, merged into entries (an event told by several texts is one entry). */
  entries: ChronologyEntry[];
  /** Each text's short label, by text id (../short-title.ts). */
  labels: Map<string, string>;
  /** The edition's note on calendars (the manifest's `calendarNote`), if any. */
  calendarNote?: string;
  words: Pick<InterfaceWords, "pagePhrase" | "chronologyIntro" | "chronologyDates" | "chronologyInferredYear">;
}

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const seasonNames: Record<string, string> = { "21": "Spring", "22": "Summer", "23": "Autumn", "24": "Winter", "37": "Early", "38": "Mid-", "39": "Late" };

/** One EDTF date (no interval or set) in words: `7 November 1879`, `November 1917`, `[1917]` when inferred. */
function singleLabel(value: string): string {
  if (value.endsWith("~")) return `c. ${singleLabel(value.slice(0, -1))}`;
  const match = /^(\d{4})(\?)?(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (!match) return value;
  const [, y, inferred, m, d] = match;
  const yearText = inferred ? `[${y}]` : y!;
  const season = m ? seasonNames[m] : undefined;
  if (season) return season.endsWith("-") ? `${season}${yearText}` : `${season} ${yearText}`;
  return [d ? String(Number(d)) : "", m ? monthNames[Number(m) - 1] : "", yearText].filter(Boolean).join(" ");
}

/** An EDTF value in the house style: ranges with an en dash (`1918–23`, `17–25 April 1923`), sets with `or`. */
export function dateLabel(value: string): string {
  const set = /^\[(.*)\]$/.exec(value);
  if (set) return set[1]!.split(",").map(singleLabel).join(" or ");
  const [from, to] = value.split("/");
  if (!to) return singleLabel(from!);
  if (/^\d{4}$/.test(from!) && /^\d{4}$/.test(to)) return from!.slice(0, 2) === to.slice(0, 2) ? `${from}–${to.slice(2)}` : `${from}–${to}`;
  const a = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(from!);
  const b = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(to);
  if (a && b && a[1] === b[1]) {
    if (a[3] && b[3] && a[2] === b[2]) return `${Number(a[3])}–${Number(b[3])} ${monthNames[Number(a[2]) - 1]} ${a[1]}`;
    if (!a[3] && !b[3]) return `${monthNames[Number(a[2]) - 1]}–${monthNames[Number(b[2]) - 1]} ${a[1]}`;
  }
  return `${singleLabel(from!)} – ${singleLabel(to)}`;
}

/** The date under its year's heading: the year is left out unless it is all there is, or the date runs into another year. */
function entryDateLabel(date: DatedEvent["date"], year: number): string {
  const full = dateLabel(date.edtf);
  const label = full.endsWith(` ${year}`) && !full.includes(" or ") && !/\d{4}.* – /.test(full) ? full.slice(0, -5) : full;
  return date.oldStyle ? `${label} (${dateLabel(date.oldStyle).replace(/ \d{4}$/, "")} O.S.)` : label;
}

function references(entry: ChronologyEntry, labels: Map<string, string>, pagePhrase: string): ElementContent[] {
  const parts: ElementContent[] = [];
  for (const [index, passage] of entry.passages.entries()) {
    if (index) parts.push({ type: "text", value: "; " });
    parts.push(
      h("span", { className: ["chronology-reference"] }, [
        h("a", { className: ["chronology-source"], href: `#${passage.anchor}` }, labels.get(passage.textId) ?? passage.textId),
        ...(passage.source ? [" ", h("span", { className: ["chronology-quoted"] }, `(${quotedSource(passage.source)})`)] : []),
        h("span", { className: ["chronology-page", pageRefClasses.phrase] }, [pagePhrase, h("a", { className: [pageRefClasses.ref], href: `#${passage.anchor}` })]),
      ]),
    );
  }
  return parts;
}

/** A source excerpt's attribution, short: its first words up to a comma or a bracket, at most eight (`Adolph Joffe, suicide letter sent to Leon Trotsky`). */
function quotedSource(attribution: string): string {
  const words = attribution.replace(/\s*\([^)]*\)\s*\.?$/, "").split(/\s+/);
  return words.length > 8 ? `${words.slice(0, 8).join(" ")} …` : words.join(" ");
}

/** The chronology's content for BackMatter.chronology: a note on its conventions, then a heading and a list per year. */
export function chronologyAppendix({ entries, labels, calendarNote, words }: ChronologyOptions): ElementContent[] {
  if (!entries.length) return [];
  const years = new Map<number, ChronologyEntry[]>();
  for (const entry of entries) {
    const year = new Date(entry.min).getUTCFullYear();
    years.set(year, [...(years.get(year) ?? []), entry]);
  }
  const note: Element = h("p", { className: ["chronology-convention"] }, [
    words.chronologyIntro,
    words.chronologyDates,
    ...(calendarNote ? [`${calendarNote.trim()} `] : []),
    words.chronologyInferredYear,
  ]);
  const entryOf = (entry: ChronologyEntry, year: number) =>
    // Each date and its event in a `div` (allowed in a `dl`), so a page never parts them.
    h("div", { className: ["chronology-entry"] }, [
      h("dt", { className: ["chronology-date"] }, entryDateLabel(entry.date, year)),
      h("dd", { className: ["chronology-event"] }, [
        // The statement, then its sources; the persons are the index's (never run into the statement).
        h("span", { className: ["chronology-summary"] }, entry.summary),
        " ",
        h("span", { className: ["chronology-references"] }, references(entry, labels, words.pagePhrase)),
      ]),
    ]);
  const sections = [...years].map(([year, list]) =>
    h("section", { className: ["chronology-year"], ariaLabelledBy: `chronology-${year}` }, [
      h("h2", { id: `chronology-${year}`, className: ["chronology-year-heading"] }, String(year)),
      h("dl", { className: ["chronology-entries"] }, list.map((entry) => entryOf(entry, year))),
    ]),
  );
  return [note, ...sections];
}
