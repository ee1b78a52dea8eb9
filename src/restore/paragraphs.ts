// Paragraphs from the text's own evidence. Scrapes lose blank lines: a block
// whose lines include prose (a line too long to be a title, caption or
// address line) is then one paragraph per line, and blocks of short lines (a
// reviewed book's details, credits) stay together. A hard-wrapped text
// (an ebook, e-mail) is different: its lines are cut at a wrap width, so a
// block is one paragraph however long its lines. A text is read as
// hard-wrapped when the lines of its blocks of several lines cluster under
// one width: the width holding `wrapPercentile` of those lines is at most
// `maxWrapWidth`, and at least `wrapShare` of the lines that do not end a
// block reach `wrapFloor` of that width. In a hard-wrapped text a block is
// split only where a line is indented after unindented lines (a paragraph
// indent), never line by line. Its lines are joined into one paragraph (the
// typography stage turns each line break into a space), except in a block
// whose lines were broken on purpose (verse, a table, a title page): a line
// ends early when the next line's first word would have fitted under the
// wrap width; an indented block with such a line, or a block where at least
// half the lines end early and short, is marked to be kept line by line and
// reported, so an editor can look (`brokenOnPurpose`); `restoreLineBreaks`,
// run before typography, sets its hard breaks; CRLF line ends are gone before this stage (the raw-text parser).
import type { Break, Paragraph, PhrasingContent, Root, RootContent, Text } from "mdast";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { lineStart, pointOfLine, sliceText } from "../ingest/raw-position.js";
import { soleText } from "./blocks.js";

export interface ParagraphsOptions {
  /** A line longer than this is prose, not a title or address line (default 110 characters). */
  proseLineLength?: number;
  /** The widest wrap width a hard-wrapped text may have (default 160 characters). */
  maxWrapWidth?: number;
  /** Which share of the lines the wrap width holds (default 0.9: the 90th percentile of line lengths). */
  wrapPercentile?: number;
  /** A line that does not end its block is full when it reaches this share of the wrap width (default 0.6). */
  wrapFloor?: number;
  /** The share of full lines that makes a text hard-wrapped (default 0.8). */
  wrapShare?: number;
  /** How many lines of blocks of several lines are needed to judge (default 20; fewer: not hard-wrapped). */
  minEvidenceLines?: number;
  /** A hard-wrapped text whose blocks of several lines average more lines than this lost its blank lines (default 30). */
  maxBlockLines?: number;
}

const defaults: Required<ParagraphsOptions> = {
  proseLineLength: 110,
  maxWrapWidth: 160,
  wrapPercentile: 0.9,
  wrapFloor: 0.6,
  wrapShare: 0.8,
  minEvidenceLines: 20,
  maxBlockLines: 30,
};

export interface Wrapping {
  /** The wrap width the lines show. */
  width: number;
  /** Whether the blocks are too long to be paragraphs: the blank lines between paragraphs were lost. */
  lostBlankLines: boolean;
}

/** The wrapping the blocks' lines show, if they are hard-wrapped at one width. */
export function hardWrapping(blocks: string[][], options: ParagraphsOptions = {}): Wrapping | undefined {
  const o = { ...defaults, ...options };
  const multi = blocks.filter((lines) => lines.length > 1);
  const lengths = multi.flatMap((lines) => lines.map((line) => line.trim().length)).sort((a, b) => a - b);
  if (lengths.length < o.minEvidenceLines) return undefined;
  const width = lengths[Math.min(lengths.length - 1, Math.floor(o.wrapPercentile * lengths.length))]!;
  if (width > o.maxWrapWidth) return undefined;
  const inner = multi.flatMap((lines) => lines.slice(0, -1).map((line) => line.trim().length));
  const full = inner.filter((length) => length >= o.wrapFloor * width).length;
  if (full < o.wrapShare * inner.length) return undefined;
  return { width, lostBlankLines: lengths.length / multi.length > o.maxBlockLines };
}

const indentOf = (line: string) => line.length - line.trimStart().length;

const endsSentence = /[.!?:][)"'’”]*$/u;

/** Where a hard-wrapped block that lost its blank lines starts new paragraphs: an indented line after an unindented one that is short or ends a sentence. */
function indentStarts(lines: string[], short: number): number[] {
  const starts = [0];
  for (let index = 1; index < lines.length; index++) {
    const previous = lines[index - 1]!;
    const ended = previous.trim().length < short || endsSentence.test(previous.trimEnd());
    if (indentOf(lines[index]!) > 0 && indentOf(previous) === 0 && ended) starts.push(index);
  }
  return starts;
}

