// Scrapes lose blank lines: a block whose lines include prose (a line too
// long to be a title, caption or address line) is one paragraph per line.
// Blocks of short lines (a reviewed book's details, credits) stay together.
import type { Paragraph, Root, RootContent } from "mdast";
import type { Plugin } from "unified";
import { paragraphText } from "./blocks.js";
import { placeOfLine } from "./raw-place.js";

const proseLineLength = 110;

export const restoreParagraphs: Plugin<[], Root> = () => (tree) => {
  tree.children = tree.children.flatMap((node): RootContent[] => {
    const text = paragraphText(node);
    if (text === undefined || !text.includes("\n")) return [node];
    const lines = text.split("\n");
    if (!lines.some((line) => line.trim().length > proseLineLength)) return [node];
    return lines.map((line, index): Paragraph => {
      const line0 = placeOfLine(node, index)!;
      const indent = line.length - line.trimStart().length;
      const start = { line: line0.line, column: line0.column + indent };
      const position = { start, end: { line: start.line, column: start.column + line.trim().length } };
      return { type: "paragraph", children: [{ type: "text", value: line.trim(), position }], position };
    });
  });
};
