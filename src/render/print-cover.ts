// The print cover: back, spine and front on one sheet with bleed. The spine's
// width follows from the interior's page count and the manifest's paper
// (./print-profiles.ts paperThickness, with its source); the front is the
// EPUB cover's design (./cover.ts) at the trim's size; the back carries the
// description and a blank area for the barcode; the spine its text when the
// book has pages enough for it.
import { h } from "hastscript";
import { PDFDocument } from "pdf-lib";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import { bookAuthors, fullTitle } from "../book/front-matter.js";
import { trimSizes, type Manifest } from "../manifest/manifest-schema.js";
import { closeChromium, launchChromium } from "./chromium.js";
import { coverFront, coverFrontCss } from "./cover.js";
import { fontFaceCss } from "./fonts.js";
import { points, pointsPer } from "./page-geometry.js";
import { barcodeArea, paperSource, paperThickness, spineTextMinPages, type Paper, type PdfProfile } from "./print-profiles.js";
import { toPdfx } from "./pdfx.js";

/** The cover sheet, in inches. */
export interface CoverGeometry {
  trimWidth: number;
  trimHeight: number;
  spine: number;
  bleed: number;
  /** bleed + back + spine + front + bleed. */
  width: number;
  /** bleed + trim height + bleed. */
  height: number;
  pages: number;
  paper: Paper;
  /** The formula with its figures, and where it comes from. */
  formula: string;
}

const inches = (length: string) => points(length) / pointsPer.in;
const round = (n: number, digits = 4) => +n.toFixed(digits);

export function coverGeometry(trim: Manifest["trim"], pages: number, paper: Paper, profile: Pick<PdfProfile, "coverBleed">): CoverGeometry {
  const trimWidth = inches(trimSizes[trim].width);
  const trimHeight = inches(trimSizes[trim].height);
  const perPage = paperThickness[paper].inchesPerPage;
  const spine = pages * perPage;
  const bleed = inches(profile.coverBleed);
  const width = 2 * bleed + 2 * trimWidth + spine;
  const height = 2 * bleed + trimHeight;
  const formula =
    `spine = ${pages} pages × ${perPage} in (${paper}) = ${round(spine)} in; ` +
    `width = ${round(bleed)} + ${round(trimWidth)} + ${round(spine)} + ${round(trimWidth)} + ${round(bleed)} = ${round(width)} in; ` +
    `height = ${round(bleed)} + ${round(trimHeight)} + ${round(bleed)} = ${round(height)} in (${paperSource.url})`;
  return { trimWidth, trimHeight, spine, bleed, width, height, pages, paper, formula };
}

/** Whether the spine carries text: pages enough for the service (KDP: 79). */
export const spineHasText = (geometry: CoverGeometry) => geometry.pages >= spineTextMinPages.pages;

