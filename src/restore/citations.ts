// Citations: every note that cites a work is read into CSL-JSON (see
// src/citations/), and `Ibid.`, `op. cit.` and short forms are resolved to
// the work cited earlier in the same text. The note keeps its wording; the
// words that name the work (`Ibid.`, `op. cit.`, the title) become a link to
// the work's entry in the bibliography. In a review, page references to the
// book under review (`(15)`, `(261–2)`, `(Cliff’s citation 259–60.)`) become
// citations of that book. In the running text, author–title–page citations
// in brackets and author-date citations in parentheses (src/citations/
// in-text.ts) and the works named as the sources of quotations
// (src/citations/named-sources.ts) are citations too. Every citation
// resolves first against the edition's own bibliography (`works`, the
// works file beside the manifest), then against the full references the
// text gives; `Ibid.` and `op. cit.` in reading order. Each citation's link
// carries an id, which the works cited links back to. Runs after the notes
// plugin.
import type { FootnoteDefinition, Link, Paragraph, PhrasingContent, Root, Text } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import { pointIn } from "../ingest/raw-position.js";
import { splitText, type TextPiece } from "../ingest/split-text.js";
import { visit, SKIP } from "unist-util-visit";
import { parseCitation, type ParsedCitation } from "../citations/parse-citation.js";
import { hasImprint, itemOf, itemOfReviewedWork, sameAuthor, sameTitle, type CitationRecord, type CslItem } from "../citations/works.js";
import { parseNote } from "../citations/chicago-note.js";
import { findInTextCitations, type InTextCitation } from "../citations/in-text.js";
import { findIntroducedSources, readExcerptHead, type NamedSource } from "../citations/named-sources.js";
import { parseReference, referenceListHeading } from "../citations/reference-list.js";
import "./notes.js";
import { typesetLine } from "./typography-rules.js";
import { pageReferencePattern } from "./page-references.js";
import { memoised } from "../enrich/memo.js";

const source = "citations";

/** The sources a paragraph's text names (`Maxim Gorky, New Life (7th November, 1917)`), kept in the text's memo (../enrich/memo.ts); the caller gets its own copy. */
const introducedSources = memoised("introducedSources", (text: string) => text, findIntroducedSources, (found) => structuredClone(found));

export interface CitationsOptions {
  /** The edition's bibliography (its works file), which citations resolve against first. */
  works?: CslItem[];
}

declare module "vfile" {
  interface DataMap {
    /** Brackets with words in them left as text (editorial insertions, `[sic]`): none should be a citation. */
    editorialBrackets: number;
    /** Entries of the text's own reference list read into CSL items. */
    referenceList: number;
    /** Notes not read as citations, by label: discussions (no mark of a citation), and notes with a citation's marks no form known reads. */
    notesNotCiting: { discursive: string[]; unread: string[] };
  }
}

/** The works of the edition's bibliography a citation names: by author and title, by title, by author, by author and year. */
function inEdition(parsed: ParsedCitation, edition: CslItem[], year?: string): CslItem[] {
  const first = (item: CslItem) => item.author?.[0] ?? item.editor?.[0];
  const byAuthor = (item: CslItem) => !parsed.author || (first(item) !== undefined && sameAuthor(first(item), parsed.author));
  const byTitle = (item: CslItem) => !parsed.title || [item.title, item["title-short"]].some((title) => title && sameTitle(title, parsed.title!));
  const byYear = (item: CslItem) => !year || ("date-parts" in (item.issued ?? {}) && String((item.issued as { "date-parts": number[][] })["date-parts"][0]?.[0]) === year.slice(0, 4));
  if (!parsed.author && !parsed.title) return [];
  return edition.filter((item) => byAuthor(item) && byTitle(item) && byYear(item));
}


function shortName(item: CslItem): string {
  return [item.author?.[0]?.family, item.title].filter(Boolean).join(", ");
}

