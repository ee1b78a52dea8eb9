// Lines that belong to a passage and must stay with it. An attribution (a
// short line naming where an excerpt comes from: `From *Title*`, `— Author,
// Title`, `Source: …`) standing right after or right before a block
// quotation goes inside it, as its attribution (class `attribution`), so it
// is never read as a heading or left apart from its excerpt. A signature (a
// block of short lines that closes a document, its first line standing so
// under two documents or more: a committee's name and a
// place and date) stays a paragraph, line by line (class `signature`), where
// the headings stage may have taken its line for a heading.
import type { Blockquote, Heading, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Plugin } from "unified";
import { keptLinesClass } from "./paragraphs.js";

const source = "structure";

/** The opening of an attribution line. */
const attributionStart = /^(?:From\s+\S|Source:\s*\S|Sources:\s*\S|[—–]\s*\S|--\s*\S|\(\s*(?:From|Source)\b)/u;

const isShort = (text: string, words = 15) => text.trim().split(/\s+/u).length <= words && !text.includes("\n\n");

function classed(children: PhrasingContent[], classes: string[], position: RootContent["position"]): Paragraph {
  return { type: "paragraph", children, data: { hProperties: { className: classes } }, ...(position ? { position } : {}) } as Paragraph;
}

const isLineBlock = (node: RootContent | undefined): node is Paragraph | Heading => node?.type === "paragraph" || node?.type === "heading";

/** The first line of a block's text. */
const firstLine = (node: Paragraph | Heading) => toString(node).split("\n")[0]!.trim();

/** A line that ends a sentence: a document's prose before its signature. */
const endsProse = (node: RootContent | undefined) => node?.type === "paragraph" && /[.!?]["”’)]?$/u.test(toString(node).trim()) && toString(node).length > 60;

export const restoreAttributions: Plugin<[], Root> = () => (tree, file) => {
  const children = tree.children;
  // Attributions: after a quotation, else before it.
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type !== "blockquote") continue;
    const quote = node as Blockquote;
    const after = children[index + 1];
    const before = children[index - 1];
    const candidate = [after, before].find((near) => isLineBlock(near) && isShort(toString(near)) && attributionStart.test(toString(near).trim()));
    if (!candidate || !isLineBlock(candidate)) continue;
    const line = classed(candidate.children, ["attribution"], candidate.position);
    if (candidate === after) {
      quote.children.push(line);
      children.splice(index + 1, 1);
    } else {
      quote.children.unshift(line);
      children.splice(index - 1, 1);
      index--;
    }
    file.info(`kept \`${toString(candidate).trim()}\` with its quotation, as its attribution`, { place: candidate.position?.start, ruleId: "structure-attribution", source });
  }

  // Signatures: blocks of at most four short lines after a document's prose, whose first line closes two documents or more.
  const closing = new Map<string, number[]>();
  children.forEach((node, index) => {
    if (!isLineBlock(node) || !endsProse(children[index - 1])) return;
    const lines = toString(node).split("\n").map((line) => line.trim());
    if (lines.length > 4 || lines.some((line) => line.length > 60 || /[.;:!?]$/u.test(line))) return;
    // One line before prose is a section's heading (a book may repeat one); a signature has a place or date under it, or a new document after it.
    const next = children[index + 1];
    if (lines.length === 1 && next && next.type !== "heading" && toString(next).length > 60) return;
    const key = firstLine(node).replace(/\s+/gu, " ");
    closing.set(key, [...(closing.get(key) ?? []), index]);
  });
  for (const indexes of closing.values()) {
    if (indexes.length < 2) continue;
    for (const index of indexes) {
      const node = children[index] as Paragraph | Heading;
      const multiLine = toString(node).includes("\n");
      children[index] = classed(node.children, [...(multiLine ? [keptLinesClass] : []), "signature"], node.position);
      file.info(`kept \`${firstLine(node)}\` as the signature closing its document`, { place: node.position?.start, ruleId: "structure-signature", source });
    }
  }
};
