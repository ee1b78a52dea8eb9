// The print-on-demand profile on a small fixture edition (`profile: pod`,
// `paper: cream`): pages at the trim with no marks, an even page count ending
// on a blank page, PDF/X-3 through Ghostscript with K-only colour and fonts
// embedded, and the cover sheet sized by the spine formula.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { preflight } from "../src/preflight/preflight.js";
import { printOutline, printTree } from "../src/render/print-html.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { run, sourcesFixture } from "./helpers.js";

describe("the pod profile", () => {
  it("makes a PDF/X interior at the trim and a cover that pass preflight", async () => {
    const sources = await sourcesFixture(validManifest.replace("texts:", "profile: pod\npaper: cream\ntexts:"), fixtureTexts);
    const outDir = await mkdtemp(path.join(os.tmpdir(), "edition-pod-"));
    const result = await build({ manifestPath: path.join(sources, "edition.yaml"), outDir, pdf: true });
    const interior = result.outputs.pdf!;
    // 6 × 9 in = 432 × 648 pt: every box at the trim, no bleed for a text-only design.
    const boxes = (await run("pdfinfo", ["-box", "-f", "1", "-l", "1", interior])).stdout;
    for (const name of ["MediaBox", "CropBox", "BleedBox", "TrimBox"]) expect(boxes).toMatch(new RegExp(`${name}:\\s+0\\.00\\s+0\\.00\\s+432\\.00\\s+648\\.00`));
    const fonts = (await run("pdffonts", [interior])).stdout.split("\n").slice(2).filter(Boolean);
    for (const font of fonts) expect(font.split(/\s+/).at(-5), font).toBe("yes");
    const pages = result.printPageCount!;
    expect(pages % 2).toBe(0);
    expect(pages).toBeGreaterThan(result.pageCount!);

    const { manifest, book } = result.edition;
    const input = { manifest, tree: printTree(manifest, book), outline: printOutline(book) };
    const pod = await preflight(interior, input);
    expect(pod.profile).toBe("pod");
    for (const check of pod.checks) expect(check.problems, `pod: ${check.name}`).toEqual([]);
    expect(pod.checks.find((check) => check.name === "output intent")!.summary).toMatch(/^PDF\/X-3:2002/);

    // The cover: 2 × 6 in + pages × 0.0025 in (cream) + 2 × 0.125 in, by 9.25 in.
    const cover = await preflight(result.outputs.coverPdf!, input);
    for (const check of cover.checks) expect(check.problems, `cover: ${check.name}`).toEqual([]);
    const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec((await run("pdfinfo", [result.outputs.coverPdf!])).stdout)!;
    expect(Number(width) / 72).toBeCloseTo(12.25 + pages * 0.0025, 2);
    expect(Number(height) / 72).toBeCloseTo(9.25, 2);
  });
});
