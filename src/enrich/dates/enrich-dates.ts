// The dates plugin: finds the dated events in a text's body, anchors each
// passage with an empty span, and records the events on the vfile for the
// chronology. The author's own running text counts, and a site's source
// excerpts (letters, diaries, testimony), whose events are attributed to the
// source; other block quotations, headings, notes and the closing list of
// notes are left alone, titles of works with their publication years are
// never events (see date-forms.ts), and a date counts only where it dates
// something that happened (event-clause.ts). A year taken from further back
// than the sentence or the heading framing it is held for the editor.
import type { Heading, Paragraph, Parent, PhrasingContent, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Node } from "unist";
import type { Plugin } from "unified";
import { visitParents } from "unist-util-visit-parents";
import "../../restore/text-data.js";
import { notesStart } from "../../restore/blocks.js";
import { findDates, lastYearNamed, type DateVocabulary, type FoundDate } from "./date-forms.js";
import { judgeClause, type NotEvent } from "./event-clause.js";
import { eventFeatures, summarise, type DatedEvent, type EventVocabulary } from "./events.js";
import { inlineText, insertAt } from "./inline-text.js";
import { relativeDates } from "./relative-dates.js";
import { blockLanguage, rawPointInBlock } from "../../language/language-layer.js";

const source = "dates";
const skippedAncestors = new Set(["blockquote", "footnoteDefinition", "heading", "tableCell"]);

/**
 * The anchor at a passage. It is an empty text node that remark-rehype turns
 * into `<span id>` through `data.hName`: an mdast node every other tool
 * (mdast-util-to-markdown for `check --diff`, the plugins walking text) already
 * understands, which adds no text.
 */
function anchorNode(id: string): PhrasingContent {
  return { type: "text", value: "", data: { hName: "span", hProperties: { id, className: ["chronology-anchor"] } } } as PhrasingContent;
}

export interface EnrichDatesOptions {
  /** The lexicon's words for dates and events (named events, kinds of event, stop words); none by default. */
  lexicon?: DateVocabulary & EventVocabulary & { abbreviations?: string[] };
}

const noWords: NonNullable<EnrichDatesOptions["lexicon"]> = { namedEvents: [], eventKinds: {}, stopWords: [] };

/** The attribution of a source excerpt: its heading without the number (`Adolph Joffe, suicide letter sent to Leon Trotsky (16th November, 1927)`). */
function excerptAttribution(section: Parent): string | undefined {
  const heading = section.children.find((child) => child.type === "heading");
  return heading ? toString(heading).replace(/^\(\d+\)\s*/, "").trim() : undefined;
}

const isExcerpt = (node: Node) => ((node.data as { hProperties?: { className?: string[] } } | undefined)?.hProperties?.className ?? []).includes("source-excerpt");

/** The one year a heading states with a month or a day (a letter's or a diary's date, `Britain, May 1926`), or a year standing alone (`Britain 1926`); a work's year in brackets does not frame a passage. */
function headingYear(text: string, vocabulary: DateVocabulary): number | undefined {
  const dated = findDates(text, undefined, vocabulary).dates.filter((date) => !date.yearInferred && /^\d{4}-\d{2}/.test(date.edtf));
  const years = new Set(dated.map((date) => Number(date.edtf.slice(0, 4))));
  if (years.size === 1) return [...years][0];
  const bare = [...text.matchAll(/\b(1[5-9]\d\d|20[0-4]\d)\b/g)].filter((m) => text[m.index! - 1] !== "(");
  return !dated.length && bare.length === 1 ? Number(bare[0]![1]) : undefined;
}

/** Kinds of document whose date is an act (written, sent, spoken, entered); a work's title with its date is a publication instead. */
const documentKinds = /^[^,()]+,\s+(?:[a-z]+\s+)?(?:letter|diary|statement|speech|telegram|message|testimony|declaration|appeal|proclamation|resolution|order)\b[^()]*\(([^()]*\b\d{4})\)\.?$/;

