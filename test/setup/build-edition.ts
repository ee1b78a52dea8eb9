// Builds the full edition from sources/ once, in process, into a temporary
// folder, and hands the folder to the tests that inspect the EPUB and the PDF
// (provide/inject). The edition and slow projects both name this file; the
// build is kept on globalThis of vitest's main process, so it runs once per
// `vitest run` however many projects ask for it.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { build } from "../../src/build.js";
import type { PageStart } from "../../src/render/pdf.js";

export interface BuiltEdition {
  manifestPath: string;
  outDir: string;
  epub: string;
  html: string;
  /** The print profile (bleed, marks, padded to a multiple of 4). */
  pdf: string;
  /** The screen profile. */
  screenPdf: string;
  pageCount: number;
  printPageCount: number;
  pageStarts: PageStart[];
  anchorPages: Record<string, number>;
}

declare module "vitest" {
  export interface ProvidedContext {
    edition: BuiltEdition;
  }
}

const manifestPath = "sources/edition.yaml";
const shared = globalThis as { editionBuild?: Promise<BuiltEdition> };

async function buildOnce(): Promise<BuiltEdition> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "edition-test-"));
  const result = await build({ manifestPath, outDir, pdf: true });
  return {
    manifestPath,
    outDir,
    epub: result.outputs.epub,
    html: result.outputs.html,
    pdf: result.outputs.pdf!,
    screenPdf: result.outputs.screenPdf!,
    pageCount: result.pageCount!,
    pageStarts: result.pageStarts!,
    anchorPages: result.anchorPages!,
    printPageCount: result.printPageCount!,
  };
}

export default async function setup(project: TestProject) {
  project.provide("edition", await (shared.editionBuild ??= buildOnce()));
}
