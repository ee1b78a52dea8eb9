import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { chromiumPath } from "../src/render/chromium.js";
import { epubStructure } from "./epub-in-chromium.js";
import { run } from "./helpers.js";

const { epub } = inject("edition");
const structure = await epubStructure(await readFile(epub));
const files = structure.map((file) => file.file);
const continuation = /-part-\d+\.xhtml$/;

interface AceReport {
  "earl:result": { "earl:outcome": string };
  assertions: { "earl:testSubject": { url: string }; assertions: { "earl:test": { "dct:title": string; "earl:impact": string } }[] }[];
  "a11y-metadata": { present: string[] };
}

/** Ace by DAISY (its Chromium runner, pointed at Debian's Chromium): the report as JSON. */
async function ace(file: string): Promise<AceReport> {
  const outdir = await mkdtemp(path.join(os.tmpdir(), "edition-ace-"));
  await run("node_modules/.bin/ace-puppeteer", ["--silent", "--force", "--outdir", outdir, file], {
    env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromiumPath() },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(await readFile(path.join(outdir, "report.json"), "utf8")) as AceReport;
}

describe("Ace by DAISY", () => {
  it("finds no accessibility issue in any file of the EPUB and sees its accessibility metadata", async () => {
    const report = await ace(epub);
    const issues = report.assertions.flatMap((subject) =>
      subject.assertions.map((assertion) => `${subject["earl:testSubject"].url}: ${assertion["earl:test"]["earl:impact"]} ${assertion["earl:test"]["dct:title"]}`),
    );
    expect(issues).toEqual([]);
    expect(report["earl:result"]["earl:outcome"]).toBe("pass");
    expect(report["a11y-metadata"].present).toEqual(
      expect.arrayContaining(["schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature", "schema:accessibilityHazard", "schema:accessibilitySummary"]),
    );
  });
});

/** epub:type values and the DPUB-ARIA role each must come with (elements that may carry a role). */
const pairs: Record<string, string> = {
  chapter: "doc-chapter",
  toc: "doc-toc",
  endnotes: "doc-endnotes",
  footnote: "doc-footnote",
  noteref: "doc-noteref",
  backlink: "doc-backlink",
  bibliography: "doc-bibliography",
  index: "doc-index",
  colophon: "doc-colophon",
  epigraph: "doc-epigraph",
  appendix: "doc-appendix",
  afterword: "doc-afterword",
  pagebreak: "doc-pagebreak",
};
const roleless = new Set(["li", "ol", "ul", "body", "html", "td", "tr"]);

describe("every XHTML file of the EPUB", () => {
  it("is checked: the cover, the front matter, the navigation document, the texts and the back matter", () => {
    expect(files).toContain("OEBPS/cover.xhtml");
    expect(files).toContain("OEBPS/toc.xhtml");
    expect(files).toContain("OEBPS/text-introduction.xhtml");
    expect(files).toContain("OEBPS/editorial-note.xhtml");
  });

  it("declares its language", () => {
    for (const file of structure) {
      expect([file.file, file.lang, file.xmlLang]).toEqual([file.file, "en", "en"]);
    }
  });

  it("has headings that start at h1 and never skip a level", () => {
    for (const file of structure) {
      // A continuation file of a split division (`<id>-part-N.xhtml`) goes on in the outline of its chapter, whose h1 is in the first part.
      let previous = continuation.test(file.file) ? 1 : 0;
      for (const level of file.headings) {
        expect(level, `${file.file}: h${level} after h${previous}`).toBeLessThanOrEqual(previous + 1);
        previous = level;
      }
    }
  });

  it("gives every epub:type that has a DPUB-ARIA role that role, and every such role its epub:type", () => {
    for (const file of structure) {
      for (const element of file.semantics.filter((candidate) => !candidate.landmark)) {
        const where = `${file.file} <${element.tag} id="${element.id}">`;
        for (const type of element.types) {
          if (pairs[type] && !roleless.has(element.tag)) expect(element.role, where).toBe(pairs[type]);
        }
        const type = Object.keys(pairs).find((key) => pairs[key] === element.role);
        if (type) expect(element.types, where).toContain(type);
      }
    }
  });

  it("marks each text as a chapter and the contents as a table of contents", () => {
    const chapterElements = (file: (typeof structure)[number]) => file.semantics.filter((element) => element.types.includes("chapter"));
    const chapters = structure.filter((file) => !continuation.test(file.file)).flatMap((file) => chapterElements(file).map((element) => element.id));
    expect(chapters).toEqual(["text-cliff", "text-introduction", "text-marot", "text-sherry", "text-simkin"]);
    // A continued chapter is still a chapter, named by its title.
    const continued = structure.filter((file) => continuation.test(file.file));
    expect(continued.map((file) => file.file).sort()).toEqual(["OEBPS/index-part-2.xhtml", "OEBPS/text-introduction-part-2.xhtml"]);
    const introduction = continued.find((file) => file.file === "OEBPS/text-introduction-part-2.xhtml")!;
    expect(chapterElements(introduction)).toEqual([expect.objectContaining({ role: "doc-chapter", label: expect.stringMatching(/^Trotsky: an introduction/) })]);
    // The index's continuation is still the index, and no chapter.
    const index = continued.find((file) => file.file === "OEBPS/index-part-2.xhtml")!;
    expect(chapterElements(index)).toEqual([]);
    expect(index.semantics.some((element) => element.types.includes("index"))).toBe(true);
    const nav = structure.find((file) => file.file === "OEBPS/toc.xhtml")!;
    expect(nav.semantics.find((element) => element.id === "toc")).toMatchObject({ tag: "nav", types: ["toc"], role: "doc-toc" });
    expect(nav.semantics.some((element) => element.types.includes("landmarks"))).toBe(true);
  });

  it("shows the cover image with a text alternative that says what it shows", () => {
    const cover = structure.find((file) => file.file === "OEBPS/cover.xhtml")!;
    expect(cover.semantics).toContainEqual(expect.objectContaining({ tag: "section", types: ["cover"] }));
    expect(cover.semantics).toContainEqual(expect.objectContaining({ tag: "img", role: "doc-cover" }));
  });
});
