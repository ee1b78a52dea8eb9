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
import { printClasses } from "../book/schema.js";
import { bookAuthors, fullTitle } from "../book/front-matter.js";
import type { Manifest } from "../manifest/manifest-schema.js";
import { projectRoot } from "../project-root.js";
import { fontFaceCss } from "./fonts.js";
import { rehypePrintNotes } from "./print-notes.js";
import { pageSizeCss } from "./page-geometry.js";
import type { OutlineTarget } from "./pdf.js";
import { headingTitle, textOutline, type OutlineNode } from "../book/chapters.js";
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

/** The PDF's bookmarks: every division the contents list, by its plain title, with a text's chapters and sections nested under it (as in the EPUB's navigation). */
export function printOutline(book: Root): OutlineTarget[] {
  const nested = (nodes: OutlineNode[]): OutlineTarget[] =>
    nodes.map(({ heading, children }) => ({ id: String(heading.properties.id), title: headingTitle(heading), ...(children.length ? { children: nested(children) } : {}) }));
  return book.children.flatMap((node) => {
    const division = node.type === "element" ? divisionOf(node) : undefined;
    if (!division?.inContents) return [];
    const outline = division.part === "body" ? textOutline(node as Element) : [];
    return [{ id: division.id, title: division.title, ...(outline.length ? { children: nested(outline) } : {}) }];
  });
}

/** The print processor: the print-only shapes, in order, as rehype plugins. */
export function printProcessor(manifest: Manifest) {
  return unified()
    .use(rehypeContentsPageSlots)
    .use(rehypeMarkBodyStart)
    .use(rehypeRunningHeads, { bookTitle: manifest.title })
    .use(rehypePrintNotes, { placement: manifest.printNotes })
    .use(rehypeHyphenate);
}

/** The print tree: the book with its print-only shapes (on a copy: the book stays format-neutral). */
export function printTree(manifest: Manifest, book: Root): Root {
  return printProcessor(manifest).runSync(cloneWithoutPositions(book)) as Root;
}

export async function renderPrintHtml(manifest: Manifest, book: Root): Promise<string> {
  const tree = printTree(manifest, book);
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
        h("body", tree.children as Element[]),
      ]),
    ],
  };
  return unified().use(rehypeStringify).stringify(document);
}
