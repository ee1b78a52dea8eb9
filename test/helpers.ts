// Small helpers shared by the tests: run a command, read a PDF's pages as text,
// write a throwaway sources folder.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import type { VFileMessage } from "vfile-message";
import { pdfTextPages } from "../src/preflight/pdf-tools.js";
import { inColumnOrder } from "../src/preflight/text-integrity.js";

export const run = promisify(execFile);

/** Every page's text (`pdftotext -layout`), read with one call and split on the form feed that ends each page. */
export async function pdfPages(pdf: string): Promise<string[]> {
  const { stdout } = await run("pdftotext", ["-layout", pdf, "-"], { maxBuffer: 256 * 1024 * 1024 });
  const pages = stdout.split("\f");
  // pdftotext ends every page, the last one too, with a form feed.
  if (pages.at(-1) === "") pages.pop();
  return pages;
}

/** Every page's text line by line in reading order, a page in two columns (the index) column by column (the preflight's reading). */
export async function pdfPagesInReadingOrder(pdf: string): Promise<string[]> {
  const pages = await pdfTextPages(pdf);
  return pages.map((page) => {
    const lines: string[][] = [];
    for (const word of inColumnOrder(page).words) (lines[word.line] ??= []).push(word.text);
    return lines.filter(Boolean).map((line) => line.join(" ")).join("\n");
  });
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

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `edition ARGS` in this process (src/cli.ts's `main`), with `env` set for the call; without the texts' cache on disk (a test's sources are new each time), unless `env` turns it on. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  env = { EDITION_NO_CACHE: "1", ...env };
  const { main } = await import("../src/cli.js");
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const stream = (into: string[]) => ({ isTTY: false, write: (text: string | Uint8Array) => into.push(String(text)) > 0 });
  try {
    const code = await main(args, { stdout: stream(stdout), stderr: stream(stderr) } as unknown as Parameters<typeof main>[1]);
    return { code, stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** `node bin/edition.js ARGS` as a new process: for the few smoke tests of the real command (on the sources, as every test; `EDITION_SOURCES=0` for dist/). */
export async function cliProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return run("node", [path.resolve("bin/edition.js"), ...args], { env: { ...process.env, EDITION_SOURCES: "1", EDITION_NO_CACHE: "1", ...env }, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** The fatal message a piece of work fails with; throws when it does not fail. */
export async function failure(work: Promise<unknown>): Promise<VFileMessage> {
  const error = await work.then(
    () => undefined,
    (reason: VFileMessage) => reason,
  );
  if (!error) throw new Error("it worked, but it should have failed");
  return error;
}

/** XHTML's character references and the five named entities, read back as characters. */
export function decodeEntities(xhtml: string): string {
  return xhtml
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** A generated paragraph of about 600 characters from `words`, different for each (part, index): long fixture texts without a real text's size. */
export function generatedParagraph(words: string[], label: string, part: number, index: number): string {
  const sentences: string[] = [];
  for (let sentence = 0; sentence < 6; sentence++) {
    const picked = Array.from({ length: 14 }, (_, at) => words[(part * 7 + index * 3 + sentence * 5 + at * 11) % words.length]!);
    sentences.push(`${picked.join(" ").replace(/^./, (first) => first.toUpperCase())} (${label} ${part + 1}, paragraph ${index + 1}).`);
  }
  return sentences.join(" ");
}

/** An EPUB's files as a reading system meets them: the spine's hrefs in order, every XHTML file by its name, the NCX. */
export interface EpubFiles {
  spine: string[];
  xhtml: Map<string, string>;
  ncx: string;
}

export async function epubFiles(epub: Buffer): Promise<EpubFiles> {
  const zip = await JSZip.loadAsync(epub);
  const opf = await zip.file("OEBPS/content.opf")!.async("string");
  const hrefOf = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((match) => [match[1]!, match[2]!]));
  const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((match) => hrefOf.get(match[1]!)!);
  const xhtml = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((name) => name.endsWith(".xhtml"))) xhtml.set(path.basename(name), await zip.file(name)!.async("string"));
  return { spine, xhtml, ncx: await zip.file("OEBPS/toc.ncx")!.async("string") };
}

/** The ids an XHTML file defines. */
export const idsOf = (xhtml: string) => new Set([...xhtml.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));

/** The text of an XHTML file's body, its tags made spaces and its spaces folded (entities left as they are). */
export const bodyText = (xhtml: string) =>
  xhtml
    .slice(xhtml.indexOf("<body"))
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
