// Small helpers over the top-level blocks of a restored text.
import type { Root, RootContent, Text } from "mdast";
import { visit } from "unist-util-visit";
import { callKindsOf, callsIn, noteMarker, type MarkerKind, type NoteMarker } from "./note-markers.js";

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

/** The note marker a top-level paragraph opens with (its first text node), if any. */
export function blockMarker(node: RootContent | undefined): NoteMarker | undefined {
  if (node?.type !== "paragraph") return undefined;
  const first = node.children[0];
  return first?.type === "text" ? noteMarker(first.value) : undefined;
}

/** The notes that close a text: `children[start, end)`; what stands after `end` is furniture after the list. */
export interface ClosingNotes {
  start: number;
  end: number;
  kind?: MarkerKind;
}

/** The most blocks of furniture (links, credits) a closing list may be followed by. */
const maxTrailing = 12;

/** The run of blocks ending at `last` (inclusive) that open with a note marker of one kind. */
function runBefore(children: RootContent[], last: number): { start: number; kind?: MarkerKind } {
  const kind = blockMarker(children[last])?.kind;
  let start = last + 1;
  for (let index = last; index >= 0 && kind; index--) {
    if (blockMarker(children[index])?.kind !== kind) break;
    start = index;
  }
  return { start, kind };
}

/**
 * How many of the run's notes are called in the blocks before it, in a form
 * of call that goes with the run's markers: the evidence that a numbered run
 * followed by other blocks is a note list and not a list in the body.
 */
function calledLabels(children: RootContent[], start: number, end: number, kind: MarkerKind): number {
  const labels = new Set(children.slice(start, end).map((node) => blockMarker(node)!.label));
  const called = new Set<string>();
  for (const callKind of callKindsOf(kind)) {
    visit({ type: "root", children: children.slice(0, start) } as Root, "text", (node) => {
      for (const call of callsIn(node.value, callKind)) if (labels.has(call.label)) called.add(call.label);
    });
  }
  return called.size;
}

/**
 * Where the notes that close a text stand: the final run of paragraphs that
 * all open with a note marker of one kind (`1.`, `[1]`, `[Footnote 1: …]`,
 * `¹`). A run followed by a few other blocks (site furniture) is the list too
 * when it opens at note 1 and the text before it calls at least half of its
 * notes. A tree whose notes are already a `noteSection` (a Markdown source's
 * footnotes) ends its body there.
 */
export function closingNotes(tree: Root): ClosingNotes {
  const children = tree.children;
  const section = children.findIndex((node) => (node.type as string) === "noteSection");
  if (section >= 0) return { start: section, end: section };
  const length = children.length;
  for (let last = length - 1; last >= Math.max(0, length - 1 - maxTrailing); last--) {
    if (!blockMarker(children[last])) continue;
    const { start, kind } = runBefore(children, last);
    if (last === length - 1) return { start, end: length, kind };
    const first = blockMarker(children[start])!;
    const size = last + 1 - start;
    if (size >= 2 && first.number === 1 && calledLabels(children, start, last + 1, kind!) * 2 >= size) return { start, end: last + 1, kind };
    break;
  }
  return { start: length, end: length };
}

/** Index of the first block of the notes that close a text (see closingNotes); the body ends before it. */
export function notesStart(tree: Root): number {
  return closingNotes(tree).start;
}