function workLink(item: CslItem, text: Text, anchor?: string): Link {
  return { type: "link", url: `#${item.id}`, title: shortName(item), children: [text], data: { hProperties: { className: ["work-ref"], ...(anchor ? { id: anchor } : {}) } } };
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

function resolve(parsed: ParsedCitation, known: CslItem[], last: CslItem | undefined, edition: CslItem[] = [], year?: string, afterUnresolved = false, listedYears?: Map<CslItem, string>): Resolution {
  if (parsed.idem) {
    // `Idem, Title`: the author of the citation before, with the title given.
    const author = last?.author?.[0] ?? last?.editor?.[0];
    if (!author) return { problem: afterUnresolved ? "Idem after a citation that resolved to nothing" : "Idem with no citation of an author before it in this text", ruleId: "citations-unresolved" };
    parsed.author = author.given ? { family: author.family, given: author.given } : { family: author.family };
    parsed.idem = false;
  }
  if (parsed.kind !== "ibid") {
    const fromEdition = inEdition(parsed, edition, year);
    if (fromEdition.length === 1) return { item: fromEdition[0] };
  }
  if (year) {
    const first = (item: CslItem) => item.author?.[0] ?? item.editor?.[0];
    let matches = known.filter((item) => sameAuthor(first(item), parsed.author) && "date-parts" in (item.issued ?? {}) && String((item.issued as { "date-parts": number[][] })["date-parts"][0]?.[0]) === year.slice(0, 4));
    // `1950a` and `1950b`: the letters the text's reference list gives tell its works of one year apart.
    if (matches.length > 1 && listedYears) matches = matches.filter((item) => listedYears.get(item) === year);
    if (matches.length === 1) return { item: matches[0] };
    return { problem: `${parsed.author?.family} ${year}: ${matches.length ? "more than one" : "no"} work of this author and year in the edition's works or cited in full in this text`, ruleId: "citations-unresolved" };
  }
  const byAuthor = known.filter((item) => parsed.author && sameAuthor(item.author?.[0], parsed.author));
  switch (parsed.kind) {
    case "ibid":
      if (!last) return { problem: afterUnresolved ? "Ibid. after a citation that resolved to nothing" : "Ibid. with no citation before it in this text", ruleId: "citations-unresolved" };
      if (parsed.author && !sameAuthor(last.author?.[0], parsed.author)) {
        return { problem: `Ibid. names ${parsed.author.family}, but the work cited before is ${shortName(last)}`, ruleId: "citations-unresolved" };
      }
      return { item: last };
    case "op-cit": {
      const matches = parsed.title ? byAuthor.filter((item) => item.title && sameTitle(item.title, parsed.title!)) : byAuthor;
      if (matches.length === 1) return { item: matches[0] };
      return { problem: `op. cit.: ${matches.length ? "more than one" : "no"} work by ${parsed.author?.family ?? "its author"}${parsed.title ? ` titled ${parsed.title}` : ""} ${edition.length ? "in the edition's works or " : ""}cited before in this text`, ruleId: "citations-unresolved" };
    }
    case "full":
    case "short": {
      if (!parsed.title) {
        if (byAuthor.length === 1) return { item: byAuthor[0] };
        return { problem: `${parsed.author?.family}: ${byAuthor.length ? "more than one" : "no"} work by this author ${edition.length ? "in the edition's works or " : ""}cited before in this text`, ruleId: "citations-unresolved" };
      }
      const existing = known.find((item) => sameAuthor(item.author?.[0], parsed.author) && item.title && sameTitle(item.title, parsed.title!));
      if (existing) return { item: existing };
      return {};
    }
  }
}

/** What a citation has and a discussion has not: a page, an imprint's year in brackets, ibid. or op. cit. */
const citationMarks = /\b(?:pp?\.|pages?)[ \u00A0]*\d|\([^()]*\b1[5-9]\d\d\)|\b(?:ibid|op\.[ \u00A0]?cit|loc\.[ \u00A0]?cit)\b|,[ \u00A0]\d+(?:[–-]\d+)?\.$/iu;

/** Phrasing that is words of the note (its emphasis included), read together as the citation. */
const proseNodes = new Set(["text", "emphasis", "strong", "superscript", "subscript", "inlineCode"]);

interface Context {
  file: VFile;
  known: CslItem[];
  edition: CslItem[];
  records: CitationRecord[];
  last?: CslItem;
  /** The next citation link's number in this text. */
  next: number;
  /** The citation before resolved to nothing. */
  afterUnresolved?: boolean;
  /** The year (with its letter, `1950a`) each entry of the text's own reference list gives. */
  listedYears: Map<CslItem, string>;
}

const anchorOf = (context: Context) => `${context.file.data.textId ?? "text"}-cite-${++context.next}`;

function citeNote(definition: FootnoteDefinition, context: Context): { record?: CitationRecord; item?: CslItem } {
  const { file, known, last } = context;
  const paragraph = definition.children[0];
  const first = paragraph?.type === "paragraph" ? paragraph.children[0] : undefined;
  if (first?.type !== "text") return {};
  // The note's words up to its first other node: a title in italics (a Markdown note) is read with them.
  const lead = (paragraph as Paragraph).children;
  const until = lead.findIndex((node) => !proseNodes.has(node.type));
  const parsed = parseNote(toString(until === -1 ? lead : lead.slice(0, until)), parseCitation);
  if (!parsed) {
    const label = definition.data?.noteLabel ?? definition.label ?? "";
    const kind = citationMarks.test(toString(definition)) ? "unread" : "discursive";
    (context.file.data.notesNotCiting ??= { discursive: [], unread: [] })[kind].push(label);
    if (kind === "unread") context.file.info(`note ${label} has the marks of a citation (a page, an imprint, ibid.) but reads as none of the forms known; not linked`, { place: definition.position, ruleId: "citations-note-unread", source });
    return {};
  }
  const label = definition.data?.noteLabel ?? definition.label ?? "";
  const place = definition.position;
  const record: CitationRecord = { note: label, line: place?.start.line, column: place?.start.column, kind: parsed.kind, form: "note" };
  if (parsed.prefix) record.prefix = parsed.prefix;
  if (parsed.volume) record.volume = parsed.volume;
  if (parsed.locator) record.locator = parsed.locator;

  let { item, problem, ruleId } = resolve(parsed, known, last, context.edition, undefined, context.afterUnresolved);
  if (!item && !problem) {
    item = itemOf(parsed);
    known.push(item);
    if (parsed.kind === "short") {
      // Resolved to a work, only with less detail: worth knowing, not a problem to fix.
      file.info(`note ${label}: ${shortName(item)} is cited in short form with no full citation before it in this text; listed as it stands`, { place, ruleId: "citations-short-form-only", source });
    }
  } else if (item && parsed.kind === "full" && !hasImprint(item) && !context.edition.includes(item)) {
    enrich(item, itemOf(parsed));
  }
  if (problem) {
    file.message(`note ${label}: ${problem}; not linked`, { place, ruleId, source });
    return { record };
  }
  record.work = item!.id;
  const { start, end } = parsed.span;
  // Linked where the words stand in the note's first text node; a title in italics (a Markdown note) is linked whole.
  if (end > start && end <= first.value.length) {
    record.anchor = anchorOf(context);
    splitText(file, paragraph as { children: PhrasingContent[] }, first, [{ start, end, make: (text) => workLink(item!, text, record.anchor) }]);
  } else if (parsed.title) {
    const children = (paragraph as Paragraph).children;
    const index = children.findIndex((node, at) => (until === -1 || at < until) && node.type === "emphasis" && toString(node).trim().length > 0 && parsed.title!.startsWith(toString(node).trim().replace(/[,.]$/, "")));
    if (index >= 0) {
      record.anchor = anchorOf(context);
      const link = workLink(item!, { type: "text", value: "" }, record.anchor);
      link.children = [children[index] as PhrasingContent];
      children.splice(index, 1, link);
    }
  }
  return { record, item };
}

/** Page references to the book under review become links to it. */
function citePages(tree: Root, context: Context, reviewed: CslItem): void {
  const { file, records } = context;
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
      const anchor = anchorOf(context);
      pieces.push({
        start: at,
        end: at + number.length,
        make: (piece) => {
          const link = workLink(reviewed, piece);
          link.title = `${shortName(reviewed)}, page ${number}`;
          link.data = { hProperties: { className: ["work-ref", "page-citation"], id: anchor } };
          return link;
        },
      });
      const point = pointIn(file, text, at);
      records.push({ kind: "page-reference", form: "page-reference", work: reviewed.id, locator: number, line: point?.line, column: point?.column, anchor });
    }
    if (!pieces.length) return;
    const siblings = (parent as { children: PhrasingContent[] }).children;
    const index = siblings.indexOf(text);
    return [SKIP, index + splitText(file, parent as { children: PhrasingContent[] }, text, pieces)];
  });
}

