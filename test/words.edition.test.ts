// No word of a raw text is lost on its way into the EPUB. The raw text, with
// the corrections of sources/corrections.yaml made and the furniture that
// sources/boilerplate.yaml removes taken out (both read from the data files
// here, not from the program's messages), and with the furniture lines of
// test/fixtures/readings/furniture.yaml (found by reading) taken out, is
// compared word by word with the text's XHTML file in the built EPUB. A run
// of words the output lacks at its place must stand elsewhere in the file
// (moved: a title into the header, a credit line into the source note);
// words the output adds must be the manifest's (the header) or its own
// interface words.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { diffArrays } from "diff";
import JSZip from "jszip";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { decodeEntities } from "./helpers.js";

const { epub, manifestPath } = inject("edition");
const sourcesDir = path.dirname(manifestPath);
const zip = await JSZip.loadAsync(await readFile(epub));
const manifest = parse(await readFile(manifestPath, "utf8")) as { texts: Record<string, unknown>[] };
const corrections = parse(await readFile(path.join(sourcesDir, "corrections.yaml"), "utf8")) as { text: string; wrong: string; right: string }[];
const boilerplate = parse(await readFile(path.join(sourcesDir, "boilerplate.yaml"), "utf8")) as {
  sites: { recognise: string[]; remove?: string[]; trailing?: string[]; paragraphs?: string[]; endsBefore?: string[] }[];
};
const furniture = parse(await readFile("test/fixtures/readings/furniture.yaml", "utf8")) as Record<string, Record<string, number[]>>;

/** Words as runs of letters and runs of digits: typography changes quotes, dashes, spaces and hyphens, never these. */
const words = (text: string) => text.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? [];

/** The raw text's lines as the data files leave them: corrections made, the furniture they name and the read furniture lines emptied. */
function rawKept(id: string, raw: string): string[] {
  let text = raw;
  for (const correction of corrections.filter((entry) => entry.text === id)) text = text.split(correction.wrong).join(correction.right);
  const test = (patterns: string[] | undefined, line: string) => (patterns ?? []).some((pattern) => new RegExp(pattern, "u").test(line));
  const sites = boilerplate.sites.filter((site) => text.split("\n").some((line) => test(site.recognise, line.trim())));
  const read = new Set(Object.values(furniture[id] ?? {}).flat());
  let lines = text.split("\n");
  const end = lines.findIndex((line) => sites.some((site) => test(site.endsBefore, line.trim())));
  if (end !== -1) lines = lines.slice(0, end);
  lines = lines.map((line, index) => (read.has(index + 1) || sites.some((site) => test(site.remove, line.trim())) ? "" : line));
  lines = lines.map((line) => {
    for (const site of sites) for (const pattern of site.trailing ?? []) line = line.replace(new RegExp(`(?:${pattern})\\s*$`, "u"), "");
    return line;
  });
  // A paragraph (lines between blank lines) that a `paragraphs` pattern names goes whole.
  for (let start = 0; start < lines.length; ) {
    let stop = start;
    while (stop < lines.length && lines[stop]!.trim()) stop++;
    const paragraph = lines.slice(start, stop).join(" ").trim().replace(/\s+/g, " ");
    if (paragraph && sites.some((site) => test(site.paragraphs, paragraph))) lines.fill("", start, stop);
    start = stop + 1;
  }
  return lines;
}

/** The text of an XHTML file: tags out (a space for each), entities decoded. */
function xhtmlText(xhtml: string): string {
  const body = xhtml.slice(xhtml.indexOf("<body"));
  return decodeEntities(
    body
      // A page-list marker is empty and may stand inside a word the print edition hyphenated across two pages (`Trots<span …/>ky`).
      .replace(/<span [^>]*epub:type="pagebreak"[^>]*\/>/g, "")
      .replace(/<[^>]*>/g, " "),
  );
}

const contains = (haystack: string[], needle: string[]) => haystack.some((_, start) => needle.every((word, offset) => haystack[start + offset] === word));

describe("the words of each text", () => {
  it.each(manifest.texts.map((entry) => [String(entry.id), entry] as const))("%s: the EPUB drops no word of the raw text", async (id, entry) => {
    const raw = await readFile(path.join(sourcesDir, String(entry.file)), "utf8");
    const keptLines = rawKept(id, raw).map(words);
    const kept = keptLines.flat();
    /** The raw line (1-based) of each kept word. */
    const lineOf = keptLines.flatMap((lineWords, index) => lineWords.map(() => index + 1));
    // A text over 300,000 bytes continues in `-part-N` files, read in their order.
    const partOf = (name: string) => Number(/-part-(\d+)\.xhtml$/.exec(name)?.[1] ?? 1);
    const files = Object.keys(zip.files)
      .filter((name) => name === `OEBPS/text-${id}.xhtml` || new RegExp(`^OEBPS/text-${id}-part-\\d+\\.xhtml$`).test(name))
      .sort((a, b) => partOf(a) - partOf(b));
    const output = (await Promise.all(files.map(async (name) => words(xhtmlText(await zip.file(name)!.async("string")))))).flat();
    const changes = diffArrays(kept, output);
    // The runs of raw words missing at their place, cut at raw line ends (a line is what moves).
    const lost: string[][] = [];
    let at = 0;
    for (const change of changes) {
      if (change.added) continue;
      if (change.removed) {
        for (let i = 0; i < change.value.length; i++) {
          if (i === 0 || lineOf[at + i] !== lineOf[at + i - 1]) lost.push([]);
          lost.at(-1)!.push(change.value[i]!);
        }
      }
      at += change.value.length;
    }
    // Moved, not dropped: every such run stands whole elsewhere in the file.
    expect(lost.filter((run) => !contains(output, run)).map((run) => run.join(" "))).toEqual([]);
    // What the output adds is a moved run, or words of the manifest's entry and the book's interface words.
    const manifestWords = new Set(words(JSON.stringify(entry)));
    // The one interface word the texts need: the heading the restored notes get ("Notes").
    const interfaceWords = new Set(["notes"]);
    const added = changes
      .filter((change) => change.added && !lost.some((run) => contains(change.value, run)))
      .flatMap((change) => change.value)
      .filter((word) => !manifestWords.has(word) && !interfaceWords.has(word));
    expect(added).toEqual([]);
    expect(kept.length).toBeGreaterThan(500);
  });
});
