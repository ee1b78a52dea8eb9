// The print HTML: the book tree in one HTML document with the print styles,
// ready for Paged.js. Print-only shapes (page-number slots in the contents,
// running-head strings, notes at the page foot, soft hyphens) are rehype
// plugins of the print processor, run on a copy, so the shared tree stays
// format-neutral.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import { h } from "hastscript";
import { hyphenate } from "./soft-hyphens.js";
import { visit } from "unist-util-visit";
import { visitParents } from "unist-util-visit-parents";
import { divisionOf } from "../book/division.js";
import { hasClass, noteClasses, printClasses } from "../book/schema.js";
import { bookAuthors, fullTitle } from "../book/front-matter.js";
import type { Manifest } from "../manifest/manifest-schema.js";
import { projectRoot } from "../project-root.js";
import { fontFaceCss } from "./fonts.js";
import { rehypePrintNotes } from "./print-notes.js";
import { rehypeDefinitionListRoles } from "./print-roles.js";
import { pageSizeCss } from "./page-geometry.js";
import { printProfileOf } from "./print-profiles.js";
import type { OutlineTarget } from "./pdf.js";
import { headingTitle, textOutline, type OutlineNode } from "../book/chapters.js";
import { cloneWithoutPositions } from "./clone-tree.js";
import { contentJson, Memo, memoKey } from "../watch/render-memo.js";

/**
 * Each piece of print HTML kept by what it is made from (the manifest, the
 * nodes' JSON, whether it opens the body), so an unchanged division is not
 * copied, hyphenated and serialised again.
 */
export const printPieces = new Memo<string>("print-pieces", 16 * 1024 * 1024);

// Class names read by ./browser/page-map.js, which writes the page numbers.
const { bodyStart: bodyStartClass, contentsPage: contentsPageClass } = printClasses;

/** Plugin: an empty page-number slot in each contents entry, filled after layout. */
export function rehypeContentsPageSlots() {
  return (book: Root) => addPageSlots(book);
}

function addPageSlots(book: Root): void {
  visit(book, "element", (node) => {
    if (node.tagName !== "li" || !(node.properties.className as string[] | undefined)?.includes("contents-entry")) return;
    const link = node.children.find((child): child is Element => child.type === "element" && child.tagName === "a");
    const target = String(link?.properties.href ?? "").slice(1);
    link?.children.push(h("span", { className: [contentsPageClass], dataTarget: target }));
  });
}

/** Plugin: the class where arabic page numbering starts, on the first text. */
export function rehypeMarkBodyStart() {
  return (book: Root) => {
    const first = book.children.find((node): node is Element => node.type === "element" && divisionOf(node)?.part === "body");
    if (first) (first.properties.className as string[]).push(bodyStartClass);
  };
}

/** Plugin: the running heads, as data on each text and back-matter division (the book's title on the verso, the division's on the recto); ./browser/page-map.js writes them. */
export function rehypeRunningHeads(options: { bookTitle: string }) {
  return (book: Root) => {
    for (const node of book.children) {
      const division = node.type === "element" ? divisionOf(node) : undefined;
      if (!division || division.part === "front") continue;
      Object.assign((node as Element).properties, { dataRunningVerso: options.bookTitle, dataRunningRecto: division.title });
    }
  };
}

/** Elements whose text is never hyphenated: display lines, links, code. */
const unhyphenated = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "header"]);

/**
 * Soft hyphens in the running text of the texts and back matter
 * (`hyphens: auto` does nothing in Debian's Chromium, which has no dictionaries).
 */
