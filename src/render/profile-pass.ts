// One profile's file from the common PDF of the render, by the profile's
// record (./print-profiles.ts): links and bookmarks kept or dropped, blank
// pages added by its page-count rule, and the page boxes set for its bleed.
import { PDFDocument, PDFName, type PDFPage } from "pdf-lib";
import { profileBleed, type PageGeometry } from "./page-geometry.js";
import type { PdfProfile } from "./print-profiles.js";

const keepMetadata = { updateMetadata: false } as const;

/** Where the render's page sits in user space (Chromium may round a paper size; it lays out from the top left). */
export type PageOrigin = (page: PDFPage) => [number, number];

/** How many blank pages a profile adds after `pages` laid-out pages (the last of which has content). */
export function paddingPages(profile: Pick<PdfProfile, "pageMultiple" | "lastPageBlank">, pages: number): number {
  let total = pages + (profile.lastPageBlank ? 1 : 0);
  while (total % profile.pageMultiple) total++;
  return total - pages;
}

export async function applyProfile(bytes: Uint8Array, profile: PdfProfile, render: PageGeometry, origin: PageOrigin): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const doc = await PDFDocument.load(bytes, keepMetadata);
  if (!profile.links) for (const page of doc.getPages()) page.node.delete(PDFName.of("Annots"));
  if (!profile.bookmarks) {
    doc.catalog.delete(PDFName.of("Outlines"));
    doc.catalog.delete(PDFName.of("PageMode"));
  }
  const mediaW = render.width + 2 * render.bleed;
  const mediaH = render.height + 2 * render.bleed;
  const shift = origin(doc.getPage(0))[1];
  const blanks = paddingPages(profile, doc.getPageCount());
  for (let added = 0; added < blanks; added++) doc.addPage([mediaW, mediaH + shift]);
  // The profile's bleed (never more than the render's) around the trim, inside the render's page.
  const bleed = Math.min(profileBleed(profile), render.bleed);
  const inset = render.bleed - bleed;
  for (const page of doc.getPages()) {
    const [x, y] = origin(page);
    const media = [x + inset, y + inset, render.width + 2 * bleed, render.height + 2 * bleed] as const;
    page.setMediaBox(...media);
    page.setCropBox(...media);
    page.setBleedBox(...media);
    page.setTrimBox(x + render.bleed, y + render.bleed, render.width, render.height);
  }
  return { bytes: await doc.save(), pageCount: doc.getPageCount() };
}
