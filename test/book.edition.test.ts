// The word-for-word comparison of each raw text with the EPUB is in words.edition.test.ts.
import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { describe, expect, it } from "vitest";
import { selectAll } from "hast-util-select";
import { visitParents } from "unist-util-visit-parents";
import { textOutline } from "../src/book/chapters.js";
import { divisionOf } from "../src/book/division.js";
import { editionTree } from "./edition-tree.js";

const edition = await editionTree();
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
      ["chronology", "back"],
      ["bibliography", "back"],
      ["editorial-note", "back"],
      ["index", "back"],
    ]);
  });

  it("lists each text's origin on the copyright page", () => {
    const sources = toString(byId("copyright"));
    expect(sources).toContain("Dave Sherry, “Trotsky’s last, greatest struggle”, International Socialism 2:63, Summer 1994.");
    expect(sources).toContain("John Marot, “Was Trotsky’s defeat inevitable?”, Against the Current 52");
    expect(sources).toContain("Tony Cliff, “Trotsky and the triumvirate”");
    expect(sources).toContain("Spartacus Educational");
    expect(sources).toContain(edition.manifest.rights);
    // The web book is anonymous: credited by its title (a book's, in italics), and no author named "Anonymous" anywhere in the front matter.
    expect(sources).toContain("Trotsky: an introduction, web book.");
    expect(selectAll("cite.work-title", byId("copyright")).map((node) => toString(node))).toContain("Trotsky: an introduction");
    for (const id of ["title-page", "copyright"]) expect(toString(byId(id))).not.toMatch(/Anonymous|Edition Pipeline/);
  });

  it("sets Sherry's unmarked quotation of The Revolution Betrayed (raw line 37, closed by note 4) as a block quotation, as the structure file says", () => {
    const quotations = byId("text-sherry").children.filter((node): node is Element => node.type === "element" && node.tagName === "blockquote");
    expect(quotations.some((node) => toString(node).trim().startsWith("However you may interpret the nature of the present Soviet State"))).toBe(true);
  });

  it("sets every title of a work the edition knows in italics: none left in roman in the texts (73 were, all in roman, before)", () => {
    // Sherry names Cliff's third volume by its subtitle alone (`Volume III, Fighting the Rising Stalinist Bureaucracy`, raw line 61).
    const known = ["The Revolution Betrayed", "History of the Russian Revolution", "My Life", "Iskra", "Pravda", "Novy Mir", "Nashe Slovo", "The New Course", "Fighting the Rising Stalinist Bureaucracy", "Transitional Programme"];
    const roman: string[] = [];
    const body: Root = { type: "root", children: divisions.filter((node) => divisionOf(node)!.part === "body") };
    visitParents(body, "text", (node, ancestors) => {
      // Already italic: a cite, a link to the works cited, or an `em` of the text's own (Marot's reviewed title).
      if (ancestors.some((parent) => parent.type === "element" && ["cite", "a", "em"].includes((parent as Element).tagName))) return;
      for (const title of known) if (node.value.includes(title)) roman.push(`${title}: ${node.value.slice(0, 60)}`);
    });
    expect(roman).toEqual([]);
    // In the texts and the front and back matter, not the index, whose sub-entries name works too.
    const cited = divisions.filter((node) => node.properties.id !== "index").flatMap((node) => selectAll("cite.work-title", node)).map((node) => toString(node));
    expect(cited.filter((title) => title === "Iskra")).toHaveLength(14);
    expect(cited.length).toBeGreaterThanOrEqual(70);
  });

  it("keeps the web book's two heading levels: its run-in headings nest under the headings standing alone", () => {
    const outline = textOutline(byId("text-introduction"));
    const chapter = outline.find(({ heading }) => toString(heading) === "From prison to power")!;
    // Raw lines 84 (standing alone), 112 and 138 (run into their paragraphs), read in sources/texts.
    expect(chapter.heading.tagName).toBe("h2");
    expect(chapter.children.slice(0, 2).map(({ heading }) => [heading.tagName, toString(heading)])).toEqual([
      ["h3", "A young revolutionary"],
      ["h3", "Prison and Exile"],
    ]);
    // The trailing-off "If . . . ." (raw line 1843) stays the start of its paragraph.
    expect(outline.flatMap(({ heading, children }) => [heading, ...children.map((child) => child.heading)]).map((heading) => toString(heading))).not.toContain("If .…");
  });

  it("links every contents entry to a division that exists", () => {
    const contents = byId("contents");
    const links: string[] = [];
    const walk = (node: Element) => {
      if (node.tagName === "a") links.push(String(node.properties.href));
      node.children.forEach((child) => child.type === "element" && walk(child));
    };
    walk(contents);
    expect(links).toEqual(["#text-sherry", "#text-marot", "#text-cliff", "#text-introduction", "#text-simkin", "#chronology", "#bibliography", "#editorial-note", "#index"]);
  });

  it("heads each text with its title and author from the manifest", () => {
    const cliff = byId("text-cliff");
    const header = cliff.children[0] as Element;
    expect(toString(header)).toBe("Chapter 16Trotsky and the triumvirateTony Cliff");
    expect(cliff.properties.role).toBe("doc-chapter");
  });

  it("renders the editorial note's Markdown and lists every correction made", () => {
    const note = byId("editorial-note");
    expect(toString(note)).toContain("edition restores that form and corrects the slips listed below");
    const list = note.children.find((node) => node.type === "element" && node.tagName === "ul") as Element;
    expect(list.children.filter((node) => node.type === "element")).toHaveLength(edition.corrections.length);
    expect(toString(list)).toContain(": Smirnov] Srnirnov;");
    expect(toString(list)).toContain("(8 times)");
  });
});
