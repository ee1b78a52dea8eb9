// The checks a profile's record asks for (src/render/print-profiles.ts):
// printer's marks present or absent, runs of blank pages, the page-count
// rule, the PDF/X output intent, K-only colour, and soft hyphens left inside
// a line of the text layer.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFStream, PDFString, PDFHexString, decodePDFRawStream, type PDFDocument } from "pdf-lib";
import type { PdfProfile } from "../render/print-profiles.js";
import type { PdfTextPage } from "./pdf-tools.js";

const run = promisify(execFile);

export interface ProfileCheck {
  name: "marks" | "blank pages" | "page count" | "output intent" | "colour" | "soft hyphens";
  problems: string[];
  summary: string;
}

const first = (problems: string[], count = 20) => problems.slice(0, count).concat(problems.length > count ? [`… and ${problems.length - count} more`] : []);

/** Pages Ghostscript's bbox device reads for marks (marks stand on every page; reading all would take as long as printing them). */
const markPages = 4;

/** Marks: something drawn outside the TrimBox (crop marks stand there) on the first pages, as Ghostscript's bbox device measures it. */
export async function checkMarks(file: string, doc: PDFDocument, profile: PdfProfile): Promise<ProfileCheck> {
  const pages = Math.min(markPages, doc.getPageCount());
  let stderr = "";
  try {
    ({ stderr } = await run("gs", ["-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=bbox", "-dFirstPage=1", `-dLastPage=${pages}`, file], { maxBuffer: 16 << 20 }));
  } catch (error) {
    return { name: "marks", problems: [`Ghostscript could not measure the pages: ${(error as Error).message}`], summary: "" };
  }
  const boxes = [...stderr.matchAll(/%%HiResBoundingBox: ([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+)/g)].map((match) => match.slice(1, 5).map(Number));
  const outside = boxes.map((drawn, index) => {
    const trim = doc.getPage(index).getTrimBox();
    const media = doc.getPage(index).getMediaBox();
    // bbox measures from the MediaBox's corner.
    const [x0, y0, x1, y1] = [trim.x - media.x, trim.y - media.y, trim.x - media.x + trim.width, trim.y - media.y + trim.height];
    return drawn[0]! < x0 - 1 || drawn[1]! < y0 - 1 || drawn[2]! > x1 + 1 || drawn[3]! > y1 + 1;
  });
  const marked = outside.filter(Boolean).length;
  const problems: string[] = [];
  if (profile.marks && marked < boxes.length) problems.push(`${boxes.length - marked} of the first ${boxes.length} pages have no marks outside the trim`);
  if (!profile.marks && marked) problems.push(`${marked} of the first ${boxes.length} pages have something drawn outside the trim (printer's marks?)`);
  return {
    name: "marks",
    problems,
    summary: profile.marks ? `crop marks outside the trim on the first ${boxes.length} pages` : `nothing drawn outside the trim on the first ${boxes.length} pages (Ghostscript bbox)`,
  };
}

/** Blank pages: no word on the page (the book has no images). */
export function checkBlankPages(pages: PdfTextPage[], profile: PdfProfile): ProfileCheck {
  const blank = pages.map((page) => !page.words.length);
  const runs: { start: number; length: number }[] = [];
  blank.forEach((isBlank, index) => {
    if (!isBlank) return;
    const last = runs.at(-1);
    if (last && last.start + last.length === index) last.length++;
    else runs.push({ start: index, length: 1 });
  });
  const end = runs.at(-1) && runs.at(-1)!.start + runs.at(-1)!.length === pages.length ? runs.at(-1)! : undefined;
  const inside = runs.filter((run) => run !== end);
  const longest = Math.max(0, ...inside.map((run) => run.length));
  const problems: string[] = [];
  if (profile.maxBlankRun) {
    for (const run of inside.filter((run) => run.length > profile.maxBlankRun!.inside)) problems.push(`${run.length} blank pages in a row from page ${run.start + 1} (at most ${profile.maxBlankRun.inside})`);
    if (end && end.length > profile.maxBlankRun.end) problems.push(`${end.length} blank pages at the end (at most ${profile.maxBlankRun.end})`);
  }
  return {
    name: "blank pages",
    problems,
    summary: `${blank.filter(Boolean).length} blank pages; longest run inside the book ${longest}, at the end ${end?.length ?? 0}${profile.maxBlankRun ? ` (at most ${profile.maxBlankRun.inside} and ${profile.maxBlankRun.end})` : ""}`,
  };
}

export function checkPageCount(pages: PdfTextPage[], profile: PdfProfile): ProfileCheck {
  const problems: string[] = [];
  if (pages.length % profile.pageMultiple) problems.push(`${pages.length} pages: not a multiple of ${profile.pageMultiple}`);
  if (profile.lastPageBlank && pages.at(-1)?.words.length) problems.push("the last page is not blank (the printer prints its code there)");
  return { name: "page count", problems, summary: `${pages.length} pages, a multiple of ${profile.pageMultiple}${profile.lastPageBlank ? ", the last one blank" : ""}` };
}

const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);

