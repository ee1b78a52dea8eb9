// The two citation fixtures built as editions (test/fixtures/citations/
// brackets.yaml and author-date.yaml): the works file found beside the
// manifest by its default name, `citationStyle`, the works cited per edition
// or per text, each entry's back-references to where it is cited, each
// in-text citation's link to its entry, and EPUBCheck without an error.
import path from "node:path";
import type { Element, Root } from "hast";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { describe, expect, it } from "vitest";
import { buildEdition } from "../src/pipeline.js";
import { renderEpub } from "../src/render/epub.js";
import { checkEpub } from "../src/render/epub-check.js";

const here = path.dirname(new URL(import.meta.url).pathname);
const manifest = (name: string) => path.join(here, "fixtures", "citations", name);

const ids = (tree: Root) => new Set(selectAll("[id]", tree).map((node) => String(node.properties.id)));
const hrefs = (nodes: Element[]) => nodes.map((node) => String(node.properties.href).slice(1));

describe("a works cited for the edition, in Chicago author-date", async () => {
  const edition = await buildEdition(manifest("brackets.yaml"), { keepRestored: false });
  const entries = selectAll("#bibliography li.work", edition.book);

  it("lists the cited works of the works file, not the unused one, in the manifest's style", () => {
    expect(entries.map((entry) => String(entry.properties.id))).toEqual(["work-gallacher-revolt", "work-hinton-stewards", "work-lenin-cw", "work-murphy-preparing"]);
    // Author-date: the year follows the name.
    expect(toString(entries[3]!)).toMatch(/^Murphy, J\. T\. 1934\. Preparing for Power\. London: Jonathan Cape\. Cited: Stewards 1, 2, 3$/);
    expect(toString(entries[0]!)).toContain("Lawrence and Wishart");
  });

  it("links every back-reference to a citation that links back to the entry", () => {
    const all = ids(edition.book);
    for (const entry of entries) {
      const back = selectAll("a.work-backref", entry);
      expect(back.length).toBeGreaterThan(0);
      for (const anchor of hrefs(back)) {
        expect(all.has(anchor)).toBe(true);
        expect(String(select(`[id="${anchor}"]`, edition.book)!.properties.href)).toBe(`#${entry.properties.id}`);
      }
    }
    // Ten citations read, eight resolved (readings/citations.yaml): eight back-references.
    expect(entries.flatMap((entry) => selectAll("a.work-backref", entry)).length).toBe(8);
  });

  it("gives an EPUB EPUBCheck finds no error in", async () => {
    const outcome = await checkEpub(new Uint8Array(await renderEpub(edition.manifest, edition.book)));
    expect(outcome.errors).toEqual([]);
  });
});

describe("a works cited per text, in APA", async () => {
  const edition = await buildEdition(manifest("author-date.yaml"), { keepRestored: false });

  it("closes the text with its own list, and the book has no works cited in the back matter", () => {
    expect(select("#bibliography", edition.book)).toBeUndefined();
    const own = select("section.works-cited-text", edition.book)!;
    expect(toString(select("h2", own)!)).toBe("Works cited");
    const entries = selectAll("li.work", own);
    expect(entries.map((entry) => String(entry.properties.id))).toEqual(["author-date-work-day-gaido-2009", "author-date-work-knei-paz-1978", "author-date-work-lowy-1981", "author-date-work-thatcher-2003", "author-date-work-zeman-scharlau-1965"]);
    // APA: initials, year in brackets, editors marked.
    expect(toString(entries[0]!)).toBe("Day, R. B., & Gaido, D. (Eds.). (2009). Witnesses to Permanent Revolution: The Documentary Record. Brill. Cited: 1, 2");
  });

  it("points the text's citation links at its own entries", () => {
    const links = selectAll("a.work-ref", edition.book);
    expect(links.length).toBe(6);
    const all = ids(edition.book);
    for (const target of hrefs(links)) expect(target.startsWith("author-date-work-") && all.has(target)).toBe(true);
  });

  it("shows the author-date citations in APA's form, with the text's pages, the text's form kept in the title", () => {
    // APA 7 (8.11, 8.13, 8.17): `&` between two authors in brackets, a comma before the year, `p.`/`pp.` before the page.
    const links = selectAll("a.work-ref", edition.book);
    expect(links.map((link) => toString(link))).toEqual(["Zeman & Scharlau, 1965, pp. 64–7", "Day & Gaido, 2009, p. 41", "Knei-Paz, 1978, p. 152", "Day & Gaido, 2009, p. 12", "Löwy, 1981, p. 50", "Thatcher, 2003"]);
    expect(String(links[0]!.properties.title)).toBe("As the text gives it: Zeman and Scharlau 1965: 64–7");
  });

  it("gives an EPUB EPUBCheck finds no error in", async () => {
    const outcome = await checkEpub(new Uint8Array(await renderEpub(edition.manifest, edition.book)));
    expect(outcome.errors).toEqual([]);
  });
});
