// The editors' workflow: the per-text cache, `edition watch`, build/report.html,
// and the hard edges of bad input through the whole build.
import { chmod, cp, mkdtemp, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { buildEdition } from "../src/pipeline.js";
import { renderPrintHtml } from "../src/render/print-html.js";
import { formatReport } from "../src/report/report-messages.js";
import { reportHtml } from "../src/report/report-html.js";
import { terminalProgress } from "../src/report/progress.js";
import { BuildCache } from "../src/watch/build-cache.js";
import { TextCache } from "../src/watch/text-cache.js";
import { watch } from "../src/watch/watch.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { cli, readPrintHtml, sourcesFixture, unhyphenated } from "./helpers.js";

const tempDir = () => mkdtemp(path.join(os.tmpdir(), "edition-out-"));

/** A copy of the real sources/ folder, to be changed by a test. */
async function realSources(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "edition-sources-"));
  await cp("sources", dir, { recursive: true });
  return dir;
}

const correction = (text: string, wrong: string, right: string) => `- text: ${text}\n  wrong: ${wrong}\n  right: ${right}\n  reason: test\n`;

describe("the per-text cache", () => {
  it("re-processes only the text a new correction names, and gives the same book as a build without cache", async () => {
    const sources = await realSources();
    const manifest = path.join(sources, "edition.yaml");
    const cache = new TextCache();
    await buildEdition(manifest, { cache });
    expect(cache.processed).toEqual(["sherry", "marot", "cliff", "introduction", "simkin"]);

    // simkin line 5: "was born in Yanovka, Russia" (read with grep, once in the text); a one-word correction there.
    const corrections = await readFile(path.join(sources, "corrections.yaml"), "utf8");
    await writeFile(path.join(sources, "corrections.yaml"), corrections + correction("simkin", "Yanovka", "Yanovka (Bereslavka)"));
    cache.resetCounts();
    const cached = await buildEdition(manifest, { cache });
    expect(cache.processed).toEqual(["simkin"]);
    expect(cache.reused).toEqual(["sherry", "marot", "cliff", "introduction"]);

    const fresh = await buildEdition(manifest);
    const [cachedHtml, freshHtml] = await Promise.all([renderPrintHtml(cached.manifest, cached.book), renderPrintHtml(fresh.manifest, fresh.book)]);
    expect(unhyphenated(cachedHtml)).toContain("Yanovka (Bereslavka)");
    expect(cachedHtml).toBe(freshHtml);
    expect(formatReport(cached.files)).toBe(formatReport(fresh.files));
    // The corrections check still ties each applied correction to this build's entry.
    expect(cached.files.flatMap((file) => file.messages).filter((message) => message.fatal)).toEqual([]);
  });

  it("re-processes every text when the boilerplate rules change, and none when nothing changed", async () => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const manifest = path.join(sources, "edition.yaml");
    const cache = new TextCache();
    await buildEdition(manifest, { cache });
    cache.resetCounts();
    await buildEdition(manifest, { cache });
    expect(cache).toMatchObject({ processed: [], reused: ["first", "second"] });
    await writeFile(path.join(sources, "boilerplate.yaml"), "sites:\n  - site: Anywhere\n    recognise: ['^First text']\n    remove: ['^nothing like this$']\n");
    cache.resetCounts();
    await buildEdition(manifest, { cache });
    expect(cache).toMatchObject({ processed: ["first", "second"], reused: [] });
  });

  it("lays out the PDF again only when the print HTML changed", async () => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const out = await tempDir();
    const chromium = path.join(sources, "crashing-chromium.sh");
    await writeFile(chromium, "#!/bin/sh\nexit 3\n");
    await chmod(chromium, 0o755);
    const cache = new BuildCache();
    const options = { manifestPath: path.join(sources, "edition.yaml"), outDir: out, cache };
    await build({ ...options, pdf: false });
    // As if the last build had made the PDF from this print HTML.
    const pdf = path.join(out, "fixture-edition.pdf");
    await writeFile(pdf, "%PDF-1.7 stand-in");
    cache.pdfWritten(await readFile(path.join(out, "fixture-edition.html"), "utf8"), pdf, { pageCount: 1, printPageCount: 4, pageStarts: [], anchorPages: {} });
    const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
    process.env.PUPPETEER_EXECUTABLE_PATH = chromium;
    try {
      const lines: string[] = [];
      await build({ ...options, pdf: true, log: (line) => lines.push(line) });
      expect(lines).toContain(`${pdf} is up to date (the print HTML did not change)`);
      // A changed text changes the print HTML: Chromium is started (and here fails).
      await writeFile(path.join(sources, "texts/second.txt"), "A changed second text.\n");
      await expect(build({ ...options, pdf: true })).rejects.toThrow(/the PDF was not made/);
      expect(await readFile(pdf, "utf8")).toBe("%PDF-1.7 stand-in");
      // As `edition watch` builds: the EPUB is written before the layout starts, not after it.
      await writeFile(path.join(sources, "texts/second.txt"), "A second change.\n");
      const steps: string[] = [];
      await expect(build({ ...options, pdf: true, epubFirst: true, onStep: (step) => steps.push(step) })).rejects.toThrow(/the PDF was not made/);
      expect(steps.indexOf("rendering the EPUB")).toBeGreaterThan(-1);
      expect(steps.indexOf("rendering the EPUB")).toBeLessThan(steps.indexOf("laying out the PDF"));
      const zip = await JSZip.loadAsync(await readFile(path.join(out, "fixture-edition.epub")));
      expect(await zip.file("OEBPS/text-second.xhtml")!.async("string")).toContain("A second change.");
    } finally {
      if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
      else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
    }
  });

  it("keeps the PDF, and its page map for the EPUB, when the print HTML did not change", async () => {
    const cache = new BuildCache();
    const dir = await tempDir();
    const pdf = path.join(dir, "book.pdf");
    await writeFile(pdf, "%PDF-1.7 stand-in");
    expect(await cache.pdfIfCurrent("<p>a</p>", pdf)).toBeUndefined();
    cache.pdfWritten("<p>a</p>", pdf, { pageCount: 1, printPageCount: 4, pageStarts: [{ folio: "1", start: null }], anchorPages: {} });
    expect(await cache.pdfIfCurrent("<p>a</p>", pdf)).toEqual({ pageCount: 1, printPageCount: 4, pageStarts: [{ folio: "1", start: null }], anchorPages: {} });
    expect(await cache.pdfIfCurrent("<p>b</p>", pdf)).toBeUndefined();
    expect(await cache.pdfIfCurrent("<p>a</p>", path.join(dir, "other.pdf"))).toBeUndefined();
  });
});

