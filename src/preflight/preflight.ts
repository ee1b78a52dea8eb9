// The checks a printer's preflight runs on the PDF, plus ours: fonts, page
// boxes, bookmarks (screen profile), metadata, and text integrity against the
// print tree. Used by the tests and by `edition check --pdf <file>`.
import { readFile } from "node:fs/promises";
import type { Root } from "hast";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from "pdf-lib";
import type { Manifest } from "../manifest/manifest-schema.js";
import { points, pointsPer, profileBleed, textBands, trimGeometry, type PageGeometry } from "../render/page-geometry.js";
import { profiles, type PdfProfile as ProfileRecord, type ProfileName } from "../render/print-profiles.js";
import { checkBlankPages, checkColour, checkMarks, checkOutputIntent, checkPageCount, checkSoftHyphens, type ProfileCheck } from "./profile-checks.js";
import { coverProfileOf, isCoverFile, preflightCover } from "./cover-check.js";
import { readOutline, type OutlineEntry } from "../render/pdf-outline.js";
import { pdfAuthor, pdfTitle } from "../render/pdf-profiles.js";
import type { OutlineTarget } from "../render/pdf.js";
import { pdfFonts, pdfTextPages, type PdfTextPage } from "./pdf-tools.js";
import { checkTextIntegrity, inColumnOrder, pageWords, pageLines, treeWords } from "./text-integrity.js";
import { formatMakeUp, makeUpProblems, makeUpWarnings, pageMakeUp } from "./page-make-up.js";
import { selectAll } from "hast-util-select";
import { toString as hastToString } from "hast-util-to-string";
import { accessibilitySection } from "./pdf-accessibility.js";

/** The profile a PDF is held to (src/render/print-profiles.ts), or `cover` for a print cover. */
export type PdfProfile = ProfileName | "cover";

export interface PreflightCheck {
  name: "fonts" | "boxes" | "bookmarks" | "links" | "metadata" | "text" | "make-up" | "accessibility" | "cover size" | ProfileCheck["name"];
  problems: string[];
  /** What was checked, for the report when all is well. */
  summary: string;
  /** Named without failing (pages a rule could not be met on). */
  warnings?: string[];
}

export interface PreflightResult {
  profile: PdfProfile;
  pageCount: number;
  checks: PreflightCheck[];
  ok: boolean;
}

export interface PreflightInput {
  manifest: Manifest;
  /** The print tree the PDF was made from (src/render/print-html.ts printTree). */
  tree: Root;
  /** The bookmarks the screen profile must have. */
  outline: OutlineTarget[];
  /** Which profile to hold the file to; by default the one its page size says (a `-cover.pdf` is a cover of the profile its bleed says). */
  profile?: ProfileName;
}

const near = (a: number, b: number) => Math.abs(a - b) < 0.5;
const rect = (box: { x: number; y: number; width: number; height: number }) => [box.x, box.y, box.x + box.width, box.y + box.height];
const show = (box: number[]) => `[${box.map((n) => n.toFixed(2)).join(" ")}]`;

export async function checkFonts(file: string): Promise<PreflightCheck> {
  const fonts = await pdfFonts(file);
  const problems = [
    ...fonts.filter((font) => !font.embedded).map((font) => `font ${font.name} is not embedded`),
    ...fonts.filter((font) => font.type.startsWith("Type 3")).map((font) => `font ${font.name} is a Type 3 font (a synthesised face?)`),
  ];
  if (!fonts.length) problems.push("the PDF has no fonts");
  return { name: "fonts", problems, summary: `${fonts.length} fonts, all embedded, none Type 3: ${fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, "")).join(", ")}` };
}

