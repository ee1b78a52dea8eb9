// The print HTML: the book tree in one HTML document with the print styles,
// ready for Paged.js. Print-only shapes (page-number slots in the contents)
// are added here, on a copy, so the shared tree stays format-neutral.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Element, Root } from "hast";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import { h } from "hastscript";
import { visit } from "unist-util-visit";
import { divisionOf } from "../book/division.js";
import { trimSizes, type Manifest } from "../manifest/manifest-schema.js";
import { projectRoot } from "../project-root.js";
import { fontFaceCss } from "./fonts.js";
import { footnotesForPrint } from "./print-notes.js";

// Class names read by ./browser/page-map.js, which writes the page numbers.
/** The element where arabic page numbering starts at 1. */
const bodyStartClass = "body-start";
/** The contents' page-number slots, filled in after layout. */
const contentsPageClass = "contents-page";

function addPageSlots(book: Root): void {
  visit(book, "element", (node) => {
    if (node.tagName !== "li" || !(node.properties.className as string[] | undefined)?.includes("contents-entry")) return;
    const link = node.children.find((child): child is Element => child.type === "element" && child.tagName === "a");
    const target = String(link?.properties.href ?? "").slice(1);
    link?.children.push(h("span", { className: [contentsPageClass], dataTarget: target }));
  });
}

function markBodyStart(book: Root): void {
  const first = book.children.find((node): node is Element => node.type === "element" && divisionOf(node)?.part === "body");
  if (first) (first.properties.className as string[]).push(bodyStartClass);
}

export async function renderPrintHtml(manifest: Manifest, book: Root): Promise<string> {
  const tree = structuredClone(book);
  addPageSlots(tree);
  markBodyStart(tree);
  footnotesForPrint(tree, manifest.printNotes);
  const { width, height } = trimSizes[manifest.trim];
  const css = [
    await fontFaceCss(),
    `@page { size: ${width} ${height}; }`,
    await readFile(path.join(projectRoot, "styles", "print.css"), "utf8"),
  ].join("\n");
  const authors = [...new Set(manifest.texts.map((text) => text.author))].join(", ");
  const document: Root = {
    type: "root",
    children: [
      { type: "doctype" },
      h("html", { lang: manifest.language }, [
        h("head", [
          h("meta", { charset: "utf-8" }),
          h("title", manifest.subtitle ? `${manifest.title}: ${manifest.subtitle}` : manifest.title),
          h("meta", { name: "author", content: authors }),
          h("meta", { name: "subject", content: manifest.description }),
          h("meta", { name: "keywords", content: manifest.subject }),
          h("style", css),
        ]),
        h("body", tree.children as Element[]),
      ]),
    ],
  };
  return unified().use(rehypeStringify).stringify(document);
}