describe("edition watch", () => {
  it("builds, then rebuilds only the changed text when a source changes", async () => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const out = await tempDir();
    const builds: { processed: string[]; reused: string[]; error?: unknown }[] = [];
    // The first build after `from` that matches: an editor's save may fire more than one event.
    const until = async (from: number, matches: (entry: (typeof builds)[number]) => boolean) => {
      for (;;) {
        const found = builds.slice(from).find(matches);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    // Saved as editors' tools save: a whole new file renamed into place.
    const save = async (name: string, content: string) => {
      await writeFile(path.join(sources, `${name}.saving`), content);
      await rename(path.join(sources, `${name}.saving`), path.join(sources, name));
    };
    const watcher = await watch({
      manifestPath: path.join(sources, "edition.yaml"),
      outDir: out,
      pdf: false,
      onBuilt: ({ processed, reused, error }) => builds.push({ processed: [...processed], reused: [...reused], error }),
    });
    try {
      expect(await until(0, () => true)).toEqual({ processed: ["first", "second"], reused: [], error: undefined });
      let from = builds.length;
      await save("texts/first.txt", "First text, a changed paragraph.\n");
      expect(await until(from, (entry) => entry.processed.length > 0)).toEqual({ processed: ["first"], reused: ["second"], error: undefined });
      const zip = await JSZip.loadAsync(await readFile(path.join(out, "fixture-edition.epub")));
      expect(await zip.file("OEBPS/text-first.xhtml")!.async("string")).toContain("a changed paragraph");
      // A broken source is reported and the last good EPUB stays.
      from = builds.length;
      await save("corrections.yaml", correction("first", "no such words", "x"));
      expect(String((await until(from, (entry) => Boolean(entry.error))).error)).toContain("the edition has errors");
      const again = await JSZip.loadAsync(await readFile(path.join(out, "fixture-edition.epub")));
      expect(await again.file("OEBPS/text-first.xhtml")!.async("string")).toContain("a changed paragraph");
    } finally {
      await watcher.close();
    }
  });
});

describe("build/report.html", () => {
  it("lists each text's corrections and removals, linked to the raw line", async () => {
    const sources = await realSources();
    const out = await tempDir();
    await build({ manifestPath: path.join(sources, "edition.yaml"), outDir: out, pdf: false });
    const html = await readFile(path.join(out, "report.html"), "utf8");
    // corrections.yaml: Ukranian → Ukrainian in sherry, which stands at line 45, column 43.
    expect(html).toMatch(/<a href="#text-sherry-L45">45:43<\/a><\/td><td>info<\/td><td>corrected `Ukranian` to `Ukrainian`: misspelling/);
    expect(html).toContain('<span id="text-sherry-L45" class="line"><a href="#text-sherry-L45">45</a> Born Lev Davidovich Bronstein in a little Ukranian village');
    // sherry's first line is site navigation, removed as a line of links.
    expect(html).toMatch(/<a href="#text-sherry-L1">1:1<\/a><\/td><td>info<\/td><td>removed a line of links: `ISJ 2 Index \| Main Newspaper Index`/);
    for (const id of ["sherry", "marot", "cliff", "introduction", "simkin"]) expect(html).toContain(`<section id="text-${id}">`);
  });

  it("shows messages of any stage under their source and rule id, with no change to the report", () => {
    const manifest = { title: "T", texts: [{ id: "a", title: "Text A" }] } as unknown as Parameters<typeof reportHtml>[0]["manifest"];
    const file = new VFile({ path: "texts/a.txt", value: "One line\nSmith met Lenin in 1917.\n", data: { textId: "a" } });
    file.message("name not in the authority file: `Smith`", { place: { line: 2, column: 1 }, ruleId: "names-unknown", source: "names" });
    file.info("dated event: 1917", { place: { line: 2, column: 20 }, ruleId: "dates-event", source: "dates" });
    file.message("something new", { place: { line: 1, column: 1 }, ruleId: "spelling-unknown-word", source: "spelling" });
    const html = reportHtml({ manifest, files: [file] });
    expect(html).toContain("<h3>Names (1)</h3>");
    expect(html).toMatch(/<code>names-unknown<\/code> 1 \(1 warning\)/);
    expect(html).toMatch(/<a href="#text-a-L2">2:20<\/a><\/td><td>info<\/td><td>dated event: 1917/);
    expect(html).toContain("<h3>spelling (1)</h3>");
    // Markup in a raw line is text in the report.
    const tricky = new VFile({ path: "texts/b.txt", value: "<b>bold</b> &amp;\n", data: { textId: "a" } });
    tricky.message("odd", { place: { line: 1, column: 1 }, ruleId: "x", source: "x" });
    expect(reportHtml({ manifest, files: [tricky] })).toContain("&#x3C;b>bold&#x3C;/b> &#x26;amp;");
  });
});

describe("progress output", () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
  };

  it("shows long steps on one terminal line, and the lasting lines above it", () => {
    const out = stream(true);
    const err = stream(true);
    const progress = terminalProgress(out.stream, err.stream);
    progress.step("rendering the EPUB");
    progress.pages(12);
    progress.log("wrote book.pdf");
    expect(err.written).toEqual(["\r\x1b[Krendering the EPUB…", "\r\x1b[Klaying out the PDF: 12 pages", "\r\x1b[K"]);
    expect(out.written).toEqual(["wrote book.pdf\n"]);
  });

  it("is quiet when the output is not a terminal (CI), but still says what it wrote", () => {
    const out = stream(false);
    const err = stream(false);
    const progress = terminalProgress(out.stream, err.stream);
    progress.step("rendering the EPUB");
    progress.pages(12);
    progress.log("wrote book.pdf");
    expect(err.written).toEqual([]);
    expect(out.written).toEqual(["wrote book.pdf\n"]);
  });
});