export function rehypeHyphenate(options: { minWordLength?: number } = {}) {
  const minWordLength = options.minWordLength ?? 6;
  return (book: Root) => {
    const hyphenated: { node: Text; parent: Element; block: Element | undefined }[] = [];
    // Text nodes that end a line, with their parent: their last word is kept whole (no soft hyphen, no break at its hyphen).
    const lineEnds = new Map<Text, Element>();
    visitParents(book, "text", (node, ancestors) => {
      const elements = ancestors.filter((ancestor): ancestor is Element => ancestor.type === "element");
      const division = elements[0] && divisionOf(elements[0]);
      if (!division || division.part === "front") return;
      if (elements.some((element) => unhyphenated.has(element.tagName))) return;
      // Words of another language (src/book/foreign-words.ts) would be broken by English patterns.
      if (elements.some((element) => typeof element.properties.lang === "string" && !element.properties.lang.startsWith("en"))) return;
      node.value = hyphenate(node.value, minWordLength)
        // A capitalised word (a name: never `Trot-sky`, `Ko-rnilov`) is not broken.
        .replace(/\p{Lu}[\p{L}\u00AD’'-]*/gu, unbreakable);
      const parent = elements.at(-1)!;
      const next = parent.children[parent.children.indexOf(node) + 1];
      // Nor a sentence's last word where the text node ends: a block's references may follow it (a chronology's event);
      // nor a verse line's last word, before its `<br>`.
      if (/[\p{L}\u00AD’'-][.!?…]["”’)\]]*\s*$/u.test(node.value) || (next?.type === "element" && next.tagName === "br")) lineEnds.set(node, parent);
      // A footnote stands inside its call's paragraph in print, but is a block of its own.
      hyphenated.push({ node, parent, block: elements.findLast((element) => blockTags.has(element.tagName) || hasClass(element, "footnote")) });
    });
    // Nor is a paragraph's last word: no block ends on a scrap (`after-/wards.`, `fifty-/six.`).
    const lastOf = new Map<Element, (typeof hyphenated)[number]>();
    for (const entry of hyphenated) if (entry.block && /\p{L}/u.test(entry.node.value)) lastOf.set(entry.block, entry);
    for (const { node, parent } of lastOf.values()) lineEnds.set(node, parent);
    for (const [node, parent] of lineEnds) keepLastWordWhole(node, parent);
  };
}

/**
 * The last word of `node` without its soft hyphens; a word written with a
 * hyphen (`fifty-six.`, `to-morrow.`) goes into a span that no line ends inside,
 * as the browser may break a line after a hyphen.
 */
function keepLastWordWhole(node: Text, parent: Element) {
  const last = /[\p{L}\u00AD’'-]+(?=[^\p{L}]*$)/u.exec(node.value);
  if (!last) return;
  const word = unbreakable(last[0]);
  if (!/\p{L}-\p{L}/u.test(word)) {
    node.value = node.value.slice(0, last.index) + word + node.value.slice(last.index + last[0].length);
    return;
  }
  const before = node.value.slice(0, last.index);
  const after = node.value.slice(last.index + last[0].length);
  const parts: ElementContent[] = [...(before ? [{ type: "text" as const, value: before }] : []), h("span", { className: [printClasses.keepWhole] }, word), ...(after ? [{ type: "text" as const, value: after }] : [])];
  parent.children.splice(parent.children.indexOf(node), 1, ...parts);
}

const unbreakable = (word: string) => word.replaceAll("\u00AD", "");
/** The blocks whose last word is kept whole. */
const blockTags = new Set(["p", "li", "dd", "dt", "td", "th", "figcaption"]);

/** The PDF's bookmarks: the contents page, then every division the contents list, by its plain title, with a text's chapters and sections nested under it (as in the EPUB's navigation). */
export function printOutline(book: Root): OutlineTarget[] {
  const nested = (nodes: OutlineNode[]): OutlineTarget[] =>
    nodes.map(({ heading, children }) => ({ id: String(heading.properties.id), title: headingTitle(heading), ...(children.length ? { children: nested(children) } : {}) }));
  return book.children.flatMap((node) => {
    const division = node.type === "element" ? divisionOf(node) : undefined;
    if (division?.id === "contents") return [{ id: division.id, title: division.title }];
    if (!division?.inContents) return [];
    const outline = division.part === "body" ? textOutline(node as Element) : [];
    return [{ id: division.id, title: division.title, ...(outline.length ? { children: nested(outline) } : {}) }];
  });
}

/** The print processor: the print-only shapes, in order, as rehype plugins. */
export function printProcessor(manifest: Manifest, options: { markBodyStart?: boolean } = {}) {
  const processor = unified().use(rehypeContentsPageSlots);
  if (options.markBodyStart ?? true) processor.use(rehypeMarkBodyStart);
  return processor.use(rehypeRunningHeads, { bookTitle: manifest.title }).use(rehypePrintNotes, { placement: manifest.printNotes }).use(rehypeDefinitionListRoles).use(rehypeHyphenate);
}

/** The print tree: the book with its print-only shapes (on a copy: the book stays format-neutral). */
export function printTree(manifest: Manifest, book: Root): Root {
  return printProcessor(manifest).runSync(cloneWithoutPositions(book)) as Root;
}


/**
 * Nodes in runs that can be made ready for print one at a time: a note moves
 * to its call, so a node that calls a note in another one shares a run with
 * it (and with all between). Used on the book's divisions, and on the
 * children of one long division.
 */
function noteRuns(nodes: (RootContent | ElementContent)[]): number[][] {
  const noteAt = new Map<string, number>();
  const calls: { from: number; target: string }[] = [];
  nodes.forEach((child, index) => {
    visit(child, "element", (node) => {
      if (node.tagName === "li" && hasClass(node, noteClasses.note)) noteAt.set(String(node.properties.id), index);
      if (node.tagName === "a" && hasClass(node, noteClasses.call)) calls.push({ from: index, target: String(node.properties.href).slice(1) });
    });
  });
  // reach[i]: the last node a run holding node i must hold too.
  const reach = nodes.map((_, index) => index);
  for (const { from, target } of calls) {
    const to = noteAt.get(target);
    if (to === undefined || to === from) continue;
    const [low, high] = from < to ? [from, to] : [to, from];
    reach[low] = Math.max(reach[low]!, high);
  }
  const runs: number[][] = [];
  let current: number[] = [];
  let end = -1;
  for (let index = 0; index < nodes.length; index++) {
    if (current.length && index > end) {
      runs.push(current);
      current = [];
    }
    current.push(index);
    end = Math.max(end, reach[index]!);
  }
  if (current.length) runs.push(current);
  return runs;
}

/** A division with more children than this is made ready for print some hundred children at a time. */
const childrenPerPiece = 200;

const bodyPlaceholder = "edition-print-body";
const stringify = (tree: Root) => unified().use(rehypeStringify).stringify(tree);

/**
 * The print HTML in pieces, in order: the document's head and the opening of
 * its body, then each run of divisions made ready for print (a copy of it,
 * with the print-only shapes) and serialised, then the closing tags. Only
 * one run's copy is in memory at a time, so a very long book never stands
 * whole as a second tree or as one string; the pieces joined are the same
 * bytes as the whole print tree serialised at once.
 */
export async function* printHtmlPieces(manifest: Manifest, book: Root): AsyncGenerator<string> {
  const css = [
    await fontFaceCss(),
    pageSizeCss(manifest.trim, printProfileOf(manifest)),
    await readFile(path.join(projectRoot, "styles", "print.css"), "utf8"),
  ].join("\n");
  const authors = bookAuthors(manifest).join(", ");
  const document: Root = {
    type: "root",
    children: [
      { type: "doctype" },
      h("html", { lang: manifest.language }, [
        h("head", [
          h("meta", { charset: "utf-8" }),
          h("title", fullTitle(manifest)),
          h("meta", { name: "author", content: authors }),
          h("meta", { name: "subject", content: manifest.description }),
          ...(manifest.subject ? [h("meta", { name: "keywords", content: manifest.subject })] : []),
          h("style", css),
        ]),
        h("body", [{ type: "comment", value: bodyPlaceholder }]),
      ]),
    ],
  };
  const [before, after] = stringify(document).split(`<!--${bodyPlaceholder}-->`) as [string, string];
  yield before;
  const bodyStart = book.children.findIndex((node) => node.type === "element" && divisionOf(node)?.part === "body");
  const processor = printProcessor(manifest, { markBodyStart: false });
  const ready = (children: RootContent[]) => processor.runSync({ type: "root", children } as Root) as Root;
  /** A copy of a top-level node (its children given, or all of them), marked where arabic numbering starts. */
  const copyOf = (index: number, children?: ElementContent[]): RootContent => {
    const node = book.children[index]!;
    const copy = cloneWithoutPositions(children && node.type === "element" ? { ...node, children } : node);
    if (index === bodyStart) ((copy as Element).properties.className as string[]).push(bodyStartClass);
    return copy;
  };
  const settings = JSON.stringify(manifest);
  /** The piece kept for these parts (what it is made from), else `make()`'s. */
  const kept = (make: () => string, ...parts: unknown[]) => printPieces.through(memoKey(settings, ...parts.map(contentJson)), make);
  const opens = (index: number) => index === bodyStart;
  for (const run of noteRuns(book.children)) {
    const node = book.children[run[0]!]!;
    if (run.length > 1 || node.type !== "element" || node.children.length <= childrenPerPiece) {
      yield kept(() => stringify(ready(run.map((index) => copyOf(index)))), "run", run.map(opens), run.map((index) => book.children[index]));
      continue;
    }
    // A long division: its opening and closing tags, and between them its children some hundred at a time (runs
    // that keep each note call with its note). Each piece is a copy of the division holding those children only,
    // so what the print plugins read (the division, a call's note) is as in the whole.
    const shell = { ...node, children: [] };
    const ends = kept(() => stringify(ready([copyOf(run[0]!, [{ type: "comment", value: bodyPlaceholder }])])), "ends", opens(run[0]!), shell);
    const [open, close] = ends.split(`<!--${bodyPlaceholder}-->`) as [string, string];
    yield open;
    let piece: number[] = [];
    const flush = function* () {
      if (!piece.length) return;
      const children = piece.map((index) => node.children[index]!);
      piece = [];
      yield kept(
        () => {
          const tree = ready([copyOf(run[0]!, children)]);
          return stringify({ type: "root", children: (tree.children[0] as Element).children });
        },
        "piece",
        opens(run[0]!),
        shell,
        children,
      );
    };
    for (const children of noteRuns(node.children)) {
      if (piece.length && piece.length + children.length > childrenPerPiece) yield* flush();
      piece.push(...children);
    }
    yield* flush();
    yield close;
  }
  yield after;
}

/** The print HTML as one string (for the PDF render and tests; a build writes the pieces to the file as they are made). */
export async function renderPrintHtml(manifest: Manifest, book: Root): Promise<string> {
  let html = "";
  for await (const piece of printHtmlPieces(manifest, book)) html += piece;
  return html;
}
