import type { Element } from "hast";
import { toString } from "hast-util-to-string";
import { describe, expect, it } from "vitest";
import { divisionOf } from "../src/book/division.js";
import { buildEdition } from "../src/pipeline.js";

const edition = await buildEdition("sources/edition.yaml");
const divisions = edition.book.children.filter((node): node is Element => node.type === "element");
const byId = (id: string) => divisions.find((node) => node.properties.id === id)!;

describe("the book tree", () => {
  it("orders front matter, contents, the five texts, then the back matter", () => {
    expect(divisions.map((node) => [divisionOf(node)!.id, divisionOf(node)!.part])).toEqual([
      ["half-title", "front"],
      ["title-page", "front"],
      ["copyright", "front"],
      ["contents", "front"],
      ["text-sherry", "body"],
      ["text-marot", "body"],
      ["text-cliff", "body"],
      ["text-introduction", "body"],
      ["text-simkin", "body"],
      ["editorial-note", "back"],
    ]);
  });

  it("lists each text's origin on the copyright page", () => {
    const sources = toString(byId("copyright"));
    expect(sources).toContain("Dave Sherry, “Trotsky’s last, greatest struggle”, International Socialism 2:63, Summer 1994.");
    expect(sources).toContain("John Marot, “Was Trotsky’s defeat inevitable?”, Against the Current 52");
    expect(sources).toContain("Tony Cliff, “Trotsky and the triumvirate”");
    expect(sources).toContain("Spartacus Educational");
    expect(sources).toContain(edition.manifest.rights);
  });

  it("links every contents entry to a division that exists", () => {
    const contents = byId("contents");
    const links: string[] = [];
    const walk = (node: Element) => {
      if (node.tagName === "a") links.push(String(node.properties.href));
      node.children.forEach((child) => child.type === "element" && walk(child));
    };
    walk(contents);
    expect(links).toEqual(["#text-sherry", "#text-marot", "#text-cliff", "#text-introduction", "#text-simkin", "#editorial-note"]);
  });

  it("heads each text with its title and author from the manifest", () => {
    const cliff = byId("text-cliff");
    const header = cliff.children[0] as Element;
    expect(toString(header)).toBe("Trotsky and the triumvirateTony Cliff");
    expect(cliff.properties.role).toBe("doc-chapter");
  });

  it("carries the whole of each raw text into its division", async () => {
    for (const [index, file] of edition.texts.entries()) {
      const division = byId(`text-${edition.manifest.texts[index]!.id}`);
      const words = (text: string) => text.split(/\s+/).filter(Boolean);
      const body = words(division.children.slice(1).map((node) => toString(node as Element)).join(" "));
      expect(body).toEqual(words(String(file.value)));
    }
  });

  it("renders the editorial note's Markdown", () => {
    const note = byId("editorial-note");
    expect(note.children.filter((node) => node.type === "element" && node.tagName === "p")).toHaveLength(2);
  });
});
