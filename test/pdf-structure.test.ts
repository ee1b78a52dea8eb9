// The structure post-pass and its read-back check on a small tagged PDF made
// here, shaped as Chromium tags a Paged.js page: a running head and a folio
// tagged as content, a background painted outside any marked content,
// NonStruct wrappers, a paragraph cut by the page break, a footnote as a
// list item outside a list, and a link without /Contents.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, StandardFonts, type PDFPage, type PDFRef } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { Manifest } from "../src/manifest/manifest-schema.js";
import { checkAccessibility } from "../src/preflight/pdf-accessibility.js";
import { parseOperations, readPageContent } from "../src/render/pdf-content.js";
import { tagForReaders } from "../src/render/pdf-readers.js";
import { readSplitRecord, writeSplitRecord, type PageSplit } from "../src/render/pdf-splits.js";
import { dropLinkStructure, isContent, isElement, readTree, textOf, withParents } from "../src/render/pdf-structure.js";
import { readContents } from "../src/preflight/pdf-accessibility.js";
import { readXmp } from "../src/render/pdf-xmp.js";

const manifest = { trim: "6x9in", title: "A Book", texts: [{ author: "Ann Author" }], language: "en", description: "A test.", revised: "2026-01-02" } as unknown as Manifest;

/** A line of text tagged with an MCID at y points from the page's top (648 pt high, no bleed). */
const line = (mcid: number, y: number, text: string) => `/NonStruct <</MCID ${mcid}>> BDC BT /F1 10 Tf 1 0 0 1 72 ${648 - y} Tm (${text}) Tj ET EMC\n`;

interface Shape {
  /** The second paragraph's words on page 1 and on page 2. */
  cut?: string;
  continuation?: string;
  /** Text painted outside any marked content before the first paragraph (Chromium does so with a `::first-letter`'s bracket). */
  untagged?: string;
  /** The footnote's continuation at the foot of page 2. */
  noteContinues?: string;
  /** The first paragraph's words in an `Em` (PDF 2.0's type, which Chromium writes). */
  emphasis?: boolean;
}

async function chromiumLikePdf(shape: Shape = {}): Promise<PDFDocument> {
  const { cut = "The second runs on", continuation = "over the page break.", untagged, noteContinues, emphasis } = shape;
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const { context } = doc;
  const pages: PDFPage[] = [doc.addPage([432, 648]), doc.addPage([432, 648])];
  const streams = [
    // Page 1: background, running head, folio, a paragraph that runs on, a call "1" and its footnote, a link.
    "1 1 1 rg 0 0 432 648 re f\n" + line(0, 40, "A BOOK") + line(1, 620, "7") + (untagged ? `BT /F1 10 Tf 1 0 0 1 66 548 Tm (${untagged}) Tj ET\n` : "") + line(2, 100, "The first paragraph ends here.") + line(6, 100, "See the index") + line(3, 120, cut) + line(4, 120, "1") + line(5, 500, "1. The note."),
    // Page 2: background, running head, folio, the rest of the paragraph.
    "1 1 1 rg 0 0 432 648 re f\n" + line(0, 40, "A CHAPTER") + line(1, 620, "8") + line(2, 100, continuation) + (noteContinues ? line(3, 500, noteContinues) : ""),
  ];
  pages.forEach((page, index) => {
    page.node.setFontDictionary(PDFName.of("F1"), font.ref);
    page.node.set(PDFName.of("Contents"), context.register(context.stream(streams[index]!)));
    page.node.set(PDFName.of("StructParents"), PDFNumber.of(index));
  });
  const link = context.register(context.obj({ Type: "Annot", Subtype: "Link", Rect: [72, 500, 200, 510], Dest: [pages[1]!.ref, "XYZ", null, null, null], StructParent: 2 }));
  pages[0]!.node.set(PDFName.of("Annots"), context.obj([link]));
  const elements: PDFRef[] = [];
  const element = (type: string, kids: unknown[], page?: PDFPage): PDFRef => {
    const ref = context.register(context.obj({ Type: "StructElem", S: type, K: kids as never, ...(page ? { Pg: page.ref } : {}) }));
    elements.push(ref);
    return ref;
  };
  // Each run wrapped in a NonStruct with its page, as Chromium does.
  const run = (page: PDFPage, mcid: number) => element("NonStruct", [mcid], page);
  const [one, two] = pages as [PDFPage, PDFPage];
  const linkObject = context.obj({ Type: "OBJR", Obj: link, Pg: one.ref });
  const page1 = element("NonStruct", [
    run(one, 0),
    run(one, 1),
    element("NonStruct", [element("P", [emphasis ? element("Em", [run(one, 2)]) : run(one, 2), element("Link", [run(one, 6), linkObject])]), element("P", [run(one, 3), element("NonStruct", [run(one, 4)])])]),
    element("NonStruct", [element("LI", [run(one, 5)])]),
  ]);
  const page2 = element("NonStruct", [
    run(two, 0),
    run(two, 1),
    element("NonStruct", [element("P", [run(two, 2)])]),
    ...(noteContinues ? [element("NonStruct", [element("LI", [run(two, 3)])])] : []),
  ]);
  const document = element("Document", [page1, page2]);
  const root = context.register(context.obj({ Type: "StructTreeRoot", K: document, ParentTreeNextKey: 3 }));
  // Every element's parent, as readers expect.
  const setParents = (ref: PDFRef, parent: PDFRef) => {
    const dict = context.lookup(ref, PDFDict);
    dict.set(PDFName.of("P"), parent);
    const kids = dict.lookup(PDFName.of("K"));
    for (const kid of kids instanceof PDFArray ? kids.asArray() : []) if (elements.some((e) => e === kid)) setParents(kid as PDFRef, ref);
  };
  setParents(document, root);
  doc.catalog.set(PDFName.of("StructTreeRoot"), root);
  doc.catalog.set(PDFName.of("MarkInfo"), context.obj({ Marked: true }));
  doc.catalog.set(PDFName.of("Lang"), PDFString.of("en"));
  return doc;
}