function checkBoxes(doc: PDFDocument, profile: ProfileRecord, geometry: PageGeometry): PreflightCheck {
  const b = profileBleed(profile);
  const media = [0, 0, geometry.width + 2 * b, geometry.height + 2 * b];
  const trim = [b, b, geometry.width + b, geometry.height + b];
  const problems: string[] = [];
  doc.getPages().forEach((page, index) => {
    const boxes = { MediaBox: rect(page.getMediaBox()), TrimBox: rect(page.getTrimBox()), BleedBox: rect(page.getBleedBox()), CropBox: rect(page.getCropBox()) };
    // A page may sit anywhere in user space (Chromium rounds some paper sizes): compare boxes relative to the media's origin.
    const origin = boxes.MediaBox.slice(0, 2);
    const shift = (box: number[]) => box.map((n, i) => n + origin[i % 2]!);
    const want = { MediaBox: shift(media), TrimBox: shift(trim), BleedBox: shift(media), CropBox: shift(media) };
    for (const name of Object.keys(want) as (keyof typeof want)[]) {
      if (!boxes[name].every((n, i) => near(n, want[name][i]!))) problems.push(`page ${index + 1}: ${name} is ${show(boxes[name])}, should be ${show(want[name])}`);
    }
  });
  const inches = (n: number) => `${+(n / pointsPer.in).toFixed(2)} in`;
  return {
    name: "boxes",
    problems: problems.slice(0, 20).concat(problems.length > 20 ? [`… and ${problems.length - 20} more`] : []),
    summary: `${doc.getPageCount()} pages, trim ${inches(geometry.width)} × ${inches(geometry.height)}${b ? `, bleed ${+(b / pointsPer.mm).toFixed(3)} mm, TrimBox inside MediaBox = BleedBox` : ", no bleed: every box at the trim"}`,
  };
}

function checkBookmarks(doc: PDFDocument, profile: ProfileRecord, outline: OutlineTarget[]): PreflightCheck {
  const found = readOutline(doc);
  const problems: string[] = [];
  if (!profile.bookmarks && found.length) problems.push(`${found.length} bookmarks in a file whose printer wants none`);
  if (profile.bookmarks && profile.links) {
    // Each level against the bookmarks at the same place: a text's chapters and sections are nested under it.
    const check = (targets: OutlineTarget[], entries: OutlineEntry[]) => {
      for (const target of targets) {
        const entry = entries.find((candidate) => candidate.title === target.title);
        if (!entry) problems.push(`no bookmark “${target.title}”`);
        else if (entry.page < 0) problems.push(`bookmark “${target.title}” points at no page`);
        else if (target.children?.length) check(target.children, entry.children ?? []);
      }
    };
    check(outline, found);
  }
  const count = (entries: OutlineEntry[]): number => entries.reduce((sum, entry) => sum + 1 + count(entry.children ?? []), 0);
  const nested = count(found) - found.length;
  return {
    name: "bookmarks",
    problems,
    summary: `${found.length} bookmarks${nested ? ` (and ${nested} nested under them)` : ""}: ${found.map((entry) => `${entry.title} (p. ${entry.page + 1})`).join("; ")}`,
  };
}

/** Screen: live links, at least one per contents entry; print: none (no use on paper). */
function checkLinks(doc: PDFDocument, profile: ProfileRecord, outline: OutlineTarget[]): PreflightCheck {
  let links = 0;
  let internal = 0;
  for (const page of doc.getPages()) {
    for (const ref of page.node.lookupMaybe(PDFName.of("Annots"), PDFArray)?.asArray() ?? []) {
      const annotation = doc.context.lookup(ref, PDFDict);
      if (annotation.get(PDFName.of("Subtype")) !== PDFName.of("Link")) continue;
      links++;
      if (annotation.has(PDFName.of("Dest"))) internal++;
    }
  }
  const problems: string[] = [];
  if (!profile.links && links) problems.push(`${links} link annotations in a print PDF`);
  // The contents page is a bookmark, not an entry of itself.
  const entries = outline.filter((entry) => entry.id !== "contents").length;
  if (profile.links && internal < entries) problems.push(`${internal} links inside the document; the contents alone has ${entries} entries`);
  return { name: "links", problems, summary: `${links} link annotations, ${internal} of them inside the document` };
}

function checkMetadata(doc: PDFDocument, manifest: Manifest): PreflightCheck {
  const lang = doc.catalog.lookup(PDFName.of("Lang"));
  const language = lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined;
  const wanted = { title: [doc.getTitle(), pdfTitle(manifest)], author: [doc.getAuthor(), pdfAuthor(manifest)], language: [language, manifest.language] };
  const problems = Object.entries(wanted)
    .filter(([, [found, want]]) => found !== want)
    .map(([name, [found, want]]) => `${name} is ${found === undefined ? "not set" : `“${found}”`}, should be “${want}”`);
  return { name: "metadata", problems, summary: `title “${doc.getTitle()}”, author “${doc.getAuthor()}”, language ${language}` };
}