/** A citation found in the running text: its form, where it stands, what it says; a source's date finer than a year. */
interface Found {
  form: NonNullable<CitationRecord["form"]>;
  start: number;
  end: number;
  parsed: ParsedCitation;
  year?: string;
  date?: number[];
}

/** Use a resolved work: known to the text from now on, the last cited (for `Ibid.`). */
function use(context: Context, item: CslItem): void {
  if (!context.known.includes(item)) context.known.push(item);
  context.last = item;
  context.afterUnresolved = false;
}

/** A citation in the running text (a bracket, an author-date parenthesis, a named source): resolved, recorded, and its piece of text made a link. */
function citeInText(context: Context, text: Text, found: Found): TextPiece | undefined {
  const { file, known } = context;
  const { parsed } = found;
  const point = pointIn(file, text, found.start);
  const record: CitationRecord = { line: point?.line, column: point?.column, kind: parsed.kind, form: found.form };
  if (parsed.prefix) record.prefix = parsed.prefix;
  if (parsed.volume) record.volume = parsed.volume;
  if (parsed.locator) record.locator = parsed.locator;
  context.records.push(record);
  let { item, problem } = resolve(parsed, known, context.last, context.edition, found.year, context.afterUnresolved, context.listedYears);
  if (!item && !problem) {
    item = itemOf(parsed);
    if (found.date) {
      // A dated piece (an article, a letter) is not the book of the same title: its own entry.
      item.id = `${item.id}-${found.date[0]}`;
      item.type = "article";
      item.issued = { "date-parts": [found.date] };
    }
    if (parsed.kind === "short") {
      file.info(`${shortName(item)} is cited in short form with no full citation before it in this text; listed as it stands`, { place: point, ruleId: "citations-short-form-only", source });
    }
  } else if (item && parsed.kind === "full" && !hasImprint(item) && !context.edition.includes(item)) {
    enrich(item, itemOf(parsed));
  }
  if (problem || !item) {
    file.message(`${text.value.slice(found.start, found.end)}: ${problem}; not linked`, { place: point, ruleId: "citations-unresolved", source });
    // An `Ibid.` after this one means this one's work, which is not known: it must not take the one before.
    context.last = undefined;
    context.afterUnresolved = true;
    return undefined;
  }
  use(context, item);
  record.work = item.id;
  record.anchor = anchorOf(context);
  const work = item;
  return { start: found.start, end: found.end, make: (piece) => workLink(work, piece, record.anchor) };
}

