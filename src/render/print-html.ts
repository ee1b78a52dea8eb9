// The print HTML: the book tree in one HTML document with the print styles,
// ready for Paged.js. Print-only shapes (page-number slots in the contents,
// running-head strings, notes at the page foot, soft hyphens) are rehype
// plugins of the print processor, run on a copy, so the shared tree stays
// format-neutral.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Element, Root } from "hast";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import { h } from "hastscript";
import hyphen from "hyphen/en/index.js";
import { visit } from "unist-util-visit";
import { visitParents } from "unist-util-visit-parents";
import { divisionOf } from "../book/division.js";
import { noteClasses, printClasses } from "../book/schema.js";
import { bookAuthors, fullTitle } from "../book/front-matter.js";
import type { Manifest } from "../manifest/manifest-schema.js";
import { projectRoot } from "../project-root.js";
import { fontFaceCss } from "./fonts.js";
import { rehypePrintNotes } from "./print-notes.js";
import { pageSizeCss } from "./page-geometry.js";
import type { OutlineTarget } from "./pdf.js";
import { cloneWithoutPositions } from "./clone-tree.js";

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
    visitParents(book, "text", (node, ancestors) => {
      const elements = ancestors.filter((ancestor): ancestor is Element => ancestor.type === "element");
      const division = elements[0] && divisionOf(elements[0]);
      if (!division || division.part === "front") return;
      if (elements.some((element) => unhyphenated.has(element.tagName))) return;
      node.value = hyphen.hyphenateSync(node.value, { minWordLength });
    });
  };
}

/** The PDF's bookmarks: every division the contents list, by its plain title. */
export function printOutline(book: Root): OutlineTarget[] {
  return book.children.flatMap((node) => {
    const division = node.type === "element" ? divisionOf(node) : undefined;
    return division?.inContents ? [{ id: division.id, title: division.title }] : [];
  });
}

/** The print processor: the print-only shapes, in order, as rehype plugins. */
export function printProcessor(manifest: Manifest, options: { markBodyStart?: boolean } = {}) {
  const processor = unified().use(rehypeContentsPageSlots);
  if (options.markBodyStart ?? true) processor.use(rehypeMarkBodyStart);
  return processor.use(rehypeRunningHeads, { bookTitle: manifest.title }).use(rehypePrintNotes, { placement: manifest.printNotes }).use(rehypeHyphenate);
}

/** The print tree: the book with its print-only shapes (on a copy: the book stays format-neutral). */
export function printTree(manifest: Manifest, book: Root): Root {
  return printProcessor(manifest).runSync(cloneWithoutPositions(book)) as Root;
}

const hasClass = (node: Element, name: string) => ((node.properties.className as string[] | undefined) ?? []).includes(name);

/**
 * The book's top-level nodes (its divisions) in runs that can be made ready
 * for print one at a time: a note moves to its call, so a division that
 * calls a note in another one shares a run with it (and with all between).
 */
function printRuns(book: Root): number[][] {
  const noteAt = new Map<string, number>();
  const calls: { from: number; target: string }[] = [];
  book.children.forEach((child, index) => {
    visit(child, "element", (node) => {
      if (node.tagName === "li" && hasClass(node, noteClasses.note)) noteAt.set(String(node.properties.id), index);
      if (node.tagName === "a" && hasClass(node, noteClasses.call)) calls.push({ from: index, target: String(node.properties.href).slice(1) });
    });
  });
  // reach[i]: the last node a run holding node i must hold too.
  const reach = book.children.map((_, index) => index);
  for (const { from, target } of calls) {
    const to = noteAt.get(target);
    if (to === undefined || to === from) continue;
    const [low, high] = from < to ? [from, to] : [to, from];
    reach[low] = Math.max(reach[low]!, high);
  }
  const runs: number[][] = [];
  let current: number[] = [];
  let end = -1;
  for (let index = 0; index < book.children.length; index++) {
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

const bodyPlaceholder = "edition-print-body";

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
    pageSizeCss(manifest.trim),
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
  const [before, after] = unified().use(rehypeStringify).stringify(document).split(`<!--${bodyPlaceholder}-->`) as [string, string];
  yield before;
  const bodyStart = book.children.findIndex((node) => node.type === "element" && divisionOf(node)?.part === "body");
  const processor = printProcessor(manifest, { markBodyStart: false });
  for (const run of printRuns(book)) {
    const children = run.map((index) => {
      const copy = cloneWithoutPositions(book.children[index]!);
      if (index === bodyStart) ((copy as Element).properties.className as string[]).push(bodyStartClass);
      return copy;
    });
    const tree = processor.runSync({ type: "root", children } as Root) as Root;
    yield unified().use(rehypeStringify).stringify(tree);
  }
  yield after;
}

/** The print HTML as one string (for the PDF render and tests; a build writes the pieces to the file as they are made). */
export async function renderPrintHtml(manifest: Manifest, book: Root): Promise<string> {
  let html = "";
  for await (const piece of printHtmlPieces(manifest, book)) html += piece;
  return html;
}
