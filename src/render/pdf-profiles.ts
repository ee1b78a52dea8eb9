// The post-pass that makes the two PDF profiles from Chromium's one PDF.
// Chromium writes MediaBox = trim + bleed and no usable TrimBox or BleedBox
// (pagedjs-cli's own post-pass writes a wrong TrimBox), so the boxes are set
// here from the manifest's trim.
import { PDFDocument, PDFName } from "pdf-lib";
import type { Manifest } from "../manifest/manifest-schema.js";
import { mediaRect, trimGeometry, trimRect } from "./page-geometry.js";
import { setOutline, type OutlineEntry } from "./pdf-outline.js";

export interface Profiles {
  print: Uint8Array;
  screen: Uint8Array;
  printPageCount: number;
}

export const pdfTitle = (manifest: Manifest) => (manifest.subtitle ? `${manifest.title}: ${manifest.subtitle}` : manifest.title);
export const pdfAuthor = (manifest: Manifest) => [...new Set(manifest.texts.map((text) => text.author))].join(", ");

/** Metadata with dates fixed by the manifest, so a rebuild gives the same PDF. */
function setMetadata(doc: PDFDocument, manifest: Manifest): void {
  const revised = new Date(`${manifest.revised}T00:00:00Z`);
  doc.setTitle(pdfTitle(manifest), { showInWindowTitleBar: true });
  doc.setAuthor(pdfAuthor(manifest));
  doc.setSubject(manifest.description);
  doc.setKeywords([manifest.subject]);
  doc.setLanguage(manifest.language);
  doc.setCreator("edition pipeline (Paged.js)");
  doc.setProducer("Chromium, pdf-lib");
  doc.setCreationDate(revised);
  doc.setModificationDate(revised);
}

const keepMetadata = { updateMetadata: false } as const;

export async function makeProfiles(raw: Uint8Array, manifest: Manifest, outline: OutlineEntry[]): Promise<Profiles> {
  const common = await PDFDocument.load(raw);
  setMetadata(common, manifest);
  setOutline(common, outline);
  const bytes = await common.save();
  const geometry = trimGeometry(manifest.trim);
  const [mediaW, mediaH] = mediaRect(geometry).slice(2) as [number, number];
  const trim = trimRect(geometry);

  // Print: the page keeps its bleed; links are of no use on paper.
  const print = await PDFDocument.load(bytes, keepMetadata);
  for (const page of print.getPages()) {
    const { width, height } = page.getSize();
    if (Math.abs(width - mediaW) > 0.5 || Math.abs(height - mediaH) > 0.5) {
      throw new Error(`Chromium made a ${width} × ${height} pt page; trim plus bleed is ${mediaW} × ${mediaH} pt`);
    }
    page.node.delete(PDFName.of("Annots"));
  }
  // Blank pages to a multiple of 4, for the printer's signatures.
  while (print.getPageCount() % 4) print.addPage([mediaW, mediaH]);
  for (const page of print.getPages()) {
    page.setMediaBox(0, 0, mediaW, mediaH);
    page.setCropBox(0, 0, mediaW, mediaH);
    page.setBleedBox(0, 0, mediaW, mediaH);
    page.setTrimBox(...trim);
  }

  // Screen: the same pages cut to the trim, so marks and bleed are outside the page.
  const screen = await PDFDocument.load(bytes, keepMetadata);
  for (const page of screen.getPages()) {
    page.setMediaBox(...trim);
    page.setCropBox(...trim);
    page.setBleedBox(...trim);
    page.setTrimBox(...trim);
  }
  return { print: await print.save(), screen: await screen.save(), printPageCount: print.getPageCount() };
}
