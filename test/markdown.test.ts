// The Markdown reader (src/ingest/markdown-parser.ts), front matter as
// metadata (src/manifest/text-metadata.ts), footnotes as notes
// (src/restore/markdown-notes.ts) and the stages a Markdown text skips, on
// the small fixtures in test/fixtures/markdown/ (their README says what each
// holds and where) and on the Dawsey article of the development corpus.
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { mkdtemp } from "node:fs/promises";
import type { Element, Root as HastRoot } from "hast";
import { select, selectAll } from "hast-util-select";
import { toString as hastText } from "hast-util-to-string";
import JSZip from "jszip";
import type { FootnoteDefinition, Root, Text } from "mdast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { pointIn } from "../src/ingest/raw-position.js";
import { loadEdition, type LoadedCorrection } from "../src/manifest/load-edition.js";
import { processText, textProcessor } from "../src/pipeline.js";
import { validManifest } from "./fixtures/manifests.js";
import { cli, sourcesFixture } from "./helpers.js";

const fixture = (name: string) => readFile(path.join("test/fixtures/markdown", name), "utf8");
const dawseyPath = "test/fixtures/corpus/dawsey-2018-to-topple-the-stalinist-bureaucracy.md";

async function restore(name: string, corrections: LoadedCorrection[] = []) {
  const raw = await fixture(name);
  const file = new VFile({ path: name, value: raw });
  file.data.textId = "fx";
  const manifest = { texts: [{ id: "fx", title: "The Sample Article" }] } as never;
  const { mdast, hast } = await processText(file, textProcessor({ corrections, boilerplate: { sites: [] }, manifest }, "markdown"));
  return { raw, file, mdast, hast };
}

const places = (file: VFile, ruleId: string) => file.messages.filter((message) => message.ruleId === ruleId).map((message) => `${message.line}:${message.column}`);

/** A manifest whose second text is a Markdown file; `entry` replaces its author/title lines. */
const markdownManifest = (entry: string) =>
  validManifest.replace("    file: texts/second.txt\n    author: Bob Writer\n    title: The second text\n", `    file: texts/second.md\n${entry}`);

describe("the Markdown reader", () => {
  it("states structure as Markdown wrote it: sections, block quotation, list and paragraphs are kept, the repeated title goes", async () => {
    const { mdast, file } = await restore("article.md");
    const kinds = mdast.children.map((node) => (node.type === "heading" ? `h${node.depth}` : node.type));
    // Read from article.md: heading line 10 repeats the title; 2 paragraphs, `##`, `>`, a paragraph ending with a colon, a quoted paragraph, a list.
    expect(kinds).toEqual(["paragraph", "paragraph", "h2", "blockquote", "paragraph", "paragraph", "list"]);
    expect(toString(mdast.children[1]!)).toBe("A short line");
    expect(places(file, "structure-title")).toEqual(["10:1"]);
    // The soft line breaks stay inside one paragraph, and the block quotation holds one paragraph.
    expect(toString(mdast.children[0]!)).toMatch(/^A first paragraph.*Trotksy wrote it\.$/s);
    expect((mdast.children[3] as { children: unknown[] }).children).toHaveLength(1);
  });

  it("would have lost that structure to the plain-text stages: read as plain text, the short line is a heading and the quoted paragraph a quotation", async () => {
    const file = new VFile({ path: "article.txt", value: await fixture("article.md") });
    const { mdast } = await processText(file, textProcessor({ corrections: [], boilerplate: { sites: [] } }, "text"));
    const headings = mdast.children.filter((node) => node.type === "heading").map((node) => toString(node));
    expect(headings).toContain("A short line");
    const quotes = mdast.children.filter((node) => node.type === "blockquote").map((node) => toString(node));
    expect(quotes.some((quote) => quote.startsWith("“A whole paragraph"))).toBe(true);
  });

  it("sets emphasis, Pandoc superscript and subscript, dashes and quotes in the house style", async () => {
    const { hast } = await restore("article.md");
    const first = select("p", hast as HastRoot)!;
    expect(selectAll("em", first).map(hastText)).toEqual(["emphasis"]);
    expect(selectAll("sup", first).map(hastText)).toEqual(["th"]);
    expect(selectAll("sub", first).map(hastText)).toEqual(["2"]);
    const text = hastText(first);
    expect(text).toContain("“straight quotes” and the writer’s apostrophe");
    expect(text).toContain("1917–23"); // `--` is an en dash; between numbers it stays unspaced
    expect(text).toContain("an aside – like this – and an em dash"); // `---` is an em dash, set as the house's spaced en dash
    expect(text).not.toMatch(/[*^~]|--/);
  });

  it("keeps raw places after a correction: a word after the corrected one is placed on its raw column", async () => {
    const correction: LoadedCorrection = { text: "fx", wrong: "Trotksy", right: "Trotsky", reason: "slip", count: 1, place: { line: 1, column: 1 } };
    const { mdast, file, raw } = await restore("article.md", [correction]);
    let found: { node: Text; index: number } | undefined;
    visit(mdast, "text", (node) => {
      const index = node.value.indexOf("Trotsky wrote");
      if (index !== -1) found = { node, index };
    });
    expect(found).toBeDefined();
    // `wrote` stands at line 14, column 63 of the raw file (55 + `Trotksy `).
    const wrote = pointIn(file, found!.node, found!.index + "Trotsky ".length)!;
    expect(`${wrote.line}:${wrote.column}`).toBe("14:63");
    expect(raw.split("\n")[13]!.slice(62, 67)).toBe("wrote");
    expect(file.data.corrections?.map((applied) => applied.count)).toEqual([1]);
    // Inside a block quotation, a line's `> ` is skipped: `It runs` is at line 21, column 3 (read from article.md).
    let quoted: { node: Text; index: number } | undefined;
    visit(mdast, "text", (node) => {
      if (node.value.includes("It runs")) quoted = { node, index: node.value.indexOf("It runs") };
    });
    const runs = pointIn(file, quoted!.node, quoted!.index)!;
    expect(`${runs.line}:${runs.column}`).toBe("21:3");
  });

  it("reports front-matter keys it does not use at their line, and never prints them", async () => {
    const { file, hast } = await restore("article.md");
    expect(places(file, "markdown-front-matter-unused")).toEqual(["6:1", "7:1"]);
    expect(hastText(hast as HastRoot)).not.toMatch(/thumbnail|sample\.jpg|slug/);
  });
});

