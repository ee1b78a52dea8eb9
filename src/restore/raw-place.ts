// Positions into the raw text for parts of a node's value, so messages about
// a line or a word inside a paragraph still name `file:line:column`.
import type { Node } from "unist";

declare module "mdast" {
  interface ParagraphData {
    /** For each line of the paragraph's text, its line index in the raw block, when lines were removed. */
    rawLines?: number[];
  }
}

export interface Place {
  line: number;
  column: number;
}

/** The place of line `lineIndex` (0-based) of a node whose value keeps the raw line breaks. */
export function placeOfLine(node: Node, keptLineIndex: number): Place | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const rawLines = (node.data as { rawLines?: number[] } | undefined)?.rawLines;
  const lineIndex = rawLines?.[keptLineIndex] ?? keptLineIndex;
  return lineIndex === 0 ? { line: start.line, column: start.column } : { line: start.line + lineIndex, column: 1 };
}

/** The place of character `index` of a value that keeps the raw line breaks. */
export function placeOfIndex(node: Node, value: string, index: number): Place | undefined {
  const before = value.slice(0, index);
  const lineIndex = before.split("\n").length - 1;
  const line = placeOfLine(node, lineIndex);
  if (!line) return undefined;
  const column = lineIndex === 0 ? line.column + index : index - before.lastIndexOf("\n");
  return { line: line.line, column };
}
