// A Markdown text states its headings; this stage only fits them into the
// book. The text's title is the division's heading (made from the manifest),
// so a first heading that repeats it goes (reported), and the others are
// shifted so the shallowest level is 2: a `#` section heading sits under the
// text's title as a `##` does, and a text's sections reach the contents.
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import type { TextEntry } from "../manifest/manifest-schema.js";
import { comparable } from "./front-lines.js";

export interface MarkdownHeadingsOptions {
  /** The manifest's entries; the text's own (by its `textId`) gives the title. */
  entries?: Pick<TextEntry, "id" | "title">[];
}

export const restoreMarkdownHeadings: Plugin<[MarkdownHeadingsOptions?], Root> = ({ entries = [] } = {}) => (tree, file) => {
  const entry = entries.find((candidate) => candidate.id === file.data.textId);
  const first = tree.children[0];
  if (entry && first?.type === "heading" && comparable(toString(first)) === comparable(entry.title)) {
    file.info(`title heading, shown in the text's heading: \`${toString(first)}\``, { place: first.position, ruleId: "structure-title", source: "structure" });
    tree.children.shift();
  }
  let shallowest = 6;
  visit(tree, "heading", (node) => {
    shallowest = Math.min(shallowest, node.depth);
  });
  const shift = 2 - shallowest;
  if (shift <= 0) return;
  visit(tree, "heading", (node) => {
    node.depth = Math.min(6, node.depth + shift) as typeof node.depth;
  });
};