function checkText(laidOut: PdfTextPage[], tree: Root, profile: ProfileRecord, geometry: PageGeometry): PreflightCheck {
  const pages = laidOut.map(inColumnOrder);
  const bands = textBands(geometry.height, profileBleed(profile));
  const expected = treeWords(tree);
  const problems = checkTextIntegrity(
    pages.map((page) => pageWords(page, bands)),
    expected,
    pages.map((page) => pageLines(page, bands)),
  ).map((problem) => `page ${problem.page}: ${problem.message}`);
  return { name: "text", problems, summary: `${expected.body.length} words of running text and ${expected.notes.length} of footnotes, all in the PDF in order` };
}

/** Page make-up counts by page (./page-make-up.ts); a count over its budget (the manifest's `makeUp` may raise it) fails. */
function checkMakeUp(pages: PdfTextPage[], tree: Root, profile: ProfileRecord, geometry: PageGeometry, budget: Manifest["makeUp"]): PreflightCheck {
  const bands = textBands(geometry.height, profileBleed(profile));
  const headings = selectAll("h1, h2, h3, h4", tree).map((node) => hastToString(node));
  const compounds = new Set(hastToString(tree).replace(/\u00AD/g, "").match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu) ?? []);
  const counts = pageMakeUp(pages, bands, headings, compounds);
  return { name: "make-up", problems: makeUpProblems(counts, budget), summary: formatMakeUp(counts).join("; "), warnings: makeUpWarnings(counts, budget) };
}

/**
 * The profile a PDF says it is: a page at the trim is a screen file, or a print-on-demand one when it has an
 * output intent; a larger page carries the bleed of the profile it is nearest to.
 */
function profileOf(doc: PDFDocument, geometry: PageGeometry): ProfileName {
  const { width } = doc.getPage(0).getMediaBox();
  if (near(width, geometry.width)) return doc.catalog.has(PDFName.of("OutputIntents")) ? "pod" : "screen";
  const bleed = (width - geometry.width) / 2;
  const print = [profiles.offset, profiles.pod].map((profile) => ({ profile, off: Math.abs(points(profile.bleedWhenDesignBleeds) - bleed) }));
  return print.sort((a, b) => a.off - b.off)[0]!.profile.name;
}

export async function preflight(file: string, input: PreflightInput): Promise<PreflightResult> {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  if (isCoverFile(file)) {
    const checks = await preflightCover(file, doc, input.manifest, input.profile ? profiles[input.profile] : coverProfileOf(doc));
    return { profile: "cover", pageCount: doc.getPageCount(), checks, ok: checks.every((check) => !check.problems.length) };
  }
  const geometry = trimGeometry(input.manifest.trim);
  const profile = profiles[input.profile ?? profileOf(doc, geometry)];
  const pages = await pdfTextPages(file);
  const checks: PreflightCheck[] = [
    await checkFonts(file),
    checkBoxes(doc, profile, geometry),
    await checkMarks(file, doc, profile),
    checkPageCount(pages, profile),
    checkBlankPages(pages, profile),
    checkOutputIntent(doc, profile),
    checkColour(doc, profile),
    checkBookmarks(doc, profile, input.outline),
    checkLinks(doc, profile, input.outline),
    checkMetadata(doc, input.manifest),
    checkSoftHyphens(pages),
    checkText(pages, input.tree, profile, geometry),
    checkMakeUp(pages, input.tree, profile, geometry, input.manifest.makeUp),
    // Ghostscript's PDF/X (the pod profile) drops the structure tree: the counts hold Chromium's tagged files.
    profile.name === "pod"
      ? { name: "accessibility" as const, problems: [], summary: "not counted: Ghostscript's PDF/X drops the structure tree, so this file is a print interior for the printer, not for screen readers (they have the screen PDF and the EPUB)" }
      : { name: "accessibility" as const, ...accessibilitySection(doc, input.manifest) },
  ];
  return { profile: profile.name, pageCount: doc.getPageCount(), checks, ok: checks.every((check) => !check.problems.length) };
}

export function formatPreflight(file: string, result: PreflightResult): string {
  const lines = [`${file}: ${result.profile} profile, ${result.pageCount} pages`];
  for (const check of result.checks) {
    if (!check.problems.length) lines.push(`  ✓ ${check.name}: ${check.summary}`);
    else lines.push(`  ✗ ${check.name}:`, ...check.problems.map((problem) => `      ${problem}`));
    lines.push(...(check.warnings ?? []).map((warning) => `      ⚠ ${warning}`));
  }
  lines.push(result.ok ? "preflight passed" : "preflight FAILED");
  return lines.join("\n");
}
