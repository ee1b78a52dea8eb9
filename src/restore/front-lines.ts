// The lines at the head of a text, before its body begins: the title, the
// byline, the publication line, a chapter number, and the block that names
// the book under review. Title and byline duplicate the division header
// (made from the manifest) and go; the publication line moves to the source
// note; the reviewed book becomes its own block. A line it cannot place is
// kept and reported.
import type { BlockContent, Paragraph, Root, RootContent, Text } from "mdast";
import type { Plugin } from "unified";
import { recordRemoval, toSourceNote } from "./removals.js";
import type { VFile } from "vfile";
import type { TextEntry } from "../manifest/manifest-schema.js";
import { paragraphText } from "./blocks.js";
import { keepRanges, lineStart, pointOfLine, sliceText } from "../ingest/raw-position.js";
import { soleText } from "./blocks.js";
import type { ReviewedWork } from "./text-data.js";

const source = "structure";
/** A body paragraph has a line longer than this; front lines are short. */
const frontLineLength = 110;
const maxFrontBlocks = 8;

/** Lower case, one kind of quote and dash, no punctuation: for comparing lines with the manifest. */
export function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’`']/g, "'")
    .replace(/[‐-―-]/g, "-")
    .replace(/[^\p{L}\p{N}' -]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const words = (text: string) => new Set(comparable(text).split(/[\s-]+/).filter(Boolean));

function isTitle(line: string, entry: TextEntry): boolean {
  return comparable(line) === comparable(entry.title);
}

function isByline(line: string, entry: TextEntry): boolean {
  return entry.author !== undefined && comparable(line.replace(/^\s*(?:[—–-]+|by)\s+/i, "")) === comparable(entry.author);
}

/** `16. Trotsky and the triumvirate`: a chapter number before the title. */
function chapterNumber(line: string, entry: TextEntry): string | undefined {
  const match = /^(\d+|[IVXLC]+)\.?\s+(.+)$/.exec(line);
  return match && comparable(match[2]!) === comparable(entry.title) ? match[1] : undefined;
}

/** Every word of the line stands in the manifest's publication and date. */
function isPublicationLine(line: string, entry: TextEntry): boolean {
  const known = words(`${entry.publication ?? ""} ${entry.date ?? ""}`);
  const own = [...words(line)];
  return own.length >= 2 && own.every((word) => known.has(word));
}

const yearPattern = /\b(1[5-9]\d\d|20\d\d)\b/;
const pricePattern = /[£$€]\s?\d+(?:\.\d\d)?/;
const pagesPattern = /\b(\d+)\s+pages\b/i;

/** A line that gives a publisher, place, year, price or page count (a year in a range is a title's). */
function isImprintLine(line: string): boolean {
  if (pricePattern.test(line) || pagesPattern.test(line)) return true;
  if (yearPattern.test(line)) return !/\d{4}\s*[-–]\s*\d/.test(line);
  return /^\p{Lu}[\p{L}’']*(?:\s\p{Lu}[\p{L}’']*)*,(?:\s\p{Lu}[\p{L}’']*)*,?$/u.test(line);
}

/** Where the imprint starts: the run of imprint lines that closes the block. */
function imprintStartOf(lines: string[]): number {
  let start = lines.length;
  while (start > 0 && isImprintLine(lines[start - 1]!)) start--;
  return start;
}

/**
 * The book under review, from a block of short lines such as
 * `Tony Cliff / Trotsky Volume IV 1927–40 / Bookmarks 1993, £6.95`.
 */
export function parseReviewedWork(lines: string[]): ReviewedWork | undefined {
  const imprintStart = imprintStartOf(lines);
  if (imprintStart <= 0 || imprintStart === lines.length) return undefined;
  const before = lines.slice(0, imprintStart);
  const imprint = lines.slice(imprintStart).join(" ").replace(/\s+/g, " ");
  const byIndex = before.findIndex((line) => /^By\s+/.test(line));
  let author: string | undefined;
  let titleLines = before;
  if (byIndex >= 0) {
    author = before[byIndex]!.replace(/^By\s+/, "").trim();
    titleLines = before.filter((_, index) => index !== byIndex);
  } else if (before.length >= 2 && /^\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){1,3}$/u.test(before[0]!) && !yearPattern.test(before[0]!)) {
    author = before[0];
    titleLines = before.slice(1);
  }
  if (!titleLines.length) return undefined;
  const work: ReviewedWork = { title: titleLines.join(" ").replace(/\s+/g, " ").replace(/:$/, "").trim() };
  if (author) work.author = author;
  const publisher = /^([^,\d]+?)(?:,|\s+\d{4})/.exec(imprint);
  if (publisher) work.publisher = publisher[1]!.trim();
  const place = /^[^,]+,\s*([^,\d]+?),/.exec(imprint);
  if (place) work.place = place[1]!.trim();
  const year = yearPattern.exec(imprint);
  if (year) work.year = year[1];
  const price = pricePattern.exec(imprint);
  if (price) work.price = price[0];
  const pages = pagesPattern.exec(imprint);
  if (pages) work.pages = pages[1];
  return work;
}

function paragraph(text: Text, className: string, emphasis = false): Paragraph {
  return {
    type: "paragraph",
    children: emphasis ? [{ type: "emphasis", children: [text] }] : [text],
    position: text.position,
    data: { hProperties: { className: [className] } },
  };
}

/** The reviewed book as a block that keeps every word of its raw lines. */
function reviewedWorkBlock(file: VFile, lines: string[], work: ReviewedWork, node: Paragraph): BlockContent {
  const imprintStart = imprintStartOf(lines);
  const whole = soleText(node)!;
  const children = lines.map((line, index) => {
    const rawLine = whole.value.split("\n")[index]!;
    const start = lineStart(whole.value, index) + rawLine.length - rawLine.trimStart().length;
    const text = sliceText(file, whole, start, start + line.length);
    if (index >= imprintStart) return paragraph(text, "reviewed-imprint");
    if (work.author && line.replace(/^By\s+/, "") === work.author) return paragraph(text, "reviewed-author");
    return paragraph(text, "reviewed-title", true);
  });
  return {
    type: "blockquote",
    children,
    position: node.position,
    data: { hName: "section", hProperties: { className: ["reviewed-work"], ariaLabel: "The book under review" } },
  };
}

function info(file: VFile, node: Paragraph, lineIndex: number, reason: string, ruleId: string): void {
  file.info(reason, { place: pointOfLine(file, soleText(node)!, lineIndex), ruleId, source });
}

const intoHeading = "into the text's heading (as the manifest gives it)";

/** A line taken out of the body (its words shown by the heading from the manifest, or moved): reported, and recorded for the word ledger. */
function took(file: VFile, node: Paragraph, lineIndex: number, reason: string, ruleId: string, moved?: string): void {
  info(file, node, lineIndex, reason, ruleId);
  const line = pointOfLine(file, soleText(node)!, lineIndex)?.line ?? 0;
  recordRemoval(file, { rule: ruleId, line, endLine: line, text: soleText(node)!.value.split("\n")[lineIndex]!.trim(), ...(moved ? { moved } : {}) });
}

export interface FrontLinesOptions {
  /** The manifest's entries; the text's own (by the `textId` its file was loaded with) says its title, author, kind and publication. */
  entries?: TextEntry[];
}

/**
 * Writes `file.data.reviewedWork` (read by the block-quotes and citations
 * stages after it), `chapterNumber`, and lines of `sourceNote`.
 */
export const restoreFrontLines: Plugin<[FrontLinesOptions?], Root> = ({ entries = [] } = {}) => (tree, file) => {
  const entry = entries.find((candidate) => candidate.id === file.data.textId);
  if (!entry) return;
  file.data.sourceNote ??= [];
  const out: RootContent[] = [];
  let index = 0;
  for (; index < Math.min(tree.children.length, maxFrontBlocks); index++) {
    const node = tree.children[index]!;
    const text = paragraphText(node);
    if (node.type !== "paragraph" || text === undefined) break;
    const lines = text.split("\n").map((line) => line.trim());
    if (lines.some((line) => line.length > frontLineLength)) break;

    const work = entry.kind === "review" && lines.length >= 2 && !file.data.reviewedWork ? parseReviewedWork(lines) : undefined;
    if (work) {
      file.data.reviewedWork = work;
      info(file, node, 0, `the book under review: ${[work.author, work.title].filter(Boolean).join(", ")}`, "structure-reviewed-work");
      out.push(reviewedWorkBlock(file, lines, work, node));
      continue;
    }

    const kept: string[] = [];
    const keptRanges: [number, number][] = [];
    const whole = soleText(node)!;
    lines.forEach((line, lineIndex) => {
      if (isTitle(line, entry)) return took(file, node, lineIndex, `title line, shown in the text's heading: \`${line}\``, "structure-title", intoHeading);
      if (isByline(line, entry)) return took(file, node, lineIndex, `byline, shown in the text's heading: \`${line}\``, "structure-byline", intoHeading);
      // A title page's `BY` on a line of its own, above the author's name.
      if (/^by$/i.test(line) && lineIndex + 1 < lines.length && isByline(lines[lineIndex + 1]!, entry)) return took(file, node, lineIndex, `byline, shown in the text's heading: \`${line}\``, "structure-byline", intoHeading);
      const chapter = chapterNumber(line, entry);
      if (chapter) {
        file.data.chapterNumber = chapter;
        return took(file, node, lineIndex, `chapter ${chapter}, shown in the text's heading: \`${line}\``, "structure-chapter", intoHeading);
      }
      if (isPublicationLine(line, entry)) {
        file.data.sourceNote!.push({ text: line, line: pointOfLine(file, whole, lineIndex)?.line ?? 0 });
        return took(file, node, lineIndex, `publication line, moved to the source note: \`${line}\``, "structure-publication", toSourceNote);
      }
      kept.push(line);
      const rawLine = whole.value.split("\n")[lineIndex]!;
      const start = lineStart(whole.value, lineIndex) + rawLine.length - rawLine.trimStart().length;
      keptRanges.push([start, start + line.length]);
    });
    if (kept.length) {
      file.message(`a line before the text begins that is not its title, byline or publication; kept: \`${kept.join(" / ")}\``, {
        place: node.position,
        ruleId: "structure-front-unknown",
        source,
      });
      if (kept.length === lines.length) out.push(node);
      else {
        const text = { ...whole };
        keepRanges(file, text, keptRanges, "\n");
        out.push({ ...node, children: [text] });
      }
    }
  }
  tree.children = [...out, ...tree.children.slice(index)];
};
