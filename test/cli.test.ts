import { readdir, readFile, stat } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { cli, cliProcess, readPrintHtml, sourcesFixture } from "./helpers.js";

// The command runs in process (`main(argv, io)` of src/cli.ts); the smoke
// tests at the end start `node bin/edition.js` as editors do.

const tempDir = () => mkdtemp(path.join(os.tmpdir(), "edition-out-"));

describe("the edition command", () => {
  it("prints its version and its help", async () => {
    const { version } = JSON.parse(await readFile("package.json", "utf8"));
    expect((await cli(["--version"])).stdout.trim()).toBe(version);
    const help = await cli(["--help"]);
    expect(help.stdout).toContain("build [options]");
    expect(help.stdout).toContain("check [options]");
  });

  it.each([
    ["a missing text file", validManifest.replace("texts/second.txt", "texts/gone.txt"), /edition\.yaml\s+24:11\s+error\s+text file `texts\/gone\.txt` does not exist/],
    ["an unknown key", validManifest.replace("subject:", "colour: red\nsubject:"), /edition\.yaml\s+9:1\s+error\s+unknown key `colour`/],
    ["a path leaving sources/", validManifest.replace("texts/first.txt", "../first.txt"), /edition\.yaml\s+15:11\s+error\s+text path `..\/first.txt` leaves the edition's folder/],
  ])("fails on %s, names the line, and writes nothing", async (_, manifest, message) => {
    const sources = await sourcesFixture(manifest, fixtureTexts);
    const out = await tempDir();
    const result = await cli(["build", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr.replace(/\n/g, " ")).toMatch(message);
    expect(await readdir(out)).toEqual([]);
  });

  it("still builds the EPUB when Chromium is missing, and says how to install it", async () => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const out = await tempDir();
    const result = await cli(["build", "--manifest", path.join(sources, "edition.yaml"), "--out", out], {
      PUPPETEER_EXECUTABLE_PATH: "/nonexistent/chromium",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Chromium was not found at /nonexistent/chromium");
    expect(result.stderr).toContain("apt-get install -y chromium");
    expect((await readdir(out)).sort()).toEqual(["fixture-edition.epub", "fixture-edition.html", "report.html", "site"]);
    expect((await stat(path.join(out, "fixture-edition.epub"))).size).toBeGreaterThan(1000);
  });

  it("keeps markup-like text as text in the print HTML", async () => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const out = await tempDir();
    await cli(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    const html = await readPrintHtml(path.join(out, "fixture-edition.html"));
    expect(html).toContain("second text &#x3C;script>alert(1)&#x3C;/script> &#x26;amp; more.");
  });

  it("checks without rendering, and reports as JSON with exit status 1 on an error", async () => {
    const good = await cli(["check"]);
    expect(good.code).toBe(0);
    const sources = await sourcesFixture(validManifest.replace("kind: review", "kind: poem"), fixtureTexts);
    const bad = await cli(["check", "--json", "--manifest", path.join(sources, "edition.yaml")]);
    expect(bad.code).toBe(1);
    const [message] = JSON.parse(bad.stdout);
    expect(message).toMatchObject({ line: 18, severity: "error", ruleId: "manifest-schema" });
  });
});

describe("corrections", () => {
  const corrections = (wrong: string, count = 1) => `- text: first\n  wrong: ${wrong}\n  right: fixed\n  reason: test\n  count: ${count}\n`;

  it("fails the build, naming the entry's line, when a correction matches nothing; nothing is written", async () => {
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "corrections.yaml": corrections("Second paragraph") + corrections("no such words") });
    const out = await tempDir();
    const result = await cli(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr.replace(/\n/g, " ")).toMatch(/corrections\.yaml\s+6:\d+\s+error\s+correction `no such words` → `fixed` matches 0 times in text `first`; the entry says 1/);
    expect(await readdir(out)).toEqual([]);
  });

  it("fails when a correction matches more often than it says", async () => {
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "corrections.yaml": corrections("paragraph") });
    const result = await cli(["check", "--json", "--manifest", path.join(sources, "edition.yaml")]);
    expect(result.code).toBe(1);
    const errors = JSON.parse(result.stdout).filter((message: { severity: string }) => message.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ line: 1, ruleId: "correction-count", reason: expect.stringContaining("matches 2 times") })]);
  });
});

