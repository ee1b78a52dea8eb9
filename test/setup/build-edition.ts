// Builds the full edition from sources/ once, into a temporary folder, and
// hands the folder to the tests that inspect the EPUB and the PDF.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { build } from "../../src/build.js";
import type { PageStart } from "../../src/render/pdf.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** `pdf` is the print profile (bleed, marks, padded to a multiple of 4), `screenPdf` the screen profile. */
    edition: { outDir: string; epub: string; html: string; pdf: string; screenPdf: string; pageCount: number; printPageCount: number; pageStarts: PageStart[]; anchorPages: Record<string, number> };
  }
}

export default async function setup(project: TestProject) {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "edition-test-"));
  const result = await build({ manifestPath: "sources/edition.yaml", outDir, pdf: true });
  project.provide("edition", {
    outDir,
    epub: result.outputs.epub,
    html: result.outputs.html,
    pdf: result.outputs.pdf!,
    screenPdf: result.outputs.screenPdf!,
    pageCount: result.pageCount!,
    pageStarts: result.pageStarts!,
    anchorPages: result.anchorPages!,
    printPageCount: result.printPageCount!,
  });
}
