// The edition's PDFs as a screen reader meets them: the structure tree read
// back (our own checks after the PDF/UA-1 rules; no validator installs here).
import { readFile } from "node:fs/promises";
import { PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, inject, it } from "vitest";
import { checkAccessibility, readContents } from "../src/preflight/pdf-accessibility.js";
import { isContent, isElement, readTree, textOf, withParents, type Element } from "../src/render/pdf-structure.js";
import { readXmp } from "../src/render/pdf-xmp.js";
import { readSplitRecord } from "../src/render/pdf-splits.js";
import { editionTree } from "./edition-tree.js";
import { run } from "./helpers.js";

const { pdf, screenPdf } = inject("edition");
const load = async (file: string) => PDFDocument.load(await readFile(file), { updateMetadata: false });
const screen = await load(screenPdf);
const contents = readContents(screen);
const tree = readTree(screen, contents)!;
const elements = [...withParents(tree)];

describe("the PDF for a reader who listens", () => {
  it("counts nothing a reader would stumble on, in either profile", async () => {
    const { manifest } = await editionTree();
    for (const doc of [screen, await load(pdf)]) {
      const { counts, details } = checkAccessibility(doc, manifest);
      expect(details).toEqual([]);
      expect(counts).toEqual(Object.fromEntries(Object.keys(counts).map((key) => [key, 0])));
    }
  });

  it("marks every running head and folio as a pagination artifact, so none is in the tree", () => {
    const heads = contents.flatMap((content) => content.runs.filter((run) => run.artifact && /\/Pagination/.test(content.operations[run.open]!.operands[1] ?? "")));
    // Every page but openings and blanks has a head and a folio.
    expect(heads.length).toBeGreaterThan(contents.length);
    expect(heads.map((run) => run.text)).toContain("TROTSKY");
    const treeText = new Set(elements.map(([element]) => textOf(element)));
    expect(treeText.has("TROTSKY")).toBe(false);
  });

  it("reads each footnote as a Note, with an ID, right after the call it belongs to", () => {
    const notes = elements.filter(([element]) => element.type === "Note");
    expect(notes.length).toBeGreaterThan(50);
    for (const [note, parent] of notes) {
      const at = parent.kids.indexOf(note);
      const call = parent.kids[at - 1] as Element;
      expect(call.type).toBe("Reference");
      // The note opens with its label: the call's number and a full stop.
      expect(textOf(note).startsWith(`${textOf(call).trim()}.`)).toBe(true);
      expect(note.dict?.get(PDFName.of("ID"))).toBeDefined();
    }
  });

  it("tags the chronology as a list: each entry a list item, its date the label and its event the body", () => {
    const items = elements.filter(([element, parent]) => element.type === "LI" && parent.type === "L" && /\[\d{4}\]$|^\d{4}/.test(textOf(element.kids[0] as Element)));
    expect(items.length).toBeGreaterThan(100);
    for (const [item] of items) expect(item.kids.map((kid) => (isElement(kid) ? kid.type : "content"))).toEqual(["Lbl", "LBody"]);
  });

  it("keeps a paragraph cut by a page break as one element whose content stands on both pages", () => {
    const spanning = elements.filter(([element]) => element.type === "P" && new Set(element.kids.filter(isContent).map((kid) => kid.page)).size > 1);
    expect(spanning.length).toBeGreaterThan(50);
  });

  it("names the book, its authors, its language and PDF/UA-1 in the XMP", () => {
    const xmp = readXmp(screen)!;
    expect(xmp).toMatch(/<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Trotsky: Five texts on his life and his struggle<\/rdf:li>/);
    expect(xmp).toMatch(/<dc:creator><rdf:Seq><rdf:li>Dave Sherry<\/rdf:li>/);
    expect(xmp).toMatch(/<dc:language><rdf:Bag><rdf:li>en<\/rdf:li>/);
    expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
  });

  it("joins the blocks Paged.js recorded as cut, one a page ends at a sentence's end too, and counts against that record", async () => {
    const record = readSplitRecord(screen)!;
    expect(record.length).toBeGreaterThan(100);
    // The text alone cannot tell these: the first part ends a sentence and the continuation starts with a capital.
    expect(record.some((split) => split.kind === "p" && /[.!?]$/.test(split.end) && /^\p{Lu}/u.test(split.start))).toBe(true);
    const { manifest } = await editionTree();
    expect(checkAccessibility(screen, manifest).splitsTold).toBe(`split elements counted against the ${record.length} cuts Paged.js recorded (${record.length} joined)`);
  });

  it("reads each note right after its call in Poppler's reading of the structure tree too", async () => {
    // pdfinfo -struct-text: one line per element or run, indented by depth; a Note follows its Reference at the same depth.
    const { stdout } = await run("pdfinfo", ["-struct-text", screenPdf], { maxBuffer: 64 * 1024 * 1024 });
    const lines = stdout.split("\n");
    const depth = (line: string) => line.length - line.trimStart().length;
    const notes = lines.flatMap((line, index) => (/^\s*Note <[^>]+>/.test(line) ? [index] : []));
    expect(notes.length).toBeGreaterThan(50);
    for (const at of notes) {
      let reference = at - 1;
      while (depth(lines[reference]!) > depth(lines[at]!)) reference--;
      expect(lines[reference]!.trim(), lines.slice(reference, at + 2).join("\n")).toBe("Reference (inline)");
      const label = lines[reference + 1]!.trim();
      // The note's first run is its label: the call's number and a full stop.
      expect(lines[at + 1]!.trim()).toBe(label.replace(/"$/, '."'));
    }
  });
});