/** The cover sheet as one HTML page, lengths in inches. */
export async function printCoverHtml(manifest: Manifest, geometry: CoverGeometry): Promise<string> {
  const { trimWidth, trimHeight, spine, bleed, width, height } = geometry;
  const inch = (n: number) => `${+n.toFixed(4)}in`;
  // The front is the EPUB cover (1600 px wide) scaled to the trim: 96 CSS px to the inch.
  const scale = (trimWidth * 96) / 1600;
  const safe = 0.25;
  const spineFont = Math.min(16, spine * 72 * 0.42);
  const css = `${await fontFaceCss()}
    @page { size: ${inch(width)} ${inch(height)}; margin: 0; }
    html, body { margin: 0; width: ${inch(width)}; height: ${inch(height)}; }
    body { position: relative; background: #7a1f1a; color: #f4ecdf; font-family: "EB Garamond", serif; }
    .panel { position: absolute; top: ${inch(bleed)}; height: ${inch(trimHeight)}; }
    .back { left: ${inch(bleed)}; width: ${inch(trimWidth)}; box-sizing: border-box; padding: ${inch(0.9)} ${inch(0.75)}; }
    .back .description { font-size: 13pt; line-height: 1.45; margin: 0; }
    .back .publisher { position: absolute; left: ${inch(0.75)}; bottom: ${inch(safe + 0.1)}; font-size: 9pt; letter-spacing: 0.12em; text-transform: uppercase; margin: 0; }
    .barcode { position: absolute; right: ${inch(safe)}; bottom: ${inch(safe)}; width: ${inch(barcodeArea.width)}; height: ${inch(barcodeArea.height)}; background: #ffffff; }
    .spine { left: ${inch(bleed + trimWidth)}; width: ${inch(spine)}; box-sizing: border-box; padding: ${inch(0.9)} 0 ${inch(0.6)}; display: flex; flex-direction: column; align-items: center; justify-content: space-between; }
    .spine p { writing-mode: vertical-rl; margin: 0; font-size: ${spineFont.toFixed(2)}pt; letter-spacing: 0.08em; white-space: nowrap; }
    .spine .spine-publisher { font-size: ${(spineFont * 0.6).toFixed(2)}pt; text-transform: uppercase; letter-spacing: 0.12em; }
    .front { left: ${inch(bleed + trimWidth + spine)}; width: ${inch(trimWidth)}; }${coverFrontCss(".front", scale)}`;
  const page = h("html", { lang: manifest.language }, [
    h("head", [h("meta", { charset: "utf-8" }), h("title", `${fullTitle(manifest)} (cover)`), h("style", css)]),
    h("body", [
      h("section", { className: ["panel", "back"] }, [
        h("p", { className: ["description"] }, manifest.description),
        ...(manifest.publisher ? [h("p", { className: ["publisher"] }, manifest.publisher)] : []),
        h("div", { className: ["barcode"], ariaLabel: "barcode area" }),
      ]),
      h("section", { className: ["panel", "spine"] }, spineHasText(geometry) ? [h("p", { className: ["spine-title"] }, manifest.title), ...(manifest.publisher ? [h("p", { className: ["spine-publisher"] }, manifest.publisher)] : [])] : []),
      h("section", { className: ["panel", "front"] }, coverFront(manifest)),
    ]),
  ]);
  return unified().use(rehypeStringify).stringify({ type: "root", children: [{ type: "doctype" }, page] });
}

export interface PrintCover {
  pdf: Uint8Array;
  geometry: CoverGeometry;
}

/** The cover PDF for an interior of `pages` pages: drawn by Chromium, page boxes set, and PDF/X (CMYK) when the profile asks for it. */
export async function renderPrintCover(manifest: Manifest, pages: number, profile: PdfProfile): Promise<PrintCover> {
  const geometry = coverGeometry(manifest.trim, pages, manifest.paper ?? "white", profile);
  const html = await printCoverHtml(manifest, geometry);
  const browser = await launchChromium({ protocolSeconds: 120 });
  let raw: Uint8Array;
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    raw = await page.pdf({ printBackground: true, preferCSSPageSize: true, timeout: 0 });
  } finally {
    await closeChromium(browser);
  }
  const doc = await PDFDocument.load(raw);
  if (doc.getPageCount() !== 1) throw new Error(`the cover came out as ${doc.getPageCount()} pages, not one sheet`);
  const sheet = doc.getPage(0);
  const W = geometry.width * pointsPer.in;
  const H = geometry.height * pointsPer.in;
  const b = geometry.bleed * pointsPer.in;
  const { width, height } = sheet.getMediaBox();
  if (Math.abs(width - W) > 2 || Math.abs(height - H) > 2) throw new Error(`Chromium made a ${width} × ${height} pt cover; the formula gives ${W} × ${H} pt`);
  // Laid out from the top left: the sheet's boxes hang from its top edge.
  const y = height - H;
  sheet.setMediaBox(0, y, W, H);
  sheet.setCropBox(0, y, W, H);
  sheet.setBleedBox(0, y, W, H);
  sheet.setTrimBox(b, y + b, W - 2 * b, H - 2 * b);
  const revised = new Date(`${manifest.revised}T00:00:00Z`);
  doc.setTitle(`${fullTitle(manifest)} (cover)`);
  doc.setAuthor(bookAuthors(manifest).join(", "));
  doc.setLanguage(manifest.language);
  doc.setCreationDate(revised);
  doc.setModificationDate(revised);
  const bytes = await doc.save();
  return { pdf: profile.pdfx ? await toPdfx(bytes, manifest, profile.pdfx.version, "CMYK") : bytes, geometry };
}
