// PDF/X through Ghostscript (Debian's `gs`, 10.0 here): every colour to
// DeviceGray, so black text is K only on the press, and an output intent with
// a CMYK printer profile that ships with Ghostscript. Ghostscript 10.0 writes
// PDF/X-3 only (no -dPDFX=4, no X-1a label); its new PDF interpreter (the
// default) turned apostrophes and dashes into wrong characters in the text
// layer, so the legacy one (-dNEWPDF=false) reads the file.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Manifest } from "../manifest/manifest-schema.js";
import { bookAuthors, fullTitle } from "../book/front-matter.js";

const run = promisify(execFile);

/** The output intent: Ghostscript's own CMYK printer (`prtr`) profile, a SWOP characterisation (CGATS TR 001). */
export const outputIntent = {
  profile: "/usr/share/color/icc/ghostscript/default_cmyk.icc",
  outputConditionIdentifier: "CGATS TR 001",
  outputCondition: "SWOP (Artifex CMYK SWOP Profile, shipped with Ghostscript)",
  registryName: "http://www.color.org",
} as const;

export class GhostscriptMissingError extends Error {
  constructor(cause: unknown) {
    super("Ghostscript (`gs`) was not found, so the PDF/X print file was not made.\nInstall it with: sudo apt-get install -y ghostscript", { cause });
    this.name = "GhostscriptMissingError";
  }
}

/** A PostScript string literal. */
const ps = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, (c) => (c.charCodeAt(0) < 256 ? `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}` : "?"))})`;
/** A PDF text string as a PostScript string: UTF-16BE with its byte-order mark, so any title survives. */
const pdfText = (text: string) => `<feff${[...text].map((c) => c.codePointAt(0)! > 0xffff ? Buffer.from(c, "utf16le").swap16().toString("hex") : c.charCodeAt(0).toString(16).padStart(4, "0")).join("")}>`;
const pdfDate = (day: string) => ps(`D:${day.replaceAll("-", "")}000000Z`);

/** The pdfmarks Ghostscript reads before the PDF: document info, language and the output intent. */
export function pdfxDefinitions(manifest: Manifest, version: string): string {
  return `%!PS
[ /GTS_PDFXVersion ${ps(version)}
  /Title ${pdfText(fullTitle(manifest))}
  /Author ${pdfText(bookAuthors(manifest).join(", "))}
  /Subject ${pdfText(manifest.description)}
  /Creator ${ps("edition pipeline (Paged.js)")}
  /CreationDate ${pdfDate(manifest.revised)}
  /ModDate ${pdfDate(manifest.revised)}
  /Trapped /False
/DOCINFO pdfmark
[ {Catalog} << /Lang ${ps(manifest.language)} >> /PUT pdfmark
[ /_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[ {icc_PDFX} << /N 4 >> /PUT pdfmark
[ {icc_PDFX} ${ps(outputIntent.profile)} (r) file /PUT pdfmark
[ /_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[ {OutputIntent_PDFX} <<
  /Type /OutputIntent /S /GTS_PDFX
  /OutputCondition ${ps(outputIntent.outputCondition)}
  /OutputConditionIdentifier ${ps(outputIntent.outputConditionIdentifier)}
  /RegistryName ${ps(outputIntent.registryName)}
  /Info ${ps(outputIntent.outputCondition)}
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[ {Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`;
}

/**
 * The PDF rewritten as PDF/X, its colour as DeviceGray (a black-and-white interior: one ink, K) or DeviceCMYK
 * (a colour cover). Throws if Ghostscript falls back to a plain PDF.
 */
export async function toPdfx(pdf: Uint8Array, manifest: Manifest, version: string, colour: "Gray" | "CMYK" = "Gray"): Promise<Uint8Array> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "edition-pdfx-"));
  try {
    const input = path.join(folder, "in.pdf");
    const output = path.join(folder, "out.pdf");
    const definitions = path.join(folder, "pdfx-def.ps");
    await writeFile(input, pdf);
    await writeFile(definitions, pdfxDefinitions(manifest, version));
    const args = [
      "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER",
      `--permit-file-read=${outputIntent.profile}`,
      "-sDEVICE=pdfwrite", "-dPDFX", "-dNEWPDF=false", "-dCompatibilityLevel=1.3",
      `-sColorConversionStrategy=${colour}`, `-sProcessColorModel=Device${colour}`,
      "-dAutoRotatePages=/None", "-dEmbedAllFonts=true",
      `-sOutputFile=${output}`, definitions, input,
    ];
    let stderr = "";
    try {
      ({ stderr } = await run("gs", args, { maxBuffer: 64 << 20 }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new GhostscriptMissingError(error);
      throw new Error(`Ghostscript could not write the PDF/X file: ${(error as { stderr?: string }).stderr || String(error)}`, { cause: error });
    }
    // Ghostscript does not fail when the input breaks a PDF/X rule: it says so and writes a plain PDF.
    if (/reverting to normal PDF output|not permitted in PDF\/X/.test(stderr)) throw new Error(`Ghostscript wrote no PDF/X: ${stderr.trim()}`);
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