const classesOf = (node: { data?: unknown }) => ((node.data as { hProperties?: { className?: string[] } } | undefined)?.hProperties?.className ?? []);

/** The citations of the running text, the notes and the sources' heads, in reading order. */
function citeInReadingOrder(tree: Root, context: Context): void {
  let editorial = 0;
  visit(tree, (node, _, parent) => {
    if (node.type === "footnoteDefinition") {
      const { record, item } = citeNote(node, context);
      if (record) context.records.push(record);
      if (item) use(context, item);
      else if (record) {
        context.last = undefined;
        context.afterUnresolved = true;
      }
      return SKIP;
    }
    if (node.type === "link" || node.type === "inlineCode" || node.type === "code") return SKIP;
    if (classesOf(node).includes("reviewed-work") || classesOf(node).includes("reference-entry")) return SKIP;
    if (node.type === "heading") {
      // The head of a numbered source excerpt names the work it quotes.
      if (!parent || !classesOf(parent).includes("source-excerpt")) return SKIP;
      const first = node.children[0];
      const head = readExcerptHead(toString(node));
      if (first?.type !== "text" || !head || head.end > first.value.length) return SKIP;
      const piece = citeInText(context, first, { form: "source", ...head });
      if (piece) splitText(context.file, node, first, [piece]);
      return SKIP;
    }
    if (node.type !== "text" || !parent) return;
    const text = node as Text;
    const reading = findInTextCitations(text.value);
    editorial += reading.editorialBrackets;
    const found: Found[] = [
      ...reading.citations.map((citation: InTextCitation) => ({ ...citation })),
      ...introducedSources(text.value).map((named: NamedSource) => ({ form: "source" as const, ...named })),
    ].sort((a, b) => a.start - b.start);
    const pieces: TextPiece[] = [];
    let end = 0;
    for (const one of found) {
      if (one.start < end) continue;
      const piece = citeInText(context, text, one);
      if (piece) pieces.push(piece);
      end = one.end;
    }
    if (!pieces.length) return;
    const siblings = (parent as { children: PhrasingContent[] }).children;
    const index = siblings.indexOf(text);
    return [SKIP, index + splitText(context.file, parent as { children: PhrasingContent[] }, text, pieces)];
  });
  context.file.data.editorialBrackets = editorial;
}

