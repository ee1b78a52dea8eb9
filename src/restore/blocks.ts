// Small helpers over the top-level blocks of a restored text.
import type { Root, RootContent, Text } from "mdast";

/** The text node of a paragraph made of a single text node, else undefined. */
export function soleText(node: RootContent | undefined): Text | undefined {
  if (node?.type !== "paragraph" || node.children.length !== 1 || node.children[0]!.type !== "text") return undefined;
  return node.children[0];
}

/** The plain text of a paragraph made of a single text node, else undefined. */
export function paragraphText(node: RootContent | undefined): string | undefined {
  return soleText(node)?.value;
}

/** A note in a list of notes: `1. …`, `1*. …`, `  3. …`. */
export const noteItemPattern = /^\s*\d+\*?\.\s/;

/**
 * Index of the first block of the notes that close a text: the final run of
 * paragraphs that all read as numbered notes. The body ends before it.
 */
export function notesStart(tree: Root): number {
  let start = tree.children.length;
  for (let index = tree.children.length - 1; index >= 0; index--) {
    const text = paragraphText(tree.children[index]);
    if (text === undefined || !noteItemPattern.test(text)) break;
    start = index;
  }
  return start;
}
