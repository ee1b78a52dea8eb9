// Ids from one slugger: no two things in the book share an id, even when a
// text's id is another's id plus `-title` (issue 24: `t` and `t-title` both
// made `text-t-title`, and the PDF contents printed page 1 for page 7).
import type { Element, Root } from "hast";
import { h } from "hastscript";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { assembleBook } from "../src/book/assemble-book.js";
import { structureBook } from "../src/book/book-processor.js";
import { BookIds } from "../src/book/ids.js";
import { manifestSchema, type Manifest } from "../src/manifest/manifest-schema.js";

function manifestWith(ids: string[]): Manifest {
  return manifestSchema.parse({
    slug: "ids",
    title: "Ids",
    editor: "E",
    publisher: "P",
    language: "en",
    rights: "R",
    identifier: "urn:uuid:00000000-0000-4000-8000-000000000002",
    description: "D",
    subject: "S",
    revised: "2026-01-31",
    note: "N",
    texts: ids.map((id) => ({ id, file: `texts/${id}.txt`, author: `Ann ${id}`, title: `Title ${id}`, kind: "article", publication: "J", source: { site: "A" } })),
  });
}

const section = (title: string, paragraphs: string[]): Root => ({ type: "root", children: [h("h2", title), ...paragraphs.map((text) => h("p", text))] });

function idsOf(tree: Root): string[] {
  const ids: string[] = [];
  visit(tree, "element", (node: Element) => {
    if (typeof node.properties.id === "string") ids.push(node.properties.id);
  });
  return ids;
}

describe("ids from one slugger", () => {
  it("gives texts `t` and `t-title` distinct division and title ids, and the contents links each to its own text", () => {
    const manifest = manifestWith(["t", "t-title"]);
    const book = structureBook(assembleBook(manifest, manifest.texts.map((entry) => ({ entry, tree: section("Part", ["Words."]) })), {}));
    const ids = idsOf(book);
    expect(ids.length).toBe(new Set(ids).size);
    const divisions = book.children.filter((node): node is Element => node.type === "element" && String(node.properties.id).startsWith("text-"));
    expect(divisions.map((node) => node.properties.id)).toEqual(["text-t", "text-t-title-2"]);
    expect(divisions.map((node) => String(node.properties.ariaLabelledBy))).toEqual(["text-t-title", "text-t-title-2-title"]);
    // Each contents entry points at the division that holds its title.
    const contents = book.children.find((node): node is Element => node.type === "element" && node.properties.id === "contents")!;
    const hrefs: string[] = [];
    visit(contents, "element", (node: Element) => {
      if (node.tagName === "a") hrefs.push(String(node.properties.href));
    });
    expect(hrefs).toEqual(["#text-t", "#text-t-title-2"]);
  });

  it("keeps a text id as it was when nothing collides (published anchors stay)", () => {
    const manifest = manifestWith(["sherry", "marot"]);
    const book = structureBook(assembleBook(manifest, manifest.texts.map((entry) => ({ entry, tree: section("Part", ["Words."]) })), {}));
    const ids = idsOf(book);
    expect(ids).toContain("text-sherry");
    expect(ids).toContain("text-marot-title");
    // Section ids come from the same namespace: one per text, from the heading's words.
    expect(ids).toContain("text-sherry-part");
    expect(ids).toContain("text-marot-part");
  });

  it("does not let a text take a back-matter id, nor a section id take a text's", () => {
    const manifest = manifestWith(["a", "a-b"]);
    // Text `a` has a section "B": its id would be `text-a-b`, the division id of text `a-b`.
    const book = structureBook(assembleBook(manifest, manifest.texts.map((entry) => ({ entry, tree: section("B", ["Words."]) })), {}));
    const ids = idsOf(book);
    expect(ids.length).toBe(new Set(ids).size);
    expect(ids).toContain("text-a-b");
    expect(ids).toContain("text-a-b-2");
  });

  it("suffixes a taken base with the first free number from 2", () => {
    const ids = new BookIds();
    ids.reserve("x");
    ids.reserve("x-2");
    expect([ids.unique("x"), ids.unique("x"), ids.unique("y")]).toEqual(["x-3", "x-4", "y"]);
  });
});
