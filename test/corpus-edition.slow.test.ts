// The development corpus built as its own edition by the command, as an editor
// adding texts of new kinds would (issue 13): the EPUB's files are read as a
// reader's device reads them. Expected figures are readings of the raw texts
// (test/fixtures/readings/corpus.yaml), not the program's output.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cli, epubFiles, run } from "./helpers.js";

const readings = parse(await readFile("test/fixtures/readings/corpus.yaml", "utf8")) as { schneiderNotes: number; dawseyNotes: number; morrisChapters: number };
const manifest = "test/fixtures/corpus/edition.yaml";
let out: string;
let epub: string;
let files: Map<string, string>;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), "corpus-edition-"));
  const result = await cli(["build", "--no-pdf", "-m", manifest, "--out", out]);
  expect(result.code, result.stderr).toBe(0);
  epub = path.join(out, "dev-corpus.epub");
  files = (await epubFiles(await readFile(epub))).xhtml;
});
afterAll(() => rm(out, { recursive: true, force: true }));

/** The XHTML files of one text, its opening file first. */
const textFiles = (id: string) => [...files].filter(([name]) => name === `text-${id}.xhtml` || name.startsWith(`text-${id}-`));
const visibleText = (xhtml: string) => xhtml.replace(/<[^>]+>/g, " ");

/** Notes whose call links to them and which link back to that call, across all of a text's files. */
function notesLinkedBothWays(id: string): number {
  const all = textFiles(id).map(([name, xhtml]) => ({ name, xhtml }));
  const where = new Map<string, string>();
  for (const { name, xhtml } of all) for (const match of xhtml.matchAll(/\sid="([^"]+)"/g)) where.set(match[1]!, name);
  let linked = 0;
  for (const { xhtml } of all) {
    for (const note of xhtml.matchAll(/<li id="([^"]+)" class="note">(.*?)<\/li>/gs)) {
      const back = /href="(?:([^"#]*))?#([^"]+)"[^>]*role="doc-backlink"/.exec(note[2]!);
      if (!back) continue;
      const callFile = where.get(back[2]!);
      const callXhtml = callFile && files.get(callFile);
      const call = callXhtml && new RegExp(`<a id="${back[2]}" href="(?:[^"#]*)#${note[1]}"[^>]*class="noteref"`).test(callXhtml);
      if (call) linked += 1;
    }
  }
  return linked;
}

describe("the development corpus as its own edition", () => {
  it("links every note of the `[n]` text and of the Markdown text both ways", () => {
    expect(notesLinkedBothWays("schneider")).toBe(readings.schneiderNotes);
    expect(notesLinkedBothWays("dawsey")).toBe(readings.dawseyNotes);
    for (const id of ["schneider", "dawsey"]) expect(visibleText(textFiles(id).map(([, xhtml]) => xhtml).join(""))).not.toMatch(/\[\^?\d+\]/);
  });

  it("prints no Gutenberg or front-matter furniture and no Markdown marks", () => {
    const morris = textFiles("morris").map(([, xhtml]) => visibleText(xhtml)).join("\n");
    expect(morris).not.toMatch(/Project Gutenberg|\*\*\*\s*(START|END) OF|^(Title|Author|Release Date|Language):/m);
    const dawsey = textFiles("dawsey").map(([, xhtml]) => visibleText(xhtml)).join("\n");
    expect(dawsey).not.toMatch(/aliases:|thumbnail:|excerpt:|\^th\^|\*The Revolution/);
    // Schneider's section-break marks (` **` ending lines 19, 39 and 47) go by the edition's boilerplate data.
    const schneider = textFiles("schneider").map(([, xhtml]) => visibleText(xhtml)).join("\n");
    expect(schneider).not.toContain("**");
    expect(schneider).not.toMatch(/Platypus Review 37 \| July 2011/);
  });

  it("gives the Gutenberg book one file per chapter, none over 300 KB", () => {
    const chapters = textFiles("morris").filter(([name]) => /-chapter-/.test(name));
    expect(chapters).toHaveLength(readings.morrisChapters);
    for (const [name, xhtml] of files) expect(Buffer.byteLength(xhtml), name).toBeLessThanOrEqual(300_000);
  });

  it("passes Debian's EPUBCheck with no error and no warning", async () => {
    const { stdout, stderr } = await run("java", ["-jar", "/usr/share/java/epubcheck.jar", epub]).catch((error) => error);
    expect(`${stdout}\n${stderr}`).toContain("Messages: 0 fatals / 0 errors / 0 warnings");
  });

  it("reports no error under `check --json`", async () => {
    const result = await cli(["check", "--json", "-m", manifest]);
    const messages = JSON.parse(result.stdout) as { severity: string }[];
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.filter((message) => message.severity === "error" || message.severity === "fatal")).toEqual([]);
    expect(result.code).toBe(0);
  });
});