describe("bad input through the whole build", () => {
  it("keeps text that looks like HTML as text in the EPUB and in the print HTML", async () => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const out = await tempDir();
    expect((await cli(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out])).code).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(path.join(out, "fixture-edition.epub")));
    const xhtml = await zip.file("OEBPS/text-second.xhtml")!.async("string");
    expect(xhtml).toContain("second text &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; more.");
    expect(xhtml).not.toContain("<script");
    const html = await readPrintHtml(path.join(out, "fixture-edition.html"));
    expect(html).toContain("second text &#x3C;script>alert(1)&#x3C;/script> &#x26;amp; more.");
  });

  it("builds a text with a byte-order mark and CRLF line ends, leaving neither in the outputs", async () => {
    const sources = await sourcesFixture(validManifest, {
      ...fixtureTexts,
      "texts/first.txt": "\uFEFFFirst text, first paragraph.\r\n\r\nSecond paragraph\r\nwith two lines.\r\n",
    });
    const out = await tempDir();
    const result = await cli(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(result.code).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(path.join(out, "fixture-edition.epub")));
    const xhtml = await zip.file("OEBPS/text-first.xhtml")!.async("string");
    const html = await readPrintHtml(path.join(out, "fixture-edition.html"));
    for (const output of [xhtml, html]) {
      expect(output).toContain("<p>Second paragraph with two lines.</p>");
      expect(output).not.toMatch(/[\r\uFEFF]/);
    }
  });

  it("fails on an empty text and a binary file, naming each, and writes nothing", async () => {
    const sources = await sourcesFixture(validManifest, { "texts/first.txt": "", "texts/second.txt": Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]) });
    const out = await tempDir();
    const result = await cli(["build", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(result.code).toBe(1);
    const stderr = result.stderr.replace(/\s+/g, " ");
    expect(stderr).toMatch(/texts\/first\.txt 1:1 error text is empty/);
    expect(stderr).toMatch(/texts\/second\.txt 1:6 error this is not a text file \(byte 0x00 at byte 5\)/);
    expect(await readdir(out)).toEqual([]);
  });

  it.each([
    // The YAML parser notices the open quote only at the end of the file (line 4).
    ["a malformed corrections file", { "corrections.yaml": "- text: first\n  wrong: \"unclosed\n  right: x\n" }, /corrections\.yaml\s+4:1\s+error\s+YAML: Missing closing "quote/],
    // Cut before the first text's `kind` (line 18): the error points at that text's entry (line 14).
    ["a manifest cut off in the middle", { "edition.yaml": validManifest.slice(0, validManifest.indexOf("    kind: review")) }, /edition\.yaml\s+14:5\s+error\s+`texts\.0\.kind`: /],
  ])("fails on %s, naming its line, and writes nothing", async (_, files, message) => {
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, ...files });
    const out = await tempDir();
    const result = await cli(["build", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr.replace(/\n/g, " ")).toMatch(message);
    expect(await readdir(out)).toEqual([]);
  });

  it("keeps the previous good build in place when a build fails", async () => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const out = await tempDir();
    expect((await cli(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out])).code).toBe(0);
    const before = await snapshot(out);
    await writeFile(path.join(sources, "corrections.yaml"), correction("first", "no such words", "x"));
    const result = await cli(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(result.code).toBe(1);
    expect(await snapshot(out)).toEqual(before);
  });

  it.each([
    ["crashes", "#!/bin/sh\necho 'chromium: fatal error' >&2\nexit 3\n"],
    ["hangs at start", "#!/bin/sh\nexec sleep 300\n"],
  ])("fails clearly when Chromium %s: EPUB, print HTML and report written, the last PDF kept, no temporary file", async (_, script) => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const out = await tempDir();
    const chromium = path.join(sources, "fake-chromium.sh");
    await writeFile(chromium, script);
    await chmod(chromium, 0o755);
    await writeFile(path.join(out, "fixture-edition.pdf"), "%PDF-1.7 the last good PDF");
    // A 2 s launch timeout instead of puppeteer's 30 s: the hanging fake is given up on sooner, the same way.
    const result = await cli(["build", "--manifest", path.join(sources, "edition.yaml"), "--out", out], { PUPPETEER_EXECUTABLE_PATH: chromium, EDITION_CHROMIUM_LAUNCH_TIMEOUT_MS: "2000" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: the PDF was not made: .*(browser|Chromium|Timed out|timeout)/i);
    expect(result.stderr).toContain(`${path.join(out, "fixture-edition.pdf")} was left as it was`);
    expect((await readdir(out)).sort()).toEqual(["fixture-edition.epub", "fixture-edition.html", "fixture-edition.pdf", "report.html"]);
    expect(await readFile(path.join(out, "fixture-edition.pdf"), "utf8")).toBe("%PDF-1.7 the last good PDF");
  });
});

async function snapshot(dir: string) {
  // Every file, the site's included.
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
  return Promise.all(names.map(async (name) => ({ name, bytes: await readFile(path.join(dir, name)), mtime: (await stat(path.join(dir, name))).mtimeMs })));
}
