// Section headings: a paragraph of one short line that is not a sentence.
// A short line that ends like a question is taken as a heading only with a
// warning, so an editor can look; a sentence (a full stop, a colon, a note
// call) never is.
import type { Heading, Root, RootContent } from "mdast";
import type { Plugin } from "unified";
import { notesStart, paragraphText } from "./blocks.js";

const source = "structure";
const maxWords = 10;
const maxLength = 70;

export type HeadingVerdict = "heading" | "question" | "no";

export function headingVerdict(line: string): HeadingVerdict {
  const text = line.trim();
  if (!text || text.includes("\n") || text.length > maxLength || text.split(/\s+/).length > maxWords) return "no";
  if (!/^[\p{Lu}\p{N}‘“'"]/u.test(text)) return "no";
  if (/^\(?\d+[.)*]/.test(text)) return "no"; // a numbered note or excerpt
  if (/[.,;:!]$/.test(text) || /\[\d+\*?\]|\(\d+\)$/.test(text)) return "no";
  return text.endsWith("?") ? "question" : "heading";
}

export const restoreHeadings: Plugin<[], Root> = () => (tree, file) => {
  const bodyEnd = notesStart(tree);
  tree.children = tree.children.map((node, index): RootContent => {
    const text = index < bodyEnd ? paragraphText(node) : undefined;
    if (text === undefined) return node;
    const verdict = headingVerdict(text);
    if (verdict === "no") return node;
    // The last block of a text is never a heading: nothing follows it.
    if (index === bodyEnd - 1) return node;
    if (verdict === "question") {
      file.message(`a short question standing alone, taken as a heading: \`${text}\``, { place: node.position, ruleId: "structure-heading-question", source });
    }
    const heading: Heading = { type: "heading", depth: 2, children: (node as { children: Heading["children"] }).children, position: node.position };
    return heading;
  });
};
