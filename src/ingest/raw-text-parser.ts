// A unified parser for scraped plain text: one mdast paragraph per block of
// lines between blank lines. Before parsing, the raw document's edits are made
// as string edits (the editor's corrections, given as `edits`, and CRLF line
// ends), and their offset map is kept on the file; every text node gets its
// origin in the edited document and every node its raw `line:column`
// (raw-position.ts), so later messages name the raw place exactly.
import type { Paragraph, Root } from "mdast";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import { applyEdits, type Edit } from "./offset-map.js";
import { rawPoint } from "./raw-position.js";

export interface RawTextParserOptions {
  /** The edits to make on a raw document before it is parsed (corrections); they may not overlap. */
  edits?: (raw: string, file: VFile) => Edit[];
}

/** The carriage returns of CRLF line ends, as edits that drop them (outside the ranges already edited). */
export function lineEndEdits(raw: string, taken: Edit[]): Edit[] {
  const edits: Edit[] = [];
  for (let index = raw.indexOf("\r\n"); index !== -1; index = raw.indexOf("\r\n", index + 2)) {
    if (!taken.some((edit) => edit.start <= index && index < edit.end)) edits.push({ start: index, end: index + 1, text: "" });
  }
  return edits;
}

/** Start and end of each run of lines that are not blank, line by line (a pattern over the document backtracks quadratically on a long blank line). */
function* nonBlankRuns(document: string): Generator<[number, number]> {
  let runStart = -1;
  let runEnd = -1;
  for (let lineStart = 0; lineStart <= document.length; ) {
    const newline = document.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? document.length : newline;
    if (/\S/.test(document.slice(lineStart, lineEnd))) {
      if (runStart < 0) runStart = lineStart;
      runEnd = lineEnd;
    } else if (runStart >= 0) {
      yield [runStart, runEnd];
      runStart = -1;
    }
    lineStart = lineEnd + 1;
  }
  if (runStart >= 0) yield [runStart, runEnd];
}

export const rawTextParser: Plugin<[RawTextParserOptions?], string, Root> = function (options = {}) {
  this.parser = (raw, file) => {
    const corrections = options.edits?.(raw, file) ?? [];
    const { value: document, map } = applyEdits(raw, [...corrections, ...lineEndEdits(raw, corrections)]);
    file.data.offsetMap = map;
    const children: Paragraph[] = [];
    // A block is a run of lines that are not blank; the text keeps its line
    // breaks, which later plugins read as structure.
    for (const [from, to] of nonBlankRuns(document)) {
      const run = document.slice(from, to);
      const start = from + run.length - run.trimStart().length;
      const value = run.trim();
      const position = { start: rawPoint(file, start), end: rawPoint(file, start + value.length) };
      children.push({
        type: "paragraph",
        children: [{ type: "text", value, position, data: { origin: [0, start] } }],
        position,
      });
    }
    return {
      type: "root",
      children,
      position: { start: rawPoint(file, 0), end: rawPoint(file, document.length) },
    };
  };
};
