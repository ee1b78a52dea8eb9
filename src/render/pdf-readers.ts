// The PDF for readers who listen or reflow: the structure post-pass
// (./pdf-structure.ts), the XMP metadata with the PDF/UA identification
// (./pdf-xmp.ts) and the document title shown in the window. Run once on
// Chromium's PDF, before the print and screen profiles are cut from it.
import { PDFBool, PDFDict, PDFName, type PDFDocument, type PDFPage } from "pdf-lib";
import { bookAuthors, fullTitle } from "../book/front-matter.js";
import type { Manifest } from "../manifest/manifest-schema.js";
import { textBands, trimGeometry } from "./page-geometry.js";
import { structureForReaders, type FurnitureBands, type StructureFigures } from "./pdf-structure.js";
import { setXmp } from "./pdf-xmp.js";
import { writeSplitRecord, type PageSplit } from "./pdf-splits.js";

/** The margins where running heads and folios stand, from the page's top edge, with the bleed the page carries. */
export function furnitureBands(manifest: Manifest): FurnitureBands {
  const geometry = trimGeometry(manifest.trim);
  return (page: PDFPage) => {
    // Whatever bleed the page carries (none on screen, the render's or a print profile's on paper), on each side.
    const bleed = Math.max(0, (page.getMediaBox().width - geometry.width) / 2);
    return textBands(geometry.height, bleed);
  };
}

/** `splits`: the blocks Paged.js cut at page breaks; without them a cut is told from the text. */
export function tagForReaders(doc: PDFDocument, manifest: Manifest, splits?: PageSplit[]): StructureFigures {
  const figures = structureForReaders(doc, furnitureBands(manifest), splits);
  if (splits) writeSplitRecord(doc, splits, new Date(`${manifest.revised}T00:00:00Z`));
  setXmp(doc, {
    title: fullTitle(manifest),
    creators: bookAuthors(manifest),
    language: manifest.language,
    description: manifest.description,
    ...(manifest.subject ? { keywords: manifest.subject } : {}),
    date: `${manifest.revised}T00:00:00Z`,
    producer: "Chromium, pdf-lib",
    creatorTool: "edition pipeline (Paged.js)",
  });
  const preferences = doc.catalog.lookupMaybe(PDFName.of("ViewerPreferences"), PDFDict) ?? doc.context.obj({});
  preferences.set(PDFName.of("DisplayDocTitle"), PDFBool.True);
  doc.catalog.set(PDFName.of("ViewerPreferences"), preferences);
  return figures;
}