/** PDF/X: the version in the document information, an output intent with its printer profile, Trapped set, a TrimBox on every page. */
export function checkOutputIntent(doc: PDFDocument, profile: PdfProfile): ProfileCheck {
  const intents = doc.catalog.lookupMaybe(PDFName.of("OutputIntents"), PDFArray);
  const pdfx = intents?.asArray().map((ref) => doc.context.lookup(ref, PDFDict)).find((intent) => intent.get(PDFName.of("S")) === PDFName.of("GTS_PDFX"));
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const version = text(info?.lookup(PDFName.of("GTS_PDFXVersion")));
  const condition = text(pdfx?.lookup(PDFName.of("OutputConditionIdentifier")));
  const destination = pdfx?.lookup(PDFName.of("DestOutputProfile"));
  const problems: string[] = [];
  if (profile.pdfx) {
    if (version !== profile.pdfx.version) problems.push(`GTS_PDFXVersion is ${version ?? "not set"}, should be ${profile.pdfx.version}`);
    if (!pdfx) problems.push("no GTS_PDFX output intent");
    else if (!(destination instanceof PDFStream)) problems.push("the output intent has no printer profile (DestOutputProfile)");
    if (info?.get(PDFName.of("Trapped")) === undefined) problems.push("Trapped is not set");
    const noTrim = doc.getPages().filter((page) => !page.node.get(PDFName.of("TrimBox"))).length;
    if (noTrim) problems.push(`${noTrim} pages without a TrimBox`);
  } else if (version || pdfx) problems.push(`a PDF/X file (${version ?? "output intent"}) where the profile wants none`);
  return {
    name: "output intent",
    problems,
    summary: profile.pdfx ? `${version}, output intent ${condition} with its ICC printer profile, Trapped and TrimBox set` : "not PDF/X, as the profile wants",
  };
}

/** The colour operators of every content stream (pages and forms): K-only means DeviceGray, or CMYK with no C, M or Y. */
export function checkColour(doc: PDFDocument, profile: PdfProfile): ProfileCheck {
  const counts = { gray: 0, rgb: 0, rgbColour: 0, cmykK: 0, cmykColour: 0, other: 0 };
  const number = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)`;
  const operators = new RegExp(String.raw`(?:(${number})\s+(${number})\s+(${number})\s+(${number})\s+(k|K)|(${number})\s+(${number})\s+(${number})\s+(rg|RG)|(${number})\s+(g|G)|/(\w+)\s+(cs|CS))(?![\w])`, "g");
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const subtype = object.dict.get(PDFName.of("Subtype"));
    // Page content streams have no Subtype; forms are /Form; fonts, images and profiles are skipped.
    if ((subtype && subtype !== PDFName.of("Form")) || object.dict.has(PDFName.of("Length1")) || object.dict.has(PDFName.of("N"))) continue;
    let content: string;
    try {
      content = Buffer.from(decodePDFRawStream(object).decode()).toString("latin1");
    } catch {
      continue;
    }
    if (/begincmap/.test(content)) continue;
    for (const match of content.matchAll(operators)) {
      if (match[5]) {
        const [c, m, y] = [match[1], match[2], match[3]].map(Number);
        if (c || m || y) counts.cmykColour++;
        else counts.cmykK++;
      } else if (match[9]) {
        counts.rgb++;
        // Black, white or a grey has three equal components; anything else is colour (a link left in the browser's blue).
        if (new Set([match[6], match[7], match[8]].map(Number)).size > 1) counts.rgbColour++;
      }
      else if (match[11]) counts.gray++;
      else if (match[12] && !/^(DeviceGray|CS0|G\d*)$/.test(match[12]!)) counts.other++;
    }
  }
  const problems: string[] = [];
  // The book is set in black: colour on its pages is a style left unset, whatever the printer.
  if (counts.rgbColour) problems.push(`${counts.rgbColour} RGB colour settings in colour (the book is set in black: a link's blue?)`);
  if (profile.textColour === "k-only") {
    if (counts.rgb) problems.push(`${counts.rgb} RGB colour settings (text black should be K only)`);
    if (counts.cmykColour) problems.push(`${counts.cmykColour} CMYK colour settings with cyan, magenta or yellow`);
  }
  const summary = `colour settings: ${counts.gray} grey (DeviceGray), ${counts.cmykK} CMYK K-only, ${counts.rgb} RGB (${counts.rgbColour} in colour), ${counts.cmykColour} CMYK with colour${counts.other ? `, ${counts.other} other colour spaces` : ""}`;
  return { name: "colour", problems, summary: profile.textColour === "k-only" ? `K only: ${summary}` : summary };
}

/** Soft hyphens in the text layer that do not end a line (a search for the word then fails). */
export function checkSoftHyphens(pages: PdfTextPage[]): ProfileCheck {
  const inside: string[] = [];
  let atLineEnd = 0;
  pages.forEach((page, index) => {
    page.words.forEach((word, at) => {
      const positions = [...word.text.matchAll(/\u00ad/g)].map((match) => match.index!);
      for (const position of positions) {
        // At a line end Chromium writes the soft hyphen and then the hyphen it draws (`centu\u00ad-`): only a line end has
        // that hyphen. (Poppler's lines follow its reading order, which may join a line end to a neighbouring column.)
        const rest = word.text.slice(position + 1);
        const endsLine = /^[-\u2010]$/.test(rest) || (rest === "" && page.words[at + 1]?.line !== word.line);
        if (endsLine) atLineEnd++;
        else inside.push(`page ${index + 1}: “${word.text.replace(/\u00ad/g, "·")}”`);
      }
    });
  });
  return {
    name: "soft hyphens",
    problems: inside.length ? [`${inside.length} soft hyphens inside lines of the text layer`, ...first(inside, 10)] : [],
    summary: `no soft hyphen inside a line of the text layer (${atLineEnd} at line ends)`,
  };
}