describe("structure hints", () => {
  const hint = (text: string, words: string) => `- text: ${text}\n  runInHeading: ${words}\n  reason: test\n`;

  it("sets apart a run-in heading the structure file names", async () => {
    const texts = { ...fixtureTexts, "texts/first.txt": "Opening words of the first text.\n\nA quiet start Nobody expected the heading here.\n" };
    const sources = await sourcesFixture(validManifest, { ...texts, "structure.yaml": hint("first", "A quiet start") });
    const out = await tempDir();
    const result = await cli(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(result.code).toBe(0);
    const html = await readPrintHtml(path.join(out, "fixture-edition.html"));
    // The section heading has the id both formats share (from the book stage).
    expect(html).toContain(`<h2 id="text-first-a-quiet-start">A quiet start</h2>`);
    expect(html).toContain("<p>Nobody expected the heading here.</p>");
  });

  it("sets a block quotation the structure file names, over the paragraphs it says", async () => {
    const texts = { ...fixtureTexts, "texts/first.txt": "Opening words of the first text.\n\nA quoted paragraph with no marks at all.\n\nIts second paragraph.\n\nThe author speaks again.\n" };
    const structure = "- text: first\n  blockQuotation: A quoted paragraph\n  paragraphs: 2\n  reason: test\n";
    const sources = await sourcesFixture(validManifest, { ...texts, "structure.yaml": structure });
    const out = await tempDir();
    const result = await cli(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(result.code).toBe(0);
    const html = await readPrintHtml(path.join(out, "fixture-edition.html"));
    expect(html).toMatch(/<blockquote>\s*<p>A quoted paragraph with no marks at all.<\/p>\s*<p>Its second paragraph.<\/p>\s*<\/blockquote>\s*<p>The author speaks again.<\/p>/);
  });

  it("fails with the entry's line when a hint starts no paragraph, or names an unknown text", async () => {
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "structure.yaml": hint("first", "First text,") + hint("first", "No such start") });
    const result = await cli(["check", "--json", "--manifest", path.join(sources, "edition.yaml")]);
    expect(result.code).toBe(1);
    const errors = JSON.parse(result.stdout).filter((message: { severity: string }) => message.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ line: 4, ruleId: "structure-hint-unmatched", reason: expect.stringContaining("No such start") })]);

    const quotation = await sourcesFixture(validManifest, { ...fixtureTexts, "structure.yaml": "- text: first\n  blockQuotation: No such quotation\n  reason: test\n" });
    const unmatched = JSON.parse((await cli(["check", "--json", "--manifest", path.join(quotation, "edition.yaml")])).stdout).filter((message: { severity: string }) => message.severity === "error");
    expect(unmatched).toEqual([expect.objectContaining({ line: 1, ruleId: "structure-hint-unmatched", reason: "no paragraph of text `first` starts with the block quotation `No such quotation`" })]);

    const unknown = await sourcesFixture(validManifest, { ...fixtureTexts, "structure.yaml": hint("third", "Anything") });
    const failed = await cli(["check", "--json", "--manifest", path.join(unknown, "edition.yaml")]);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ line: 1, column: 9, ruleId: "structure-unknown-text" })]));
  });
});

describe("edition check --diff", () => {
  it("shows the raw text beside the restored one", async () => {
    const result = await cli(["check", "--diff", "marot"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("marot-1994-was-trotskys-defeat-inevitable.txt (restored)");
    expect(result.stdout).toContain("-Trotsky's Theory\n");
    expect(result.stdout).toContain("+## Trotsky’s Theory\n");
    expect(result.stdout).toContain("-ATC 52, September-October 1994\n");
  });

  it("names the known ids when the text is unknown", async () => {
    const result = await cli(["check", "--diff", "nobody"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: no text `nobody` in the manifest `sources/edition.yaml`; its ids are sherry, marot, cliff, introduction, simkin");
  });
});

describe("the edition command as a process (smoke tests of bin/edition.js)", () => {
  it("prints its version, and exits 1 with the error on stderr when the sources are broken", async () => {
    const { version } = JSON.parse(await readFile("package.json", "utf8"));
    expect(await cliProcess(["--version"])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const sources = await sourcesFixture(validManifest.replace("texts/second.txt", "texts/gone.txt"), fixtureTexts);
    const out = await tempDir();
    const result = await cliProcess(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("text file `texts/gone.txt` does not exist");
    expect(await readdir(out)).toEqual([]);
  });

  it("builds a small edition and exits 0", async () => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const out = await tempDir();
    const result = await cliProcess(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(["fixture-edition.epub", "fixture-edition.html", "report.html", "site"]);
  });
});