/**
 * Whether a hard-wrapped block's lines were broken on purpose. A line ends
 * early when the next line's first word would have fitted under the wrap
 * width. The block's lines were broken on purpose when it is set in from the
 * margin (every line indented, as verse and inscriptions are in a plain-text
 * book) and one line ends early, or when at least half its lines end early
 * and short (under `floor` characters: a title page, a table).
 */
export function brokenOnPurpose(lines: string[], width: number, floor: number): boolean {
  const inner = lines.slice(0, -1);
  if (!inner.length) return false;
  const early = inner.filter((line, index) => line.trimEnd().length + 1 + lines[index + 1]!.trim().split(/\s/)[0]!.length <= width);
  if (lines.every((line) => indentOf(line) > 0) && early.length) return true;
  return early.filter((line) => line.trim().length < floor).length * 2 >= inner.length;
}

/** The class of a block whose lines were broken on purpose: the paragraphs stage marks it, `restoreLineBreaks` sets its line breaks. */
export const keptLinesClass = "lines";

/** Whether a paragraph is marked as kept line by line. */
export function keepsLines(node: RootContent): boolean {
  const className = (node.data as { hProperties?: { className?: unknown } } | undefined)?.hProperties?.className;
  return Array.isArray(className) && className.includes(keptLinesClass);
}

/** The block marked to be kept line by line; its text stays one node, so the stages after this one read its lines as before. */
function markLines(node: Paragraph): Paragraph {
  const data = node.data ?? {};
  const hProperties = (data as { hProperties?: Record<string, unknown> }).hProperties ?? {};
  return { ...node, data: { ...data, hProperties: { ...hProperties, className: [keptLinesClass] } } };
}

/**
 * Plugin: the line breaks of every paragraph marked to be kept line by line
 * become hard breaks (each line's text without its indent, at its raw
 * place). Run it after the stages that read a block's lines (front lines,
 * headings) and before typography, which joins a paragraph's lines.
 */
export const restoreLineBreaks: Plugin<[], Root> = () => (tree, file) => {
  // Anywhere in the tree: a stage before may have set the block in a quotation.
  visit(tree, "paragraph", (node) => {
    const text = soleText(node);
    if (!text || !keepsLines(node) || !text.value.includes("\n")) return;
    const children: PhrasingContent[] = [];
    text.value.split("\n").forEach((line, index) => {
      const from = lineStart(text.value, index) + indentOf(line);
      if (index) children.push({ type: "break" } satisfies Break);
      children.push(sliceText(file, text, from, from + line.trim().length));
    });
    node.children = children;
  });
};

function paragraphOf(file: VFile, text: Text, start: number, end: number): Paragraph {
  const value = text.value.slice(start, end);
  const from = start + indentOf(value);
  const piece = sliceText(file, text, from, from + value.trim().length);
  return { type: "paragraph", children: [piece], position: piece.position };
}

export const restoreParagraphs: Plugin<[ParagraphsOptions?], Root> = (options = {}) => (tree, file) => {
  const o = { ...defaults, ...options };
  const texts = tree.children.map((node) => (node.type === "paragraph" ? soleText(node) : undefined));
  const wrapped = hardWrapping(texts.flatMap((text) => (text ? [text.value.split("\n")] : [])), o);
  tree.children = tree.children.flatMap((node, blockIndex): RootContent[] => {
    const text = texts[blockIndex];
    if (!text || !text.value.includes("\n")) return [node];
    const lines = text.value.split("\n");
    // Each line as the raw text sets it: the parser trims a block and earlier stages may trim its lines, so a line's indent is its raw column.
    const rawLines = () => lines.map((line, index) => " ".repeat(Math.max(0, (pointOfLine(file, text, index)?.column ?? 1) - 1)) + line);
    if (wrapped && !wrapped.lostBlankLines && brokenOnPurpose(rawLines(), wrapped.width, o.wrapFloor * wrapped.width)) {
      file.message(`lines broken short of the wrap width (${wrapped.width}) on purpose (verse, a table, a title page?): kept line by line`, {
        place: node.position,
        ruleId: "structure-short-lines",
        source: "structure",
      });
      return [markLines(node as Paragraph)];
    }
    const starts = wrapped ? (wrapped.lostBlankLines ? indentStarts(lines, o.wrapFloor * wrapped.width) : [0]) : lines.some((line) => line.trim().length > o.proseLineLength) ? lines.map((_, index) => index) : [0];
    if (starts.length === 1) return [node];
    return starts.map((first, index) => {
      const end = index + 1 < starts.length ? lineStart(text.value, starts[index + 1]!) - 1 : text.value.length;
      return paragraphOf(file, text, lineStart(text.value, first), end);
    });
  });
};
