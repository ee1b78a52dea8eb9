// Citations: every note that cites a work is read into CSL-JSON (see
// src/citations/), and `Ibid.`, `op. cit.` and short forms are resolved to
// the work cited earlier in the same text. The note keeps its wording; the
// words that name the work (`Ibid.`, `op. cit.`, the title) become a link to
// the work's entry in the bibliography. In a review, page references to the
// book under review (`(15)`, `(261–2)`, `(Cliff’s citation 259–60.)`) become
// citations of that book. Runs after the notes plugin.
import type { FootnoteDefinition, Link, Paragraph, PhrasingContent, Root, Text } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import { pointIn } from "../ingest/raw-position.js";
import { splitText, type TextPiece } from "../ingest/split-text.js";
import { visit, SKIP } from "unist-util-visit";
import { parseCitation, type ParsedCitation } from "../citations/parse-citation.js";
import { hasImprint, itemOf, itemOfReviewedWork, sameAuthor, sameTitle, type CitationRecord, type CslItem } from "../citations/works.js";
import "./notes.js";
import { typesetLine } from "./typography-rules.js";
import { pageReferencePattern } from "./page-references.js";

const source = "citations";


function shortName(item: CslItem): string {
  return [item.author?.[0]?.family, item.title].filter(Boolean).join(", ");
}

function workLink(item: CslItem, text: Text): Link {
  return { type: "link", url: `#${item.id}`, title: shortName(item), children: [text], data: { hProperties: { className: ["work-ref"] } } };
}

/** Fill in what a later, fuller citation knows about a work first cited in short. */
function enrich(target: CslItem, from: CslItem): void {
  for (const [key, value] of Object.entries(from)) if (key !== "id" && !(key in target)) (target as unknown as Record<string, unknown>)[key] = value;
}

interface Resolution {
  item?: CslItem;
  problem?: string;
  ruleId?: string;
}

function resolve(parsed: ParsedCitation, known: CslItem[], last: CslItem | undefined): Resolution {
  const byAuthor = known.filter((item) => parsed.author && sameAuthor(item.author?.[0], parsed.author));
  switch (parsed.kind) {
    case "ibid":
      if (!last) return { problem: "Ibid. with no citation before it in this text", ruleId: "citations-unresolved" };
      if (parsed.author && !sameAuthor(last.author?.[0], parsed.author)) {
        return { problem: `Ibid. names ${parsed.author.family}, but the work cited before is ${shortName(last)}`, ruleId: "citations-unresolved" };
      }
      return { item: last };
    case "op-cit": {
      const matches = parsed.title ? byAuthor.filter((item) => item.title && sameTitle(item.title, parsed.title!)) : byAuthor;
      if (matches.length === 1) return { item: matches[0] };
      return { problem: `op. cit.: ${matches.length ? "more than one" : "no"} work by ${parsed.author?.family ?? "its author"}${parsed.title ? ` titled ${parsed.title}` : ""} cited before in this text`, ruleId: "citations-unresolved" };
    }
    case "full":
    case "short": {
      if (!parsed.title) {
        if (byAuthor.length === 1) return { item: byAuthor[0] };
        return { problem: `${parsed.author?.family}: ${byAuthor.length ? "more than one" : "no"} work by this author cited before in this text`, ruleId: "citations-unresolved" };
      }
      const existing = known.find((item) => sameAuthor(item.author?.[0], parsed.author) && item.title && sameTitle(item.title, parsed.title!));
      if (existing) return { item: existing };
      return {};
    }
  }
}

/** Phrasing that is words of the note (its emphasis included), read together as the citation. */
const proseNodes = new Set(["text", "emphasis", "strong", "superscript", "subscript", "inlineCode"]);

