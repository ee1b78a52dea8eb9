// The post-pass that makes the two PDF profiles from Chromium's one PDF.
// Chromium writes MediaBox = trim + bleed and no usable TrimBox or BleedBox
// (pagedjs-cli's own post-pass writes a wrong TrimBox), so the boxes are set
// here from the manifest's trim.
import { PDFDocument, type PDFPage } from "pdf-lib";
import { bookAuthors, fullTitle } from "../book/front-matter.js";
import type { Manifest } from "../manifest/manifest-schema.js";
import { mediaRect, trimGeometry } from "./page-geometry.js";
import { setOutline, type OutlineEntry } from "./pdf-outline.js";
import { tagForReaders } from "./pdf-readers.js";
import { profiles, type PdfProfile } from "./print-profiles.js";
import { applyProfile } from "./profile-pass.js";
import { setPageLabels } from "./pdf-page-labels.js";
import type { PageSplit } from "./pdf-splits.js";

export interface Profiles {
  print: Uint8Array;
  screen: Uint8Array;
  printPageCount: number;
}

export const pdfTitle = fullTitle;
export const pdfAuthor = (manifest: Manifest) => bookAuthors(manifest).join(", ");

/** Metadata with dates fixed by the manifest, so a rebuild gives the same PDF. */
function setMetadata(doc: PDFDocument, manifest: Manifest): void {
  const revised = new Date(`${manifest.revised}T00:00:00Z`);
  doc.setTitle(pdfTitle(manifest), { showInWindowTitleBar: true });
  doc.setAuthor(pdfAuthor(manifest));
  doc.setSubject(manifest.description);
  if (manifest.subject) doc.setKeywords([manifest.subject]);
  doc.setLanguage(manifest.language);
  doc.setCreator("edition pipeline (Paged.js)");
  doc.setProducer("Chromium, pdf-lib");
  doc.setCreationDate(revised);
  doc.setModificationDate(revised);
}

/**
 * The print file of `printProfile` (the render's profile) and the screen file, from Chromium's one PDF; each
 * profile's record says what its file keeps (./profile-pass.ts). `folios`: each page's printed number, for the
 * page labels; `splits`: the blocks Paged.js cut at page breaks (./browser/page-splits.js), for the structure post-pass.
 */
export async function makeProfiles(raw: Uint8Array, manifest: Manifest, outline: OutlineEntry[], printProfile: PdfProfile = profiles.offset, folios: string[] = [], splits?: PageSplit[]): Promise<Profiles> {
  const common = await PDFDocument.load(raw);
  setMetadata(common, manifest);
  setOutline(common, outline);
  setPageLabels(common, folios);
  tagForReaders(common, manifest, splits);
  const bytes = await common.save();
  const geometry = trimGeometry(manifest.trim, printProfile);
  const [mediaW, mediaH] = mediaRect(geometry).slice(2) as [number, number];

  // Chromium may round the paper size to a near standard one (A5 plus bleed
  // came out 437.04 × 612 pt, not 436.54 × 612.28); it lays out from the top
  // left, so the boxes are placed from the page's top edge.
  const origin = (page: PDFPage): [number, number] => {
    const { width, height } = page.getMediaBox();
    if (Math.abs(width - mediaW) > 2 || Math.abs(height - mediaH) > 2) {
      throw new Error(`Chromium made a ${width} × ${height} pt page; trim plus bleed is ${mediaW} × ${mediaH} pt`);
    }
    // Rounding under 0.1 pt (Chromium wrote 665.04 for 665.008) is left alone, so the common trims keep a 0,0 origin.
    return [0, Math.abs(height - mediaH) < 0.1 ? 0 : height - mediaH];
  };

  const print = await applyProfile(bytes, printProfile, geometry, origin);
  const screen = await applyProfile(bytes, profiles.screen, geometry, origin);
  return { print: print.bytes, screen: screen.bytes, printPageCount: print.pageCount };
}
