// The print cover's preflight: one sheet whose size is the formula's
// (src/render/print-cover.ts coverGeometry) for the interior beside it, the
// trim inset by the cover's bleed, fonts embedded, and the PDF/X output
// intent when the profile wants one.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import type { Manifest } from "../manifest/manifest-schema.js";
import { pointsPer } from "../render/page-geometry.js";
import { coverGeometry } from "../render/print-cover.js";
import { points } from "../render/page-geometry.js";
import { printProfileNames, profiles, type PdfProfile } from "../render/print-profiles.js";
import { checkFonts, type PreflightCheck } from "./preflight.js";
import { checkOutputIntent } from "./profile-checks.js";

export const isCoverFile = (file: string) => file.endsWith("-cover.pdf");

/** The interior a cover belongs to: `<slug>.pdf` beside `<slug>-cover.pdf`. */
export const interiorOf = (file: string) => path.join(path.dirname(file), `${path.basename(file).replace(/-cover\.pdf$/, "")}.pdf`);

/** The print profile whose cover bleed is nearest the sheet's (its TrimBox's inset). */
export function coverProfileOf(doc: PDFDocument): PdfProfile {
  const sheet = doc.getPage(0);
  const inset = sheet.getTrimBox().x - sheet.getMediaBox().x;
  return printProfileNames.map((name) => profiles[name]).sort((a, b) => Math.abs(points(a.coverBleed) - inset) - Math.abs(points(b.coverBleed) - inset))[0]!;
}

/** Within 0.1 pt: less than one page's thickness (0.18 pt), so a cover for another page count fails (KDP itself allows 0.0625 in). */
const tolerance = 0.1;

export async function preflightCover(file: string, doc: PDFDocument, manifest: Manifest, profile: PdfProfile): Promise<PreflightCheck[]> {
  const interiorFile = interiorOf(file);
  const interior = await readFile(interiorFile).then((bytes) => PDFDocument.load(bytes, { updateMetadata: false }), () => undefined);
  const problems: string[] = [];
  let summary = "";
  if (!interior) problems.push(`no interior ${interiorFile} beside the cover, so its page count (the spine) is not known`);
  else {
    const geometry = coverGeometry(manifest.trim, interior.getPageCount(), manifest.paper ?? "white", profile);
    const want = { width: geometry.width * pointsPer.in, height: geometry.height * pointsPer.in, bleed: geometry.bleed * pointsPer.in };
    if (doc.getPageCount() !== 1) problems.push(`${doc.getPageCount()} pages; a cover is one sheet`);
    const sheet = doc.getPage(0);
    const media = sheet.getMediaBox();
    const trim = sheet.getTrimBox();
    const inches = (n: number) => `${+(n / pointsPer.in).toFixed(4)} in`;
    if (Math.abs(media.width - want.width) > tolerance || Math.abs(media.height - want.height) > tolerance) {
      problems.push(`the sheet is ${inches(media.width)} × ${inches(media.height)}; the formula gives ${inches(want.width)} × ${inches(want.height)}`);
    }
    const inset = [trim.x - media.x, trim.y - media.y, media.x + media.width - trim.x - trim.width, media.y + media.height - trim.y - trim.height];
    if (inset.some((side) => Math.abs(side - want.bleed) > tolerance)) problems.push(`the TrimBox is inset ${inset.map(inches).join(", ")}; the bleed is ${inches(want.bleed)} on every side`);
    summary = `${inches(media.width)} × ${inches(media.height)} for ${interior.getPageCount()} pages on ${geometry.paper} paper: ${geometry.formula}`;
  }
  return [{ name: "cover size", problems, summary }, await checkFonts(file), checkOutputIntent(doc, profile)];
}
