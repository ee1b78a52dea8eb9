// Lists written in plain text become lists: bulleted (`-`, `*`, `•`, `+`)
// and numbered (`1.`, `1)`) items, nested by their markers' indentation
// (`a.` items only inside a list), an item running on over lines indented
// past its marker. A block is a list only when every line is an item or an
// item's continuation (a first line ending with a colon may introduce it,
// and stays a paragraph); blocks of one item each that follow each other
// make one list. Numbered blocks among the notes that close a text are the
// notes' (notes.ts), never a list. Runs before the paragraphs stage, which
// would read a list's short lines as lines broken on purpose.
import type { List, ListItem, Paragraph, Root, RootContent, Text } from "mdast";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import { keepRanges, pointIn, pointOfLine, sliceText } from "../ingest/raw-position.js";
import { recordRemoval } from "./removals.js";
import { notesStart, soleText } from "./blocks.js";

const source = "structure";

declare module "vfile" {
  interface DataMap {
    /** The lists found in the text's plain lines: items, depth, first raw line (plain-lists). */
    listsFound: { items: number; depth: number; ordered: boolean; line: number }[];
  }
}

interface Item {
  /** The marker's column. */
  indent: number;
  kind: "bullet" | "number" | "letter";
  bullet?: string;
  number?: number;
  /** The number or letter and its mark (`2.`), and its line in the block. */
  marker: string;
  line: number;
  /** Stretches of the block's value that are the item's text (its first line after the marker, then its continuations). */
  ranges: [number, number][];
}

const itemPattern = /^(\s*)(?:([-*•+])|(\d{1,3})[.)]|([a-z])[.)])\s+(?=\S)/u;

/** The block's items, or undefined when some line is neither an item nor an item's continuation. */
function itemsOf(text: Text, firstIndent: number): { intro?: number; items: Item[] } | undefined {
  const lines = text.value.split("\n");
  const items: Item[] = [];
  let intro: number | undefined;
  let at = 0;
  for (const [index, line] of lines.entries()) {
    const start = at;
    at += line.length + 1;
    const shift = index === 0 ? firstIndent : 0;
    const match = itemPattern.exec(line);
    const indent = (match?.[1]?.length ?? 0) + shift;
    const letter = match?.[4];
    if (match && (!letter || (items.length > 0 && indent > items[0]!.indent))) {
      items.push({
        indent,
        kind: match[2] ? "bullet" : match[3] ? "number" : "letter",
        ...(match[2] ? { bullet: match[2] } : {}),
        ...(match[3] ? { number: Number(match[3]) } : {}),
        marker: match[0].trim(),
        line: index,
        ranges: [[start + match[0].length, start + line.trimEnd().length]],
      });
      continue;
    }
    const lineIndent = line.length - line.trimStart().length + shift;
    const last = items.at(-1);
    if (last && lineIndent > last.indent && line.trim()) {
      last.ranges.push([start + line.length - line.trimStart().length, start + line.trimEnd().length]);
      continue;
    }
    if (index === 0 && /:$/u.test(line.trim()) && lines.length > 2) {
      intro = line.length;
      continue;
    }
    return undefined;
  }
  if (!items.length) return undefined;
  return { ...(intro !== undefined ? { intro } : {}), items };
}

interface Nesting {
  top: List;
  /** The lists open at each marker indentation, outermost first. */
  stack: { indent: number; list: List }[];
}

const listOf = (item: Item): List => ({
  type: "list",
  ordered: item.kind !== "bullet",
  ...(item.kind === "number" ? { start: item.number! } : {}),
  spread: false,
  children: [],
  ...(item.kind === "letter" ? { data: { hProperties: { type: "a" } } } : {}),
});

