// A 10 MB text through the whole command (its time and memory are measured
// in the benchmark, not here).
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { cliProcess, readPrintHtml, sourcesFixture } from "./helpers.js";

const tempDir = () => mkdtemp(path.join(os.tmpdir(), "edition-out-"));
const cli = cliProcess;

describe("bad input through the whole build", () => {
  it("builds a 10 MB text without blowing up", async () => {
    // The web book over and over, to 10 MB; generated here, never committed.
    const raw = await readFile("sources/texts/trotsky-an-introduction.txt", "utf8");
    const copies = Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(raw));
    const big = Array.from({ length: copies }, () => raw).join("\n\n");
    expect(Buffer.byteLength(big)).toBeGreaterThan(10 * 1024 * 1024);
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "texts/first.txt": big });
    const out = await tempDir();
    const result = await cli(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const html = await readPrintHtml(path.join(out, "fixture-edition.html"));
    // A sentence of the web book's closing paragraphs (once in the raw text, read with grep) is there once per copy.
    const sentence = "The method of the Transitional Programme needs to be used to tackle each new problem";
    expect(html.split(sentence).length - 1).toBe(copies);
  });

});