function citeNote(definition: FootnoteDefinition, file: VFile, known: CslItem[], last: CslItem | undefined): { record?: CitationRecord; item?: CslItem } {
  const paragraph = definition.children[0];
  const first = paragraph?.type === "paragraph" ? paragraph.children[0] : undefined;
  if (first?.type !== "text") return {};
  // The note's words up to its first other node: a title in italics (a Markdown note) is read with them.
  const lead = (paragraph as Paragraph).children;
  const until = lead.findIndex((node) => !proseNodes.has(node.type));
  const parsed = parseCitation(toString(until === -1 ? lead : lead.slice(0, until)));
  if (!parsed) return {};
  const label = definition.data?.noteLabel ?? definition.label ?? "";
  const place = definition.position;
  const record: CitationRecord = { note: label, line: place?.start.line, kind: parsed.kind };
  if (parsed.prefix) record.prefix = parsed.prefix;
  if (parsed.volume) record.volume = parsed.volume;
  if (parsed.locator) record.locator = parsed.locator;

  let { item, problem, ruleId } = resolve(parsed, known, last);
  if (!item && !problem) {
    item = itemOf(parsed);
    known.push(item);
    if (parsed.kind === "short") {
      // Resolved to a work, only with less detail: worth knowing, not a problem to fix.
      file.info(`note ${label}: ${shortName(item)} is cited in short form with no full citation before it in this text; listed as it stands`, { place, ruleId: "citations-short-form-only", source });
    }
  } else if (item && parsed.kind === "full" && !hasImprint(item)) {
    enrich(item, itemOf(parsed));
  }
  if (problem) {
    file.message(`note ${label}: ${problem}; not linked`, { place, ruleId, source });
    return { record };
  }
  record.work = item!.id;
  const { start, end } = parsed.span;
  // Linked where the words stand in the note's first text node (not across an italic title).
  if (end > start && end <= first.value.length) splitText(file, paragraph as { children: PhrasingContent[] }, first, [{ start, end, make: (text) => workLink(item!, text) }]);
  return { record, item };
}

/** Page references to the book under review become links to it. */
function citePages(tree: Root, file: VFile, reviewed: CslItem, records: CitationRecord[]): void {
  const pages = Number(file.data.reviewedWork?.pages?.match(/\d+/)?.[0] ?? Number.NaN);
  // `(15)`, `(261–2)`, or after the reviewed book's author's name: `(Cliff’s citation 259–60.)`.
  const pageReference = pageReferencePattern(file.data.reviewedWork);
  visit(tree, (node, _, parent) => {
    if (node.type === "heading") return SKIP;
    const className = (node.data as { hProperties?: { className?: string[] } } | undefined)?.hProperties?.className;
    if (className?.includes("reviewed-work")) return SKIP;
    if (node.type !== "text" || !parent) return;
    const text = node as Text;
    const matches = [...text.value.matchAll(pageReference)];
    if (!matches.length) return;
    const pieces: TextPiece[] = [];
    for (const match of matches) {
      const number = match[1]!;
      const first = Number(number.split("–")[0]);
      if (first > (Number.isNaN(pages) ? 1799 : pages)) {
        file.message(`(${number}) is beyond the ${Number.isNaN(pages) ? "plausible" : `${pages}`} pages of the book under review: not taken as a page reference`, { place: pointIn(file, text, match.index + match[0].indexOf("(")), ruleId: "citations-page-out-of-range", source });
        continue;
      }
      const at = match.index + match[0].lastIndexOf(number);
      pieces.push({
        start: at,
        end: at + number.length,
        make: (piece) => {
          const link = workLink(reviewed, piece);
          link.title = `${shortName(reviewed)}, page ${number}`;
          link.data = { hProperties: { className: ["work-ref", "page-citation"] } };
          return link;
        },
      });
      records.push({ kind: "page-reference", work: reviewed.id, locator: number, line: pointIn(file, text, at)?.line });
    }
    if (!pieces.length) return;
    const siblings = (parent as { children: PhrasingContent[] }).children;
    const index = siblings.indexOf(text);
    return [SKIP, index + splitText(file, parent as { children: PhrasingContent[] }, text, pieces)];
  });
}

export const restoreCitations: Plugin<[], Root> = () => (tree, file) => {
  const known: CslItem[] = [];
  const records: CitationRecord[] = [];
  const reviewed = file.data.reviewedWork ? itemOfReviewedWork(file.data.reviewedWork, typesetLine) : undefined;
  if (reviewed) {
    known.push(reviewed);
    citePages(tree, file, reviewed, records);
  }
  let last: CslItem | undefined;
  visit(tree, "footnoteDefinition", (definition) => {
    const { record, item } = citeNote(definition, file, known, last);
    if (record) records.push(record);
    if (item) last = item;
    return SKIP;
  });
  const cited = new Set(records.map((record) => record.work).filter(Boolean));
  file.data.works = new Map(known.filter((item) => cited.has(item.id)).map((item) => [item.id, item]));
  file.data.citations = records;
  if (records.length) {
    const unresolved = records.filter((record) => !record.work).length;
    file.info(`${records.length} citations, ${unresolved} unresolved, ${file.data.works.size} works cited`, { place: tree.position?.start, ruleId: "citations-count", source });
  }
};
