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
    edition: { outDir: string; epub: string; html: string; pdf: string; pageCount: number; pageStarts: PageStart[] };
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
    pageCount: result.pageCount!,
    pageStarts: result.pageStarts!,
  });
}