describe("the PDF structure post-pass", () => {
  it("reads a content stream's operators, strings and dictionaries", () => {
    const operations = parseOperations("/P <</MCID 3 /ActualText (a\\)b)>> BDC [(x) -20 <0041>] TJ EMC");
    expect(operations.map((operation) => operation.operator)).toEqual(["BDC", "TJ", "EMC"]);
    expect(operations[0]!.operands).toEqual(["/P", "<</MCID 3 /ActualText (a\\)b)>>"]);
    const content = readPageContent("q 1 0 0 1 0 100 cm /P <</MCID 0>> BDC BT 1 0 0 1 10 20 Tm (Hi) Tj ET EMC Q 0 0 5 5 re f", new Map());
    expect(content.runs).toMatchObject([{ mcid: 0, text: "Hi", points: [[10, 120]] }]);
    expect(content.untagged).toHaveLength(1);
  });

  it("finds what a reader would meet in a page laid out as Chromium tags it", async () => {
    const { counts } = checkAccessibility(await chromiumLikePdf(), manifest);
    expect(counts).toMatchObject({ untaggedRuns: 2, furnitureTagged: 4, splitElements: 1, notesAsListItems: 1, linksWithoutContents: 1, xmpMissing: 4 });
    expect(counts.nonStruct).toBeGreaterThan(5);
  });

  it("makes furniture artifacts, joins the split paragraph, sets the note after its call and describes the link", async () => {
    const doc = await chromiumLikePdf();
    const figures = tagForReaders(doc, manifest);
    expect(figures).toMatchObject({ furniture: 4, untagged: 2, notes: 1, joined: 1, links: 1 });
    const saved = await PDFDocument.load(await doc.save(), { updateMetadata: false });
    const { counts, details } = checkAccessibility(saved, manifest);
    expect(details).toEqual([]);
    expect(Object.values(counts).every((count) => count === 0), JSON.stringify(counts)).toBe(true);
    const annotation = saved.context.lookup(saved.getPage(0).node.lookup(PDFName.of("Annots"), PDFArray).get(0), PDFDict);
    // Its own words and the folio of the page it opens.
    expect(annotation.lookup(PDFName.of("Contents"), PDFHexString).decodeText()).toBe("See the index, page 8");
    expect(readXmp(saved)).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(readXmp(saved)).toMatch(/<dc:creator><rdf:Seq><rdf:li>Ann Author<\/rdf:li>/);
  });

  it("leaves the print profile no link tag pointing at a removed annotation", async () => {
    const doc = await chromiumLikePdf();
    tagForReaders(doc, manifest);
    for (const page of doc.getPages()) page.node.delete(PDFName.of("Annots"));
    expect(checkAccessibility(doc, manifest).counts.danglingLinks).toBe(1);
    dropLinkStructure(doc);
    expect(checkAccessibility(doc, manifest).counts.danglingLinks).toBe(0);
  });

  it("joins exactly the cuts Paged.js recorded, one at a sentence's end too, and the check counts against the record", async () => {
    const shape = { cut: "The second ends a sentence.", continuation: "Over the page break it goes on." };
    // What the text says: a full stop, then a capital. The old heuristic takes these for two paragraphs.
    const byText = await chromiumLikePdf(shape);
    expect(tagForReaders(byText, manifest).joined).toBe(0);
    const told = checkAccessibility(byText, manifest);
    expect(told.counts.splitElements).toBe(0);
    expect(told.splitsTold).toMatch(/no record of Paged\.js' cuts .* told from the text/);
    // Paged.js' record: the paragraph's end on page 1 (its note call included) and its start on page 2.
    const record: PageSplit[] = [{ page: 0, kind: "p", end: "The second ends a sentence.1", start: "Over the page break it goes on." }];
    const recorded = await chromiumLikePdf(shape);
    expect(tagForReaders(recorded, manifest, record)).toMatchObject({ joined: 1, recorded: 1 });
    const saved = await PDFDocument.load(await recorded.save(), { updateMetadata: false });
    expect(readSplitRecord(saved)).toEqual(record);
    const { counts, splitsTold } = checkAccessibility(saved, manifest);
    expect(counts.splitElements).toBe(0);
    expect(splitsTold).toMatch(/against the 1 cuts Paged\.js recorded \(1 joined\)/);
    const paragraphs = [...withParents(readTree(saved, readContents(saved))!)].filter(([element]) => element.type === "P");
    expect(paragraphs.map(([element]) => textOf(element, true))).toContain("The second ends a sentence. Over the page break it goes on.");
  });

  it("counts a recorded cut left in two elements (a file joined by the text's evidence, which missed it)", async () => {
    const doc = await chromiumLikePdf({ cut: "The second ends a sentence.", continuation: "Over the page break it goes on." });
    tagForReaders(doc, manifest);
    writeSplitRecord(doc, [{ page: 0, kind: "p", end: "ends a sentence.1", start: "Over the page" }], new Date("2026-01-02T00:00:00Z"));
    expect(checkAccessibility(doc, manifest).counts.splitElements).toBe(1);
  });

  it("never joins two paragraphs the record does not name, though the text would", async () => {
    // Lower case after the break: the text's evidence joins them; the record (no cut on this page) does not.
    const doc = await chromiumLikePdf({ continuation: "over the page break." });
    expect(tagForReaders(doc, manifest, []).joined).toBe(0);
    expect(tagForReaders(await chromiumLikePdf(), manifest).joined).toBe(1);
  });

  it("tags text Chromium painted outside its tags in the element it begins, instead of hiding it as an artifact", async () => {
    const doc = await chromiumLikePdf({ untagged: "[" });
    expect(checkAccessibility(doc, manifest).counts.textOutsideTags).toBe(1);
    expect(tagForReaders(doc, manifest)).toMatchObject({ generated: 1, untagged: 2 });
    const saved = await PDFDocument.load(await doc.save(), { updateMetadata: false });
    const { counts } = checkAccessibility(saved, manifest);
    expect(counts.textOutsideTags).toBe(0);
    expect(counts.untaggedRuns).toBe(0);
    expect(counts.contentOutsideTree).toBe(0);
    const first = [...withParents(readTree(saved, readContents(saved))!)].find(([element]) => element.type === "P")![0];
    expect(first.kids.filter(isContent).map((kid) => kid.text)).toEqual(["[", "The first paragraph ends here."]);
    expect(first.kids.some((kid) => isElement(kid) && kid.type === "Link")).toBe(true);
  });

  it("joins a footnote's continuation at the next page's foot to the note set after its call", async () => {
    const doc = await chromiumLikePdf({ noteContinues: "and the note goes on here." });
    const record: PageSplit[] = [
      { page: 0, kind: "p", end: "The second runs on1", start: "over the page break." },
      { page: 0, kind: "footnote", end: "1. The note.", start: "and the note goes on here." },
    ];
    expect(tagForReaders(doc, manifest, record)).toMatchObject({ notes: 1, joined: 2 });
    const saved = await PDFDocument.load(await doc.save(), { updateMetadata: false });
    const { counts, details } = checkAccessibility(saved, manifest);
    expect(details).toEqual([]);
    expect(counts.splitElements).toBe(0);
    expect(counts.notesAsListItems).toBe(0);
    const notes = [...withParents(readTree(saved, readContents(saved))!)].filter(([element]) => element.type === "Note");
    expect(notes.map(([note]) => textOf(note))).toEqual(["1. The note. and the note goes on here."]);
  });

  it("maps PDF 2.0's Em, which PDF 1.7 does not define, to Span in the RoleMap", async () => {
    const doc = await chromiumLikePdf({ emphasis: true });
    const before = checkAccessibility(doc, manifest);
    expect(before.counts.unmappedTypes).toBe(1);
    expect(before.details).toContain("structure types neither standard nor role-mapped: Em");
    tagForReaders(doc, manifest);
    const saved = await PDFDocument.load(await doc.save(), { updateMetadata: false });
    expect(checkAccessibility(saved, manifest).counts.unmappedTypes).toBe(0);
    const roleMap = saved.catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict).lookup(PDFName.of("RoleMap"), PDFDict);
    expect(roleMap.get(PDFName.of("Em"))).toBe(PDFName.of("Span"));
  });
});
