// The dates plugin: finds the dated events in a text's body, anchors each
// passage with an empty span, and records the events on the vfile for the
// chronology. Only the author's own running text counts: block quotations
// (Primary Sources excerpts among them), headings, notes and the closing list
// of notes are left alone, and titles of works with their publication years
// are never events (see date-forms.ts).
import type { Paragraph, PhrasingContent, Root } from "mdast";
import type { Plugin } from "unified";
import { visitParents } from "unist-util-visit-parents";
import "../../restore/text-data.js";
import { notesStart } from "../../restore/blocks.js";
import { findDates, lastYearNamed, type DateVocabulary } from "./date-forms.js";
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

export const enrichDates: Plugin<[EnrichDatesOptions?], Root> = ({ lexicon = noWords } = {}) => (tree, file) => {
  const textId = file.data.textId ?? file.data.entry?.id ?? "text";
  const bodyEnd = notesStart(tree);
  const paragraphs: Paragraph[] = [];
  visitParents(tree, "paragraph", (node, ancestors) => {
    if (ancestors.some((ancestor) => skippedAncestors.has(ancestor.type))) return;
    const top = ancestors[1] ?? node;
    if (tree.children.indexOf(top as Root["children"][number]) >= bodyEnd) return;
    paragraphs.push(node);
  });

  const events: DatedEvent[] = [];
  let contextYear: number | undefined;
  let passages = 0;
  for (const paragraph of paragraphs) {
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
      const found = findDates(text, paragraphYear ?? contextYear, lexicon);
      paragraphYear = lastYearNamed(text) ?? paragraphYear;
      for (const unsure of found.unsure) {
        file.message(`date left out of the chronology: ${unsure.reason}`, { place: placeOf(sentence.start + unsure.start), ruleId: "dates-unsure", source });
      }
      if (found.lastYear) contextYear = found.lastYear;
      if (!found.dates.length) continue;
      const id = `chrono-${textId}-${++passages}`;
      anchors.push({ offset: sentence.start, id });
      const persons = [...new Set(mentions.filter((m) => m.start < sentence.end && m.end > sentence.start).map((m) => m.person))];
      for (const date of found.dates) {
        const place = placeOf(sentence.start + date.start);
        if (date.yearInferred) {
          // A year from the same sentence or paragraph is a note; one from an earlier paragraph is a guess to check.
          const near = date.yearFrom === "sentence" ? "the same sentence" : yearBefore !== undefined ? "the same paragraph" : undefined;
          const year = date.edtf.slice(0, 4);
          if (near) file.info(`“${date.text}” has no year: ${year} taken from ${near}`, { place, ruleId: "dates-year-inferred", source });
          else file.message(`“${date.text}” has no year: ${year} taken from an earlier paragraph; check it`, { place, ruleId: "dates-year-inferred", source });
        }
        events.push({
          anchor: id,
          textId,
          date: { edtf: date.edtf, text: date.text, ...(date.oldStyle ? { oldStyle: date.oldStyle } : {}), ...(date.yearInferred ? { yearInferred: true } : {}) },
          summary: summarise(text, date.start, date.end),
          sentence: text,
          persons,
          features: eventFeatures(text, lexicon),
          ...(place ? { position: { start: { ...place }, end: { ...place } } } : {}),
        });
      }
    }
    // From the end, so earlier offsets are unchanged by the splits.
    for (const { offset, id } of anchors.reverse()) insertAt(file, paragraph, offset, anchorNode(id));
  }
  file.data.chronology = events;
};
