// The spelling-candidates report: a fixture with known misspellings, the real
// texts (a slip left uncorrected is listed, corrected ones are not), and the
// command. Expected places were counted on the raw lines (`sed -n`, `cut -c`).
import { cp, writeFile } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { toString } from "mdast-util-to-string";
import { describe, expect, it } from "vitest";
import { editionSpellingCandidates, type TextSpellingCandidates } from "../src/check/spelling-candidates.js";
import { buildEdition } from "../src/pipeline.js";
import { validManifest } from "./fixtures/manifests.js";
import { cli, sourcesFixture } from "./helpers.js";

const first = [
  "The committee met in the spring.",
  "",
  "It read the",
  "recieved letters twice, and Wrnog signed 3rd copies of teh abc1 papers.",
  "",
  "Every recieved letter was kept.",
  "",
].join("\n");
const second = "The labour of the favored few was organised.\n";

const fixtureSources = () => sourcesFixture(validManifest, { "texts/first.txt": first, "texts/second.txt": second });

function candidatesOf(reports: TextSpellingCandidates[], textId: string) {
  return reports.find((report) => report.textId === textId)!.candidates.map(({ word, count, place }) => ({ word, count, place }));
}

describe("spelling candidates", () => {
  it("lists unknown words with their count and first raw place, and changes nothing", async () => {
    const edition = await buildEdition(path.join(await fixtureSources(), "edition.yaml"));
    const before = toString(edition.restored.get("first")!);
    const messages = edition.texts.map((file) => file.messages.length);
    const reports = await editionSpellingCandidates(edition);
    // `recieved` first stands on line 4 (the paragraph starts on line 3);
    // capitalised `Wrnog`, `3rd` and `abc1` are not candidates.
    expect(candidatesOf(reports, "first")).toEqual([
      { word: "recieved", count: 2, place: { line: 4, column: 1 } },
      { word: "teh", count: 1, place: { line: 4, column: 56 } },
    ]);
    // British and American spellings are both known.
    expect(candidatesOf(reports, "second")).toEqual([]);
    expect(toString(edition.restored.get("first")!)).toBe(before);
    expect(before).toContain("recieved");
    expect(edition.texts.map((file) => file.messages.length)).toEqual(messages);
  });

  it("lists a real slip that is not corrected, and no longer lists corrected ones", async () => {
    const reports = await editionSpellingCandidates(await buildEdition("sources/edition.yaml"));
    const simkin = candidatesOf(reports, "simkin");
    // Simkin line 328, column 639: Duranty's `almost imperceptively from step to step`.
    expect(simkin).toContainEqual({ word: "imperceptively", count: 1, place: { line: 328, column: 639 } });
    // Sherry lines 47, 51 and 53: `emigré` without its first accent.
    expect(candidatesOf(reports, "sherry")).toContainEqual({ word: "emigré", count: 3, place: { line: 47, column: 212 } });
    // Slips of the web book that corrections.yaml corrects: listed only without it.
    const corrected = ["parliamentrary", "witholding", "csommunists", "cynicisim", "sectretaries", "successsfully"];
    const introduction = candidatesOf(reports, "introduction").map((candidate) => candidate.word);
    for (const word of corrected) expect(introduction).not.toContain(word);
    const uncorrected = await mkdtemp(path.join(os.tmpdir(), "edition-sources-"));
    await cp("sources", uncorrected, { recursive: true });
    await writeFile(path.join(uncorrected, "corrections.yaml"), "[]\n");
    // The editor's chronology entries quote the corrected text; without the corrections some would match nothing (and fail).
    await writeFile(path.join(uncorrected, "chronology.yaml"), "[]\n");
    const raw = candidatesOf(await editionSpellingCandidates(await buildEdition(path.join(uncorrected, "edition.yaml"))), "introduction");
    expect(raw.map((candidate) => candidate.word)).toEqual(expect.arrayContaining(corrected));
    // Line 550: `Unlike parliamentrary deputies today`.
    expect(raw).toContainEqual({ word: "parliamentrary", count: 1, place: { line: 550, column: 8 } });
    const all = reports.flatMap((report) => report.candidates.map((candidate) => candidate.word));
    expect(all).not.toContain("labour");
    expect(all).not.toContain("favored");
    expect(all.filter((word) => /^\p{Lu}/u.test(word) || /\d/.test(word))).toEqual([]);
  });

  it("is reachable as `check --spelling`, grouped by text, with exit status 0", async () => {
    const sources = await fixtureSources();
    const { stdout, code } = await cli(["check", "--spelling", "--manifest", path.join(sources, "edition.yaml")]);
    expect(code).toBe(0);
    const firstFile = path.join(sources, "texts/first.txt");
    expect(stdout).toContain(`first (${firstFile}): 2 candidates\n  ${firstFile}:4:1  recieved  ×2\n  ${firstFile}:4:56  teh  ×1\n`);
    expect(stdout).toContain("second (");
    expect(stdout).toContain(": 0 candidates");
  });
});