/** Nest the items by indentation (continuing a list begun in blocks before, when given): an item indented past the one before opens a list inside it. */
function nest(file: VFile, text: Text, items: Item[], open?: Nesting): { nesting: Nesting; depth: number } {
  const top = open?.top ?? listOf(items[0]!);
  const stack = open?.stack ?? [{ indent: items[0]!.indent, list: top }];
  let depth = stack.length;
  for (const item of items) {
    while (stack.length > 1 && stack.at(-1)!.indent > item.indent) stack.pop();
    let level = stack.at(-1)!;
    if (item.indent > level.indent) {
      const parent = level.list.children.at(-1);
      const list = listOf(item);
      if (parent) parent.children.push(list);
      else level.list.children.push({ type: "listItem", spread: false, children: [list] });
      stack.push((level = { indent: item.indent, list }));
      depth = Math.max(depth, stack.length);
    }
    const node = sliceText(file, text, 0);
    keepRanges(file, node, item.ranges, "\n");
    const paragraph: Paragraph = { type: "paragraph", children: [node], ...(node.position ? { position: node.position } : {}) };
    const listItem: ListItem = { type: "listItem", spread: false, children: [paragraph], ...(node.position ? { position: node.position } : {}) };
    level.list.children.push(listItem);
  }
  return { nesting: { top, stack }, depth };
}

export const restorePlainLists: Plugin<[], Root> = () => (tree, file) => {
  const notes = notesStart(tree);
  const children: RootContent[] = [];
  // The list the previous block ended, which the next blocks of items continue (a loose list: a blank line between items).
  let open: (Nesting & { kind: string }) | undefined;
  tree.children.forEach((node, index) => {
    const text = soleText(node);
    const found = text && index < notes ? itemsOf(text, (node.position?.start.column ?? 1) - 1) : undefined;
    // One line alone is a list item only beside another such block: a lone `1. …` or `- …` line may be a sentence.
    const alone = found && found.items.length === 1 && found.intro === undefined;
    const nextFound = () => {
      const next = soleText(tree.children[index + 1]);
      return next && index + 1 < notes ? itemsOf(next, (tree.children[index + 1]!.position?.start.column ?? 1) - 1) : undefined;
    };
    if (!text || !found || (alone && !open && !nextFound())) {
      open = undefined;
      children.push(node);
      return;
    }
    if (found.intro !== undefined) {
      const intro = sliceText(file, text, 0, found.intro);
      children.push({ type: "paragraph", children: [intro], ...(intro.position ? { position: intro.position } : {}) });
    }
    const first = found.items[0]!;
    const kind = `${first.kind}${first.bullet ?? ""}`;
    // A block continues the list open before it when it has no introduction and its first item is of the list's kind or nested in it.
    const continues = open && found.intro === undefined && (open.kind === kind || first.indent > open.stack[0]!.indent);
    const { nesting, depth } = nest(file, text, found.items, continues ? open : undefined);
    const list = nesting.top;
    if (!continues) {
      children.push(list);
      if (node.position) list.position = { ...node.position };
      open = { ...nesting, kind };
    } else if (node.position && list.position) list.position = { start: list.position.start, end: node.position.end };
    // A numbered item's number is now the list's numbering: recorded for the word ledger.
    for (const item of found.items.filter((candidate) => candidate.kind !== "bullet")) {
      const line = pointOfLine(file, text, item.line)?.line ?? 0;
      recordRemoval(file, { rule: "structure-list", line, endLine: line, text: item.marker, moved: "into the list's numbering" });
    }
    const record = (file.data.listsFound ??= []);
    if (!continues) {
      record.push({ items: found.items.length, depth, ordered: list.ordered ?? false, line: node.position?.start.line ?? 0 });
      file.info(`read a ${list.ordered ? "numbered" : "bulleted"} list`, { place: pointIn(file, text, 0), ruleId: "structure-list", source });
    } else {
      record.at(-1)!.items += found.items.length;
      record.at(-1)!.depth = Math.max(record.at(-1)!.depth, depth);
    }
  });
  tree.children = children;
};