describe("Markdown footnotes", () => {
  it("become linked notes: a note called twice has two calls, a missing definition and an uncalled note are reported at their lines", async () => {
    const { mdast, file, hast } = await restore("notes.md");
    const section = mdast.children.at(-1)!;
    expect(section.type).toBe("noteSection");
    const notes = (section as unknown as { children: FootnoteDefinition[] }).children;
    expect(notes.map((note) => note.data?.noteId)).toEqual(["fx-note-1", "fx-note-2", "fx-note-3"]);
    expect(notes.map((note) => note.data?.callIds)).toEqual([["fx-noteref-1", "fx-noteref-1-2"], ["fx-noteref-2"], []]);
    expect(places(file, "notes-call-without-note")).toEqual(["3:78"]);
    expect(places(file, "notes-note-without-call")).toEqual(["9:1"]);
    expect(places(file, "notes-repeated-call")).toEqual(["1:59"]);
    expect(file.data.notes).toMatchObject({ linked: 2, withoutCall: ["3"], callsWithoutNote: ["9"], convention: "footnotes" });
    // In hast: every call links to its note, and the note's back link to its first call.
    const calls = selectAll("a[role=doc-noteref]", hast as HastRoot);
    expect(calls.map((call) => `${call.properties.id}>${call.properties.href}`)).toEqual(["fx-noteref-1>#fx-note-1", "fx-noteref-1-2>#fx-note-1", "fx-noteref-2>#fx-note-2"]);
    expect(select("li#fx-note-1 a[role=doc-backlink]", hast as HastRoot)?.properties.href).toBe("#fx-noteref-1");
  });
});

describe("the Markdown reader on awkward input", () => {
  it("places messages on raw lines of a CRLF file as of an LF one", async () => {
    const raw = (await fixture("notes.md")).replace(/\n/g, "\r\n");
    const file = new VFile({ path: "notes.md", value: raw });
    file.data.textId = "fx";
    await processText(file, textProcessor({ corrections: [], boilerplate: { sites: [] } }, "markdown"));
    expect(places(file, "notes-call-without-note")).toEqual(["3:78"]);
    expect(places(file, "notes-note-without-call")).toEqual(["9:1"]);
  });

  it("cuts a line that nests block quotations past 32 levels, with a warning at its line", async () => {
    const file = new VFile({ path: "deep.md", value: `A paragraph.\n\n${">".repeat(40)} deep\n` });
    const { mdast } = await processText(file, textProcessor({ corrections: [], boilerplate: { sites: [] } }, "markdown"));
    expect(places(file, "markdown-nesting")).toEqual(["3:33"]);
    let depth = 0;
    visit(mdast, "blockquote", () => {
      depth++;
    });
    expect(depth).toBe(32);
    expect(toString(mdast)).toContain("deep");
  });
});