/** An excerpt head that names a dated document (`Adolph Joffe, suicide letter sent to Leon Trotsky (16th November, 1927)`): its statement and its date. */
function documentHead(head: string): { statement: string; date: string; dateStart: number } | undefined {
  const match = documentKinds.exec(head);
  if (!match) return undefined;
  const dateStart = head.lastIndexOf(`(${match[1]})`) + 1;
  return { statement: `${head.slice(0, dateStart - 1).trim().replace(/[,.]$/, "")}.`, date: match[1]!, dateStart };
}

/**
 * The entry's statement: an excerpt head without its number; a sentence that opens with a relative date
 * (`Two weeks later Dora Kaplan shot …`) without it, since the entry's date says when.
 */
function statementOf(sentence: string, date: FoundDate, relative: boolean, head: boolean): string {
  const summary = summarise(sentence, date.start, date.end);
  if (head) return summary.replace(/^(?:…)?\(\d+\)\s*/, "");
  if (!relative) return summary;
  const opening = new RegExp(`^(?:On\\s+)?${date.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")},?\\s+`, "i");
  return opening.test(summary) ? summary.replace(opening, "").replace(/^[a-z]/, (first) => first.toUpperCase()) : summary;
}

/** A date the text gives that dates no event (a comparison, a label, a piece of writing…), kept for measuring. */
export interface LeftOutDate {
  textId: string;
  line: number;
  edtf: string;
  reason: NotEvent;
  sentence: string;
}

declare module "vfile" {
  interface DataMap {
    chronologyLeftOut: LeftOutDate[];
  }
}

interface Passage {
  paragraph: Paragraph;
  /** The year the section's heading (or the excerpt's head) states. */
  framingYear?: number;
  /** The source excerpt the paragraph quotes. */
  excerpt?: { attribution?: string; node: Node };
  /** An excerpt's head: the document it names and its date, or `true` for a head read as running text. */
  head?: { statement: string; date: string; dateStart: number } | true;
  /** The paragraph right before it in the same block, whose last sentence may anchor a relative date. */
  follows?: Node;
}