/**
 * The text's own reference list: the paragraphs (or list items) after its
 * last "References", "Bibliography" or "Works Cited" heading (or a line
 * alone saying so), read into CSL items the text's citations resolve
 * against. Each entry read is marked (`reference-entry`), so its brackets
 * and years are not read as citations; an entry that reads as none of the
 * shapes known is a warning at its line. Fewer than half read: no list.
 */
function readReferenceList(tree: Root, context: Context): void {
  const children = tree.children;
  let at = -1;
  for (let index = children.length - 1; index >= 0 && at < 0; index--) {
    const node = children[index]!;
    if ((node.type === "heading" || node.type === "paragraph") && referenceListHeading.test(toString(node).trim())) at = index;
  }
  if (at < 0) return;
  const entries: { node: Paragraph | import("mdast").ListItem; text: string }[] = [];
  for (const node of children.slice(at + 1)) {
    if (node.type === "heading") break;
    if (node.type === "paragraph") entries.push({ node, text: toString(node) });
    else if (node.type === "list") for (const item of node.children) entries.push({ node: item, text: toString(item) });
  }
  let previous: CslItem | undefined;
  const read = entries.map(({ node, text }) => {
    const reference = parseReference(text, previous);
    if (reference) previous = reference.item;
    return { node, reference };
  });
  if (!entries.length || read.filter(({ reference }) => reference).length * 2 < entries.length) return;
  for (const { node, reference } of read) {
    const data = (node.data ??= {}) as { hProperties?: { className?: string[] } };
    data.hProperties = { ...data.hProperties, className: [...(data.hProperties?.className ?? []), "reference-entry"] };
    if (!reference) {
      context.file.message("an entry of the text's reference list that reads as no reference known (author, year, title, imprint); its citations stay unresolved", { place: node.position, ruleId: "citations-reference-unread", source });
      continue;
    }
    // A work listed twice (two entries of one id) is one work.
    if (context.known.some((item) => item.id === reference.item.id)) continue;
    context.known.push(reference.item);
    if (reference.year) context.listedYears.set(reference.item, reference.year);
  }
  context.file.data.referenceList = read.filter(({ reference }) => reference).length;
}

const formNames: Record<NonNullable<CitationRecord["form"]>, string> = { note: "in notes", bracket: "in brackets", "author-date": "author-date", source: "naming a quotation's source", "page-reference": "page references" };

export const restoreCitations: Plugin<[CitationsOptions?], Root> = (options = {}) => (tree, file) => {
  const context: Context = { file, known: [], edition: options.works ?? [], records: [], next: 0, listedYears: new Map() };
  const reviewed = file.data.reviewedWork ? itemOfReviewedWork(file.data.reviewedWork, typesetLine) : undefined;
  if (reviewed) {
    const fromEdition = inEdition({ kind: "short", author: reviewed.author?.[0], title: reviewed.title, span: { start: 0, end: 0 } }, context.edition);
    const work = fromEdition.length === 1 ? fromEdition[0]! : reviewed;
    context.known.push(work);
    citePages(tree, context, work);
  }
  readReferenceList(tree, context);
  citeInReadingOrder(tree, context);
  const { records, known } = context;
  const cited = new Set(records.map((record) => record.work).filter(Boolean));
  file.data.works = new Map(known.filter((item) => cited.has(item.id)).map((item) => [item.id, item]));
  file.data.citations = records;
  if (records.length || file.data.editorialBrackets) {
    const unresolved = records.filter((record) => !record.work).length;
    const forms = (Object.keys(formNames) as (keyof typeof formNames)[])
      .map((form) => [form, records.filter((record) => (record.form ?? "note") === form).length] as const)
      .filter(([, count]) => count)
      .map(([form, count]) => `${count} ${formNames[form]}`);
    const brackets = `${file.data.editorialBrackets ? `; ${file.data.editorialBrackets} brackets left as text` : ""}${file.data.referenceList ? `; ${file.data.referenceList} entries of its own reference list read` : ""}`;
    file.info(`${records.length} citations${forms.length ? ` (${forms.join(", ")})` : ""}, ${unresolved} unresolved, ${file.data.works.size} works cited${brackets}`, { place: tree.position?.start, ruleId: "citations-count", source });
  }
};