describe("front matter as the text's metadata", () => {
  it("fills in title, subtitle, authors and date where the manifest is silent; the manifest's values win", async () => {
    const dir = await sourcesFixture(markdownManifest("    title: The manifest's title\n"), { "texts/first.txt": "A text.\n", "texts/second.md": await fixture("article.md") });
    const edition = await loadEdition(path.join(dir, "edition.yaml"));
    const entry = edition.manifest.texts[1]!;
    expect(entry).toMatchObject({ title: "The manifest's title", author: "Ann Writer and Bo Reader", subtitle: "Reading _The Revolution Betrayed_ again", date: "4 March 2019" });
    expect(edition.texts[1]!.data.format).toBe("markdown");
    expect(edition.texts[0]!.data.format).toBe("text");
  });

  it("reads the title's inline Markdown as plain text", async () => {
    const dir = await sourcesFixture(markdownManifest(""), { "texts/first.txt": "A text.\n", "texts/second.md": await fixture("article.md") });
    const edition = await loadEdition(path.join(dir, "edition.yaml"));
    expect(edition.manifest.texts[1]!.title).toBe("The Sample Article");
  });

  it("is an error at the manifest's entry when neither gives a title", async () => {
    const dir = await sourcesFixture(markdownManifest("    author: Bob Writer\n"), { "texts/first.txt": "A text.\n", "texts/second.md": "No front matter here.\n" });
    const error = await loadEdition(path.join(dir, "edition.yaml")).then(
      () => undefined,
      (reason: VFileMessage) => reason,
    );
    expect(error?.reason).toMatch(/text `second` has no title/);
    // The second entry starts on line 23 of the fixture manifest (`  - id: second`, counted by hand), its keys at column 5.
    expect(`${error?.line}:${error?.column}`).toBe("23:5");
  });

  it("follows `format:` over the file's name", async () => {
    const manifest = markdownManifest("    author: Bob Writer\n    title: Plain\n    format: text\n");
    const dir = await sourcesFixture(manifest, { "texts/first.txt": "A text.\n", "texts/second.md": "*not emphasis*\n" });
    const edition = await loadEdition(path.join(dir, "edition.yaml"));
    expect(edition.texts[1]!.data.format).toBe("text");
  });
});

describe("the Dawsey article (development corpus) as its own edition", () => {
  it("links its 24 notes both ways, takes its metadata from the front matter and prints no front-matter key, `*` or `^`", async () => {
    const readings = parseYaml(await readFile("test/fixtures/readings/corpus.yaml", "utf8")) as { dawseyNotes: number };
    const manifest = (await readFile("test/fixtures/corpus/edition.yaml", "utf8")).replace(/texts:[\s\S]*$/, "");
    const entry = `texts:\n  - id: dawsey\n    file: dawsey.md\n    kind: article\n    publication: Platypus Review 112\n    source:\n      site: Platypus Review\n`;
    const dir = await sourcesFixture(manifest + entry, { "dawsey.md": await readFile(dawseyPath) });
    const out = await mkdtemp(path.join(os.tmpdir(), "markdown-dawsey-"));
    const result = await cli(["build", "--no-pdf", "--manifest", path.join(dir, "edition.yaml"), "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(path.join(out, "dev-corpus.epub")));
    const xhtml = await zip.file(/text-dawsey\.xhtml$/)[0]!.async("string");
    const copyright = await zip.file(/copyright\.xhtml$/)[0]!.async("string");
    const calls = [...xhtml.matchAll(/<a id="(dawsey-noteref-[^"]+)" href="#(dawsey-note-\d+)"/g)];
    const notes = [...xhtml.matchAll(/<li id="(dawsey-note-\d+)"[^>]*><p><a href="#(dawsey-noteref-[^"]+)"/g)];
    expect(calls).toHaveLength(readings.dawseyNotes);
    expect(notes).toHaveLength(readings.dawseyNotes);
    // Both ways: every note's back link names a call that links to that very note.
    const callTarget = new Map(calls.map((call) => [call[1], call[2]]));
    for (const [, noteId, back] of notes) expect(callTarget.get(back!)).toBe(noteId);
    expect(xhtml).toContain('<h1 id="text-dawsey-title" class="text-title">To topple the Stalinist bureaucracy</h1>');
    expect(xhtml).toMatch(/class="text-subtitle"[^>]*>Reconsidering Leon Trotsky&#x2019;s <em>The Revolution Betrayed<\/em><\/p>/);
    expect(xhtml).toContain('<p class="text-author">Jason Dawsey</p>');
    expect(copyright).toContain("Platypus Review 112, 2 December 2018");
    const words = xhtml.replace(/<[^>]+>/g, "");
    expect(words).not.toMatch(/[*^]/);
    for (const key of ["aliases", "thumbnail", "excerpt", "issuedate", "article-type", "patenaude-trotsky.jpg"]) expect(xhtml).not.toContain(key);
  }, 120_000);
});
