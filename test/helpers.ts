// Small helpers shared by the tests: run a command, read a PDF page's text,
// write a throwaway sources folder.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export const run = promisify(execFile);

export async function pdfPageText(pdf: string, page: number): Promise<string> {
  const { stdout } = await run("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"]);
  return stdout;
}

/** The folio: the last non-empty line of a page's text, or "" when the page has none. */
export function folioOf(pageText: string): string {
  const lines = pageText.split("\n").map((line) => line.trim()).filter(Boolean);
  const last = lines.at(-1) ?? "";
  return /^([0-9]+|[ivxlc]+)$/.test(last) ? last : "";
}

/** A sources folder in a temporary place, with the given manifest text and text files. */
export async function sourcesFixture(manifest: string, texts: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "edition-sources-"));
  await writeFile(path.join(dir, "edition.yaml"), manifest);
  for (const [name, content] of Object.entries(texts)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

/** The print HTML without its soft hyphens (the print tree is hyphenated for Paged.js: “sec\u00ADond”). */
export function unhyphenated(html: string): string {
  return html.replaceAll("\u00AD", "");
}

export async function readPrintHtml(file: string): Promise<string> {
  return unhyphenated(await readFile(file, "utf8"));
}
