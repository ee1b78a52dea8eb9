// A unified parser for scraped plain text: one mdast paragraph per block of
// lines between blank lines, with positions into the raw file so that every
// later message can name `file:line:column`. Restoration plugins refine it.
import type { Paragraph, Root } from "mdast";
import type { Plugin } from "unified";
import { location } from "vfile-location";

export const rawTextParser: Plugin<[], string, Root> = function () {
  this.parser = (document, file) => {
    const place = location(file);
    const children: Paragraph[] = [];
    // A block is a run of lines that are not blank; the text keeps its line
    // breaks, which later plugins read as structure.
    const block = /[^\r\n]*\S[^\r\n]*(?:\r?\n[^\r\n]*\S[^\r\n]*)*/g;
    for (const match of document.matchAll(block)) {
      const leading = match[0].length - match[0].trimStart().length;
      const start = match.index + leading;
      const value = match[0].trim().replace(/\r\n/g, "\n");
      const end = match.index + match[0].trimEnd().length;
      const position = { start: place.toPoint(start)!, end: place.toPoint(end)! };
      children.push({
        type: "paragraph",
        children: [{ type: "text", value, position }],
        position,
      });
    }
    return {
      type: "root",
      children,
      position: { start: place.toPoint(0)!, end: place.toPoint(document.length)! },
    };
  };
};
