// A long text in the EPUB: a division whose XHTML would pass the size limit
// is split into several files, at its section headings first and between
// paragraphs where a section alone is too big. On a generated fixture
// edition of about 1 MB (headings, one section far over the limit, note calls
// in every section and the notes at the text's end, dated events for the
// chronology): no file over the limit, every link resolves across the files,
// notes both ways, and the files in spine order read as the unsplit text.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildEdition, type Edition } from "../src/pipeline.js";
import { renderEpub } from "../src/render/epub.js";
import { checkEpub } from "../src/render/epub-check.js";
import { defaultMaxFileBytes } from "../src/render/split-division.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { type EpubFiles, bodyText, epubFiles, generatedParagraph, idsOf, sourcesFixture } from "./helpers.js";

const words = ["comrades", "argued", "over", "the", "question", "of", "party", "democracy", "while", "factory", "committees", "met", "again", "in", "winter", "and", "spring", "with", "new", "demands"];

const paragraph = (section: number, index: number) => generatedParagraph(words, "section", section, index);

const headings = ["The First Congress", "Debates in the Winter", "The Long Middle Years", "A Turn in the Spring", "After the Split", "The Last Conference"];

/** About 1 MB: six sections; the third (about 420 KB) is far over the limit alone. */
function longText(): { text: string; notes: number } {
  const lines: string[] = ["An opening paragraph before the first heading, as many texts have."];
  let notes = 0;
  headings.forEach((heading, section) => {
    lines.push(heading);
    const count = section === 2 ? 700 : 160;
    for (let index = 0; index < count; index++) {
      let text = paragraph(section, index);
      if (index % 80 === 5) text += `[${++notes}]`;
      if (index === 9) text += ` On 7 November ${1917 + section} the committee met again.`;
      lines.push(text);
    }
  });
  lines.push("Notes");
  for (let note = 1; note <= notes; note++) lines.push(`${note}. Leon Trotsky, My Life (New York: Scribner, 1930), p. ${note + 10}.`);
  return { text: `${lines.join("\n\n")}\n`, notes };
}

type Files = EpubFiles;

describe("a division over the size limit, split into several EPUB files", () => {
  let edition: Edition;
  let split: Files;
  let whole: Files;
  let epub: Buffer;
  let notes: number;

  beforeAll(async () => {
    const long = longText();
    notes = long.notes;
    expect(long.text.length).toBeGreaterThan(900_000);
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "texts/first.txt": long.text });
    edition = await buildEdition(path.join(sources, "edition.yaml"));
    epub = await renderEpub(edition.manifest, edition.book, { cover: null });
    split = await epubFiles(epub);
    whole = await epubFiles(await renderEpub(edition.manifest, edition.book, { cover: null, maxFileBytes: Number.POSITIVE_INFINITY }));
  });

  it("writes no XHTML file over the limit, and the long text as several files", () => {
    for (const [name, xhtml] of split.xhtml) expect(Buffer.byteLength(xhtml), name).toBeLessThanOrEqual(defaultMaxFileBytes);
    const textFiles = split.spine.filter((file) => file.startsWith("text-first"));
    expect(textFiles.length).toBeGreaterThanOrEqual(4);
    // Unsplit, the same text is one file far over the limit.
    expect(whole.spine.filter((file) => file.startsWith("text-first"))).toEqual(["text-first.xhtml"]);
    expect(Buffer.byteLength(whole.xhtml.get("text-first.xhtml")!)).toBeGreaterThan(3 * defaultMaxFileBytes);
  });

  it("cuts at the section headings where a section fits, and between paragraphs inside the one that does not", () => {
    const textFiles = split.spine.filter((file) => file.startsWith("text-first"));
    const firstBlock = (file: string) => /<section[^>]*>\s*(?:<span[^>]*doc-pagebreak[^>]*><\/span>)?<(\w+)/.exec(split.xhtml.get(file)!.slice(split.xhtml.get(file)!.indexOf("<body")))?.[1];
    const starts = textFiles.slice(1).map(firstBlock);
    expect(starts.filter((tag) => tag === "h2").length).toBeGreaterThanOrEqual(3);
    expect(starts).toContain("p");
    // The third section's heading and paragraphs run over at least two files.
    const third = textFiles.filter((file) => split.xhtml.get(file)!.includes("(section 3,"));
    expect(third.length).toBeGreaterThanOrEqual(2);
  });

  it("points every in-book link at a file and an id that exist", () => {
    let links = 0;
    for (const [name, xhtml] of split.xhtml) {
      for (const [, href] of xhtml.matchAll(/\shref="([^"]+)"/g)) {
        if (/^[a-z]+:/.test(href!) || href!.endsWith(".css")) continue;
        const [file, id] = href!.split("#");
        const target = file ? file : name;
        expect(split.xhtml.has(target), `${name}: ${href}`).toBe(true);
        if (id) expect(idsOf(split.xhtml.get(target)!).has(id), `${name}: ${href}`).toBe(true);
        links++;
      }
    }
    expect(links).toBeGreaterThan(50);
  });

  it("links every note call to its note and back, across the files", () => {
    const calls: { file: string; id: string; href: string }[] = [];
    for (const [file, xhtml] of split.xhtml) {
      for (const match of xhtml.matchAll(/<a [^>]*>/g)) {
        if (!/doc-noteref/.test(match[0])) continue;
        calls.push({ file, id: /\sid="([^"]+)"/.exec(match[0])![1]!, href: /\shref="([^"]+)"/.exec(match[0])![1]! });
      }
    }
    expect(calls).toHaveLength(notes);
    let crossing = 0;
    for (const call of calls) {
      const [noteFile, noteId] = call.href.includes(".xhtml#") ? call.href.split("#") : [call.file, call.href.slice(1)];
      const noteXhtml = split.xhtml.get(noteFile!)!;
      expect(idsOf(noteXhtml).has(noteId!), call.href).toBe(true);
      // The note's back link returns to the call's file and id.
      const note = noteXhtml.slice(noteXhtml.indexOf(`id="${noteId}"`));
      const back = /<a [^>]*doc-backlink[^>]*>/.exec(note)![0];
      const backHref = /\shref="([^"]+)"/.exec(back)![1]!;
      expect(backHref).toBe(noteFile === call.file ? `#${call.id}` : `${call.file}#${call.id}`);
      if (noteFile !== call.file) crossing++;
    }
    expect(crossing).toBeGreaterThan(0);
  });

  it("lists the division once in the contents, with each section heading pointing into its file", () => {
    const nav = split.xhtml.get("toc.xhtml")!;
    for (const heading of headings) expect(nav).toMatch(new RegExp(`href="(text-first[^"#]*\\.xhtml)#[^"]+">${heading}</a>`));
    expect(nav.match(/href="text-first\.xhtml"/g) ?? nav.match(/href="text-first\.xhtml#text-first"/g)).toHaveLength(1);
    expect(nav).not.toMatch(/href="text-first-part-\d+\.xhtml"/);
  });

  it("keeps the text in order: the split files in spine order read as the unsplit file", () => {
    const textOf = (files: Files) => files.spine.map((file) => bodyText(files.xhtml.get(file)!)).join(" ");
    expect(textOf(split)).toBe(textOf(whole));
  });

  it("passes EPUBCheck", async () => {
    expect((await checkEpub(epub)).errors).toEqual([]);
  });
});
