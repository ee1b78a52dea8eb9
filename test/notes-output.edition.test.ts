// Notes in the built outputs: in the EPUB every call, backlink and work link
// resolves to an element of the right kind in the named file; in the PDF
// every footnote stands on the page of its call.
import { readFile } from "node:fs/promises";
import type { Element, ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import JSZip from "jszip";
import { visit } from "unist-util-visit";
import { describe, expect, inject, it } from "vitest";
import { editionTree } from "./edition-tree.js";
import { footnotesForPrint } from "../src/render/print-notes.js";
import { pdfPages } from "./helpers.js";

const { epub, pdf, pageCount } = inject("edition");
const zip = await JSZip.loadAsync(await readFile(epub));
const xhtml = new Map<string, string>();
for (const name of Object.keys(zip.files).filter((name) => /^OEBPS\/.*\.xhtml$/.test(name))) xhtml.set(name.slice("OEBPS/".length), await zip.file(name)!.async("string"));

/** The opening tag of the element with this id in this file, or undefined. */
function tagWithId(file: string, id: string): string | undefined {
  return xhtml.get(file)?.match(new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`))?.[0];
}

/** Every `<a …>` opening tag in the EPUB with one of these attributes, with its file. */
function links(attribute: RegExp): { file: string; tag: string }[] {
  const found: { file: string; tag: string }[] = [];
  for (const [file, text] of xhtml) for (const tag of text.match(/<a\s[^>]*>/g) ?? []) if (attribute.test(tag)) found.push({ file, tag });
  return found;
}

function target(file: string, tag: string): { file: string; id: string } {
  const href = /href="([^"]*)"/.exec(tag)![1]!;
  const [name, id] = href.split("#");
  return { file: name || file, id: id! };
}

describe("notes in the EPUB", () => {
  it("links every call to an endnote and every endnote back to its call", () => {
    const calls = links(/role="doc-noteref"/);
    const backlinks = links(/role="doc-backlink"/);
    expect(calls).toHaveLength(14 + 2 + 44);
    expect(backlinks).toHaveLength(14 + 2 + 44);
    for (const { file, tag } of calls) {
      expect(tag).toContain('epub:type="noteref"');
      const to = target(file, tag);
      expect(tagWithId(to.file, to.id), `${file} ${tag}`).toMatch(/<li [^>]*class="note"/);
    }
    for (const { file, tag } of backlinks) {
      const to = target(file, tag);
      expect(tagWithId(to.file, to.id), `${file} ${tag}`).toMatch(/role="doc-noteref"/);
    }
    expect(tagWithId("text-marot.xhtml", "marot-note-1")).toBeDefined();
    for (const text of ["sherry", "marot", "cliff"]) expect(tagWithId(`text-${text}.xhtml`, `${text}-notes`)).toMatch(/epub:type="endnotes" role="doc-endnotes"/);
  });

  it("links every cited work to its entry in the works cited", () => {
    const works = links(/class="work-ref/);
    // Notes and page references (13 Sherry, 19 Marot, 42 Cliff) and Simkin's 35 named sources (readings/counts.yaml).
    expect(works.length).toBe(13 + 19 + 42 + 35);
    for (const { file, tag } of works) {
      const to = target(file, tag);
      expect(to.file).toBe("bibliography.xhtml");
      expect(tagWithId(to.file, to.id)).toMatch(/<li [^>]*class="work"/);
    }
  });
});

/** Line-end hyphens joined, so a word split over two lines still matches; applied to both sides. */
const joinHyphens = (text: string) => text.replace(/(\p{L})- (?=\p{L})/gu, "$1");
// The PDF's text keeps the print HTML's soft hyphens (U+00AD): left out, as on the tree's side.
const pages = (await pdfPages(pdf)).slice(0, pageCount).map((page) => joinHyphens(page.replace(/\u00AD/g, "").replace(/\s+/g, " ")));

/** Each footnote of the print tree: its label, its opening words, and the last characters before its call. */
function footnotes(book: Root) {
  const tree = structuredClone(book);
  footnotesForPrint(tree);
  const found: { label: string; opening: string; before: string }[] = [];
  const isFloat = (node: ElementContent | undefined) => node?.type === "element" && ((node.properties.className as string[] | undefined) ?? []).includes("footnote");
  visit(tree, "element", (parent) => {
    let preceding = "";
    parent.children.forEach((child, index) => {
      if (isFloat(child)) return;
      // The call's floats stand right before it: its note first, then the notes called inside that note.
      let first = index;
      while (isFloat(parent.children[first - 1])) first--;
      if (child.type === "element" && ((child.properties.className as string[] | undefined) ?? []).includes("noteref") && first < index) {
        const note = toString(parent.children[first] as Element).replace(/\u00AD/g, "");
        const label = toString(child);
        const words = joinHyphens(note.slice(`${label}.`.length).replace(/\s+/g, " ").trim()).split(" ");
        // A call that follows another (`20,1*`) has the style sheet's comma before it, which the tree does not hold.
        const follows = ((child.properties.className as string[] | undefined) ?? []).includes("noteref-follows");
        found.push({ label, opening: words.slice(0, 4).join(" "), before: follows ? "," : (/(\S{1,5})$/.exec(joinHyphens(preceding.replace(/\s+/g, " ")))?.[1] ?? "") });
      }
      preceding += child.type === "text" ? child.value : child.type === "element" ? toString(child) : "";
      preceding = preceding.replace(/\u00AD/g, "");
    });
  });
  return found;
}

describe("notes in the PDF", () => {
  it("sets every footnote on the page of its call", async () => {
    const notes = footnotes((await editionTree()).book);
    // Nested calls (Cliff 27–29) stand inside note 2*, so their floats do not follow a body call here.
    expect(notes.length).toBe(14 + 2 + 44 - 3);
    const misplaced: string[] = [];
    for (const note of notes) {
      const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const noteAt = pages.findIndex((page) => page.includes(`${note.label}. ${note.opening}`));
      // The label must end there; two calls side by side print with a comma between them (`troika.20,1*`).
      const call = new RegExp(`${escaped(note.before)}${escaped(note.label)}(?![\\d*])`);
      if (noteAt === -1 || !call.test(pages[noteAt]!)) misplaced.push(`${note.label} ${note.opening} (page ${noteAt + 1})`);
    }
    expect(misplaced).toEqual([]);
  });

  it("sets the notes called inside Cliff's note 2* on the page of that note", () => {
    const page = pages.findIndex((text) => text.includes("2*. Zinoviev, however, hinted"));
    expect(page).toBeGreaterThan(0);
    for (const note of ["27. Dvenadtsatii sezd RKP(b), page 25.", "28. Dvenadtsatii sezd RKP(b), page 36.", "29. Dvenadtsatii sezd RKP(b), page 394."]) {
      expect(pages[page]).toContain(note);
    }
  });
});
