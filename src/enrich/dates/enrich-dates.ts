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
import { findDates, lastYearNamed, type DateVocabulary } from "./date-forms.js";
import { judgeClause, type NotEvent } from "./event-clause.js";
import { eventFeatures, summarise, type DatedEvent, type EventVocabulary } from "./events.js";
import { inlineText, insertAt } from "./inline-text.js";
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
}

export const enrichDates: Plugin<[EnrichDatesOptions?], Root> = ({ lexicon = noWords } = {}) => (tree, file) => {
  const textId = file.data.textId ?? file.data.entry?.id ?? "text";
  const bodyEnd = notesStart(tree);
  const passagesFound: Passage[] = [];
  // The year of each heading level's current section: a deeper heading without a year keeps its parent's.
  const sectionYears: (number | undefined)[] = [];
  visitParents(tree, (node, ancestors) => {
    if (node.type !== "paragraph" && node.type !== "heading") return;
    const top = ancestors[1] ?? node;
    if (tree.children.indexOf(top as Root["children"][number]) >= bodyEnd) return;
    const excerpt = ancestors.find(isExcerpt) as Parent | undefined;
    if (node.type === "heading") {
      if (excerpt || ancestors.some((ancestor) => skippedAncestors.has(ancestor.type) && ancestor.type !== "heading")) return;
      const depth = (node as Heading).depth;
      sectionYears.length = depth;
      sectionYears[depth - 1] = headingYear(toString(node), lexicon) ?? sectionYears.slice(0, depth - 1).findLast((year) => year !== undefined);
      return "skip";
    }
    if (excerpt) {
      // A source excerpt quotes a letter, a diary, a speech: its dated events count, attributed to it.
      if (ancestors.some((ancestor) => ancestor.type === "footnoteDefinition" || ancestor.type === "tableCell")) return;
      const attribution = excerptAttribution(excerpt);
      passagesFound.push({ paragraph: node as Paragraph, excerpt: { attribution, node: excerpt }, framingYear: attribution ? headingYear(attribution, lexicon) : undefined });
      return;
    }
    if (ancestors.some((ancestor) => skippedAncestors.has(ancestor.type))) return;
    passagesFound.push({ paragraph: node as Paragraph, framingYear: sectionYears.findLast((year) => year !== undefined) });
  });

  const events: DatedEvent[] = [];
  const leftOut: LeftOutDate[] = [];
  let contextYear: number | undefined;
  let passages = 0;
  for (const { paragraph, framingYear, excerpt } of passagesFound) {
    const { value, mentions } = inlineText(paragraph);
    const anchors: { offset: number; id: string }[] = [];
    // The place in the raw file: through the text node that holds the index, else the paragraph's start.
    const placeOf = (index: number) => {
      const point = rawPointInBlock(file, paragraph, index);
      return point ? { line: point.line, column: point.column } : paragraph.position?.start;
    };
    // The language layer's sentences (enrichLanguage), or the same layer made here when the plugin ran alone.
    const language = paragraph.data?.language ?? blockLanguage(paragraph, { abbreviations: lexicon.abbreviations });
    // A year named earlier in the same paragraph, dated or not, is the best guess for a date without one.
    let paragraphYear: number | undefined;
    for (const sentence of language.sentences) {
      const text = value.slice(sentence.start, sentence.end);
      const yearBefore = paragraphYear;
      const found = findDates(text, paragraphYear ?? framingYear ?? contextYear, lexicon);
      paragraphYear = lastYearNamed(text) ?? paragraphYear;
      for (const unsure of found.unsure) {
        file.message(`date left out of the chronology: ${unsure.reason}`, { place: placeOf(sentence.start + unsure.start), ruleId: "dates-unsure", source });
      }
      if (found.lastYear) contextYear = found.lastYear;
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
        let held: string | undefined;
        if (date.yearInferred) {
          // A year from the same sentence or the heading that frames the passage is used; one from further back waits for the editor.
          const year = date.edtf.slice(0, 4);
          if (date.yearFrom === "sentence") file.info(`“${date.text}” has no year: ${year} taken from the same sentence`, { place, ruleId: "dates-year-inferred", source });
          else if (yearBefore === undefined && framingYear !== undefined && String(framingYear) === year) file.info(`“${date.text}” has no year: ${year} taken from the heading`, { place, ruleId: "dates-year-inferred", source });
          else held = `“${date.text}” has no year: ${year} taken from ${yearBefore !== undefined ? "an earlier sentence of the paragraph" : "an earlier paragraph"}`;
        }
        events.push({
          anchor: id,
          textId,
          date: { edtf: date.edtf, text: date.text, ...(date.oldStyle ? { oldStyle: date.oldStyle } : {}), ...(date.yearInferred ? { yearInferred: true } : {}) },
          summary: summarise(text, date.start, date.end),
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
