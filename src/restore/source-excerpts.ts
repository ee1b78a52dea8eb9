// A "Primary Sources" section (Spartacus Educational's convention): after
// that heading, each `(n) Author, Title (date)` line heads an excerpt that
// runs to the next one. Each becomes a section with its heading and the
// excerpt as a quotation. Numbers out of order are reported.
import type { Blockquote, BlockContent, Heading, Root, RootContent } from "mdast";
import type { Plugin } from "unified";
import { toString } from "mdast-util-to-string";
import { notesStart, paragraphText } from "./blocks.js";

const source = "structure";
const excerptHead = /^\((\d+)\)\s+\S/;

export const restoreSourceExcerpts: Plugin<[], Root> = () => (tree, file) => {
  const start = tree.children.findIndex((node) => node.type === "heading" && /^primary sources$/i.test(toString(node).trim()));
  if (start === -1) return;
  const end = notesStart(tree);
  const excerpts: RootContent[] = [];
  let current: { heading: Heading; body: BlockContent[]; number: number } | undefined;
  let expected = 1;
  const close = () => {
    if (!current) return;
    const quote: Blockquote = { type: "blockquote", children: current.body, data: { hProperties: { className: ["excerpt-text"] } } };
    excerpts.push({
      type: "blockquote",
      children: current.body.length ? [current.heading, quote] : [current.heading],
      position: current.heading.position,
      data: { hName: "section", hProperties: { className: ["source-excerpt"], ariaLabel: `Source ${current.number}` } },
    });
  };
  const section = tree.children.slice(start + 1, end);
  for (const node of section) {
    const text = paragraphText(node);
    const head = text === undefined || text.includes("\n") ? null : excerptHead.exec(text);
    if (head) {
      close();
      const number = Number(head[1]);
      if (number !== expected) file.message(`source excerpt (${number}) where (${expected}) was expected`, { place: node.position, ruleId: "structure-excerpt-number", source });
      expected = number + 1;
      current = { heading: { type: "heading", depth: 3, children: (node as { children: Heading["children"] }).children, position: node.position }, body: [], number };
    } else if (current) {
      current.body.push(node as BlockContent);
    } else {
      excerpts.push(node);
    }
  }
  close();
  file.info(`${expected - 1} source excerpts in the Primary Sources section`, { place: tree.children[start]!.position, ruleId: "structure-excerpts", source });
  tree.children = [...tree.children.slice(0, start + 1), ...excerpts, ...tree.children.slice(end)];
};