export const enrichDates: Plugin<[EnrichDatesOptions?], Root> = ({ lexicon = noWords } = {}) => (tree, file) => {
  const textId = file.data.textId ?? file.data.entry?.id ?? "text";
  const bodyEnd = notesStart(tree);
  const passagesFound: Passage[] = [];
  // The year of each heading level's current section: a deeper heading without a year keeps its parent's.
  const sectionYears: (number | undefined)[] = [];
  visitParents(tree, (node, ancestors) => {
    if (node.type !== "paragraph" && node.type !== "heading") return;
    const parent = ancestors.at(-1) as Parent | undefined;
    const follows = parent?.children[parent.children.indexOf(node as Parent["children"][number]) - 1];
    const top = ancestors[1] ?? node;
    if (tree.children.indexOf(top as Root["children"][number]) >= bodyEnd) return;
    const excerpt = ancestors.find(isExcerpt) as Parent | undefined;
    if (node.type === "heading" && excerpt) {
      // An excerpt's head: a document's date (`Julius Martov, letter to Pavel Axelrod (2nd March, 1903)`) is the event of its writing or
      // sending; a head in the site's own words (`In November, 1917, Lenin sent Trotsky to negotiate`) is read as running text; a work's
      // title and its date (`Maxim Gorky, New Life (7th November, 1917)`) is a publication, never an event (date-forms.ts).
      if (!ancestors.some((ancestor) => ancestor.type === "footnoteDefinition" || ancestor.type === "tableCell")) {
        passagesFound.push({ paragraph: node as unknown as Paragraph, head: documentHead(toString(node).replace(/^\(\d+\)\s*/, "").trim()) ?? true });
      }
      return "skip";
    }
    if (node.type === "heading") {
      if (ancestors.some((ancestor) => skippedAncestors.has(ancestor.type) && ancestor.type !== "heading")) return;
      const depth = (node as Heading).depth;
      sectionYears.length = depth;
      sectionYears[depth - 1] = headingYear(toString(node), lexicon) ?? sectionYears.slice(0, depth - 1).findLast((year) => year !== undefined);
      return "skip";
    }
    if (excerpt) {
      // A source excerpt quotes a letter, a diary, a speech: its dated events count, attributed to it.
      if (ancestors.some((ancestor) => ancestor.type === "footnoteDefinition" || ancestor.type === "tableCell")) return;
      const attribution = excerptAttribution(excerpt);
      passagesFound.push({ paragraph: node as Paragraph, excerpt: { attribution, node: excerpt }, framingYear: attribution ? headingYear(attribution, lexicon) : undefined, follows });
      return;
    }
    if (ancestors.some((ancestor) => skippedAncestors.has(ancestor.type))) return;
    passagesFound.push({ paragraph: node as Paragraph, framingYear: sectionYears.findLast((year) => year !== undefined), follows });
  });

  const events: DatedEvent[] = [];
  const leftOut: LeftOutDate[] = [];
  let contextYear: number | undefined;
  let passages = 0;
  // The dates of the last sentence read (and whether each one's year waits for the editor), and its paragraph: a relative date's anchor.
  let lastSentence: { paragraph: Paragraph; dates: FoundDate[]; held: Map<FoundDate, string | undefined> } | undefined;
  for (const { paragraph, framingYear, excerpt, follows, head } of passagesFound) {
    const { value, mentions } = inlineText(paragraph);
    const anchors: { offset: number; id: string }[] = [];
    // The place in the raw file: through the text node that holds the index, else the paragraph's start.
    const placeOf = (index: number) => {
      const point = rawPointInBlock(file, paragraph, index);
      return point ? { line: point.line, column: point.column } : paragraph.position?.start;
    };
    if (head && head !== true) {
      const numbered = value.indexOf(head.date, head.dateStart);
      const date = findDates(head.date, undefined, lexicon).dates.find((found) => !found.yearInferred);
      if (date && numbered !== -1) {
        const id = `chrono-${textId}-${++passages}`;
        const place = placeOf(numbered);
        events.push({
          anchor: id,
          textId,
          date: { edtf: date.edtf, text: date.text, ...(date.oldStyle ? { oldStyle: date.oldStyle } : {}) },
          summary: head.statement,
          sentence: value,
          persons: [...new Set(mentions.map((m) => m.person))],
          features: eventFeatures(value, lexicon),
          ...(place ? { position: { start: { ...place }, end: { ...place } } } : {}),
        });
        insertAt(file, paragraph, 0, anchorNode(id));
      }
      lastSentence = undefined;
      continue;
    }
    // The language layer's sentences (enrichLanguage), or the same layer made here when the plugin ran alone.
    const language = paragraph.data?.language ?? blockLanguage(paragraph, { abbreviations: lexicon.abbreviations });
    // A year named earlier in the same paragraph, dated or not, is the best guess for a date without one.
    let paragraphYear: number | undefined;
    for (const [sentenceIndex, sentence] of language.sentences.entries()) {
      const text = value.slice(sentence.start, sentence.end);
      const yearBefore = paragraphYear;
      const found = findDates(text, paragraphYear ?? framingYear ?? contextYear, lexicon);
      paragraphYear = lastYearNamed(text) ?? paragraphYear;
      for (const unsure of found.unsure) {
        file.message(`date left out of the chronology: ${unsure.reason}`, { place: placeOf(sentence.start + unsure.start), ruleId: "dates-unsure", source });
      }
      if (found.lastYear) contextYear = found.lastYear;
      // Why a date's year waits for the editor: it was taken from further back than the sentence or the heading framing it.
      const heldYears = new Map<FoundDate, string | undefined>();
      const relativeSet = new Set<FoundDate>();
      for (const date of found.dates) {
        if (!date.yearInferred || date.yearFrom === "sentence") continue;
        const year = date.edtf.slice(0, 4);
        if (yearBefore === undefined && framingYear !== undefined && String(framingYear) === year) continue;
        heldYears.set(date, `“${date.text}” has no year: ${year} taken from ${yearBefore !== undefined ? "an earlier sentence of the paragraph" : "an earlier paragraph"}`);
      }
      // Relative dates (`two weeks later`, `the following year`) count from the date before them in the sentence or the sentence before;
      // an anchor in the paragraph before, or one whose own year waits for the editor, makes them wait too.
      const previous = sentenceIndex > 0 ? (lastSentence?.paragraph === paragraph ? lastSentence : undefined) : lastSentence?.paragraph === follows ? lastSentence : undefined;
      for (const relative of relativeDates(text, found.dates, previous?.dates ?? [])) {
        const { anchor, anchorText, ...date } = relative;
        const own = found.dates.includes(anchor);
        const anchorHeld = own ? heldYears.get(anchor) : previous?.held.get(anchor);
        const crossed = !own && sentenceIndex === 0;
        found.dates.push(date);
        relativeSet.add(date);
        if (anchorHeld || crossed) heldYears.set(date, `“${date.text}” is counted from “${anchorText}”${crossed ? " in the paragraph before" : ", whose year is not certain"}`);
        else file.info(`“${date.text}” counted from “${anchorText}” ${own ? "in the same sentence" : "in the sentence before"}: ${date.edtf.replace("?", "")}`, { place: placeOf(sentence.start + date.start), ruleId: "dates-relative", source });
      }
      found.dates.sort((a, b) => a.start - b.start);
      lastSentence = { paragraph, dates: found.dates, held: heldYears };
      const dated = found.dates.filter((date) => {
        const judgement = judgeClause(text, date.start, date.end, lexicon.namedEvents);
        if (!judgement.event) leftOut.push({ textId, line: placeOf(sentence.start + date.start)?.line ?? 0, edtf: date.edtf, reason: judgement.reason!, sentence: text });
        return judgement.event;
      });
      if (!dated.length) continue;
      const id = `chrono-${textId}-${++passages}`;
      anchors.push({ offset: sentence.start, id });
      const persons = [...new Set(mentions.filter((m) => m.start < sentence.end && m.end > sentence.start).map((m) => m.person))];
      for (const date of dated) {
        const place = placeOf(sentence.start + date.start);
        // A year from the same sentence or the heading that frames the passage is used; one from further back waits for the editor.
        const held = heldYears.get(date);
        if (date.yearInferred && !held && date.yearFrom === "sentence") file.info(`“${date.text}” has no year: ${date.edtf.slice(0, 4)} taken from the same sentence`, { place, ruleId: "dates-year-inferred", source });
        else if (date.yearInferred && !held && !relativeSet.has(date)) file.info(`“${date.text}” has no year: ${date.edtf.slice(0, 4)} taken from the heading`, { place, ruleId: "dates-year-inferred", source });
        events.push({
          anchor: id,
          textId,
          date: { edtf: date.edtf, text: date.text, ...(date.oldStyle ? { oldStyle: date.oldStyle } : {}), ...(date.yearInferred ? { yearInferred: true } : {}) },
          summary: statementOf(text, date, relativeSet.has(date), Boolean(head)),
          sentence: text,
          persons,
          features: eventFeatures(text, lexicon),
          ...(held ? { held } : {}),
          ...(excerpt ? { source: excerpt.attribution ?? "" } : {}),
          ...(place ? { position: { start: { ...place }, end: { ...place } } } : {}),
        });
      }
    }
    // From the end, so earlier offsets are unchanged by the splits.
    for (const { offset, id } of anchors.reverse()) insertAt(file, paragraph, offset, anchorNode(id));
  }
  file.data.chronology = events;
  file.data.chronologyLeftOut = leftOut;
};
