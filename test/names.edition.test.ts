// The index of names: detection measured against a list made by reading two
// texts in full, the authority file's merging and cross-references, the
// editors' report of unknown names, and the printed index checked page by
// page against the PDF's text.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Root } from "mdast";
import { VFile } from "vfile";
import { selectAll } from "hast-util-select";
import { describe, expect, inject, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { buildEdition, processText, textProcessor } from "../src/pipeline.js";
import { editionTree } from "./edition-tree.js";
import { namesSchema } from "../src/manifest/names-schema.js";
import { mentionsOf, nameScores, type FoundMention as Found } from "./quality.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { folioOf, pdfPagesInReadingOrder, run, sourcesFixture } from "./helpers.js";

const edition = await editionTree();
const authority = namesSchema.parse(parseYaml(await readFile("sources/names.yaml", "utf8")));

async function mentionsIn(text: string): Promise<Found[]> {
  const processor = textProcessor({ corrections: [], boilerplate: { sites: [] }, names: authority });
  const file = new VFile({ path: "fixture.txt", value: text, data: { textId: "fixture" } });
  const { mdast } = await processText(file, processor);
  return mentionsOf(mdast);
}

describe("name detection against a reading of Sherry's and Marot's reviews", () => {
  for (const textId of ["sherry", "marot"]) {
    it(`finds the persons of ${textId} with precision and recall of at least 0.95`, () => {
      const { expected, precision, recall, missed: remaining, falsePositives } = nameScores(textId, edition.restored.get(textId)!);
      expect(expected).toBeGreaterThan(150);
      expect(precision, `false positives: ${falsePositives.join("; ")}`).toBeGreaterThanOrEqual(0.95);
      expect(recall, `missed: ${remaining.join("; ")}`).toBeGreaterThanOrEqual(0.95);
    });
  }
});

describe("the name authority file", () => {
  it("merges a person's variants, possessives and initials under one heading", async () => {
    const found = await mentionsIn(
      "Gregory Zinoviev spoke. Grigori Zinoviev answered, and Zinoviev’s friends cheered. L. Trotsky and Lev Davidovich Bronstein wrote; J. T. Murphy and C. L. R. James read Trotsky's book.\n",
    );
    expect(found.map((m) => [m.surface, m.heading])).toEqual([
      ["Gregory Zinoviev", "Zinoviev, Grigory"],
      ["Grigori Zinoviev", "Zinoviev, Grigory"],
      ["Zinoviev", "Zinoviev, Grigory"],
      ["L. Trotsky", "Trotsky, Leon"],
      ["Lev Davidovich Bronstein", "Trotsky, Leon"],
      ["J. T. Murphy", "Murphy, J. T."],
      ["C. L. R. James", "James, C. L. R."],
      ["Trotsky", "Trotsky, Leon"],
    ]);
  });

  it("never takes a derived word, a place or a work for a person", async () => {
    const found = await mentionsIn(
      "Stalinist Leningrad, Trotskyism and Marxism, Leninist Zinovievists, the Red Army in Central Asia, the British General Strike and the General Secretary. TONY CLIFF’S TROTSKY, 1923–1927 is a book.\n",
    );
    expect(found.map((m) => m.surface)).toEqual(["TONY CLIFF"]);
    for (const text of edition.restored.values()) {
      for (const mention of mentionsOf(text)) expect(mention.next, `${mention.surface}${mention.next.slice(0, 10)}`).not.toMatch(/^[\p{L}]/u);
    }
  });

  it("resolves a surname two persons share by the full name in the same paragraph", async () => {
    const found = await mentionsIn("His sister Olga Kamenev ran the committee; Kamenev was her name by marriage.\n\nKamenev and Zinoviev voted against.\n");
    expect(found.map((m) => [m.surface, m.heading])).toEqual([
      ["Olga Kamenev", "Kameneva, Olga"],
      ["Kamenev", "Kameneva, Olga"],
      ["Kamenev", "Kamenev, Lev"],
      ["Zinoviev", "Zinoviev, Grigory"],
    ]);
  });

  it("reports a surname it cannot resolve, with its place", () => {
    // The web book names Ivan Smirnov and, elsewhere, Vladimir Smirnov; line 1193 has the surname alone.
    const ambiguous = edition.files.flatMap((file) => file.messages.filter((m) => m.ruleId === "names-ambiguous").map((m) => `${file.path}:${m.line}: ${m.reason.split(":")[0]}`));
    expect(ambiguous).toEqual(["sources/texts/trotsky-an-introduction.txt:1193: `Smirnov` may be `Smirnov, Ivan` or `Smirnov, Vladimir`"]);
  });

  it("reports only the persons names.yaml lacks that the text itself shows: three, each a real person (read at its line)", () => {
    // Cliff 99: `A. Solts, of the presidium of the central control commission`; Cliff 289/291: note 38 `A. Soboul, The
    // French Revolution` and note 39 `Soboul, page 439`; the web book 1775: `[SPD leaders] Noske and Grezesinsky`.
    const unknown = edition.files.flatMap((file) => file.messages.filter((m) => m.ruleId === "names-unknown").map((m) => `${file.path}:${m.line}: ${m.reason.split(" is not")[0]}`));
    expect(unknown.map((line) => line.replace(/\u00A0/g, " "))).toEqual([
      "sources/texts/cliff-1990-trotsky-and-the-triumvirate.txt:99: `A. Solts`",
      "sources/texts/cliff-1990-trotsky-and-the-triumvirate.txt:289: `A. Soboul`, `Soboul`",
      "sources/texts/trotsky-an-introduction.txt:1775: `Noske`",
    ]);
  });

  it("stops the build with the line and column of a bad entry", async () => {
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "names.yaml": "persons:\n  - heading: Trotsky, Leon\n    seeAlso: [\"Nobody, Known\"]\n" });
    await expect(buildEdition(path.join(sources, "edition.yaml"))).rejects.toMatchObject({ line: 3, column: 15, ruleId: "names-unknown-heading" });
  });
});

describe("a new text with names the authority file does not know", async () => {
  const text =
    "Ramón del Norte met General Boris Sidorenkov and Robert V. Fakename in Paris. Later del Norte wrote to Trotsky.\n\nFakename answered; Sidorenkov did not. Stalinist Leningrad stayed silent.\n";
  const names = await readFile("sources/names.yaml", "utf8");
  const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "texts/first.txt": text, "names.yaml": names });
  const fixture = await buildEdition(path.join(sources, "edition.yaml"));

  it("indexes them under their own form", () => {
    const first = fixture.texts[0]!;
    expect(first.data.nameMentions!.map((m) => [m.surface.replace(/\u00A0/g, " "), m.heading])).toEqual([
      ["Ramón del Norte", "Norte, Ramón del"],
      ["General Boris Sidorenkov", "Sidorenkov, Boris"],
      ["Robert V. Fakename", "Fakename, Robert V."],
      ["Norte", "Norte, Ramón del"],
      ["Trotsky", "Trotsky, Leon"],
      ["Fakename", "Fakename, Robert V."],
      ["Sidorenkov", "Sidorenkov, Boris"],
    ]);
    const index = JSON.stringify(fixture.book.children.at(-1));
    for (const heading of ["Norte, Ramón del", "Sidorenkov, Boris", "Fakename, Robert V.", "Trotsky, Leon"]) expect(index).toContain(heading);
  });

  it("reports each with its count and first place", () => {
    const reported = fixture.texts[0]!.messages.filter((m) => m.ruleId === "names-unknown").map((m) => `${m.line}:${m.column} ${m.reason.replace(/\u00A0/g, " ")}`);
    expect(reported).toEqual([
      "1:1 `Ramón del Norte`, `Norte` is not in the name authority file (2×): indexed as `Norte, Ramón del`",
      "1:21 `General Boris Sidorenkov`, `Sidorenkov` is not in the name authority file (2×): indexed as `Sidorenkov, Boris`",
      "1:50 `Robert V. Fakename`, `Fakename` is not in the name authority file (2×): indexed as `Fakename, Robert V.`",
    ]);
  });
});

describe("the index of names", () => {
  const index = edition.book.children.at(-1) as import("hast").Element;
  const html = JSON.stringify(index);

  it("sorts entries by surname, gives see references and breaks the subject into sub-entries", () => {
    const terms: string[] = [];
    const list = (index.children.find((c) => c.type === "element" && c.tagName === "ol") as import("hast").Element).children as import("hast").Element[];
    for (const li of list) terms.push(toStringHast(li.children[0]));
    const collator = new Intl.Collator("en", { sensitivity: "base" });
    const surnames = terms.map((t) => t.split(",")[0]!);
    expect([...surnames].sort(collator.compare)).toEqual(surnames);
    expect(terms).toContain("Bronstein, Lev Davidovich");
    expect(html).toContain("#index-trotsky-leon");
    const trotsky = list.find((li) => toStringHast(li.children[0]) === "Trotsky, Leon")!;
    expect(JSON.stringify(trotsky)).toContain("index-subentries");
    // What no sub-entry by topic takes stays a bare run after the heading.
    expect(trotsky.children.some((c) => c.type === "element" && (c.properties.className as string[] | undefined)?.includes("page-ref-list"))).toBe(true);
  });
});

/** `12, 97–101, 112–14` → every page number it stands for. */
function expandLocators(numbers: string): number[] {
  return [...numbers.matchAll(/(\d+)(?:–(\d+))?/g)].flatMap(([, a, b]) => {
    if (!b) return [Number(a)];
    const last = Number(b.length >= a!.length ? b : a!.slice(0, a!.length - b.length) + b);
    return Array.from({ length: last - Number(a) + 1 }, (_, k) => Number(a) + k);
  });
}

function toStringHast(node: unknown): string {
  const n = node as { type: string; value?: string; children?: unknown[] };
  return n.type === "text" ? n.value! : (n.children ?? []).map(toStringHast).join("");
}

describe("the printed index", () => {
  const { pdf, html } = inject("edition");

  it("gives for every page number a page where that person is named, and prints its last entry", async () => {
    // In reading order: the index's two columns one after the other.
    const inOrder = await pdfPagesInReadingOrder(pdf);
    // Without the running head (a first line in capitals), which would join a mention cut by the page turn and names Trotsky on every verso.
    const withoutHead = (page: string) => page.replace(/^\s*[^\p{Ll}\n]*\p{Lu}[^\p{Ll}\n]*\n/u, "");
    const pages = inOrder.map((page) => withoutHead(page).replace(/\u00AD/g, "").replace(/-\n\s*/g, "").replace(/\s+/g, " "));
    const folioPage = new Map<string, number>();
    pages.forEach((_, i) => {
      // The folio is a line of its own: a page without one may end on a number (the copyright page's identifier `…5a17`).
      const folio = folioOf(inOrder[i]!) || undefined;
      if (folio && !folioPage.has(folio)) folioPage.set(folio, i);
    });
    // Opening and blank pages print no folio but count: an arabic folio n on page i puts folio n - 1 on page i - 1.
    for (let i = pages.length - 1; i > 0; i--) {
      const folio = [...folioPage].find(([, page]) => page === i)?.[0];
      if (folio && /^\d+$/.test(folio) && Number(folio) > 1 && !folioPage.has(String(Number(folio) - 1))) folioPage.set(String(Number(folio) - 1), i - 1);
    }
    const start = pages.findIndex((page) => page.trimStart().startsWith("Index of names"));
    expect(start).toBeGreaterThan(0);
    // Without each page's folio, which is no locator.
    // The folio is a line of its own; the index's opening page has none, and ends on a locator.
    const indexText = inOrder
      .slice(start)
      .map((page) => withoutHead(page).replace(/\n\s*(\d+|[ivxlc]+)\s*$/, "").replace(/\u00AD/g, "").replace(/-\n\s*/g, "").replace(/\s+/g, " ").trim())
      .join(" ");

    const forms = new Map<string, Set<string>>();
    for (const tree of edition.restored.values()) {
      for (const m of mentionsOf(tree)) forms.set(m.heading, (forms.get(m.heading) ?? new Set()).add(m.surface));
    }
    // A person named only in a cited work's title has no entry: the name is the title's (Simkin's source 38, Lyons's
    // The Life and Death of Sacco and Vanzetti, read in the raw text: the only place either is named).
    const body = { type: "root", children: edition.book.children.slice(0, -1) } as never;
    const inTitles = new Set(selectAll("a.work-ref span.name-mention", body));
    const outsideTitles = new Set(selectAll("span.name-mention", body).filter((span) => !inTitles.has(span)).map((span) => String(span.properties.dataPerson)));
    expect([...forms.keys()].filter((heading) => !outsideTitles.has(heading)).sort()).toEqual(["Sacco, Nicola", "Vanzetti, Bartolomeo"]);
    for (const heading of [...forms.keys()]) if (!outsideTitles.has(heading)) forms.delete(heading);
    /** Where a heading opens its entry (not where a *see* or *see also* names it). */
    const entryAt = (heading: string) => {
      for (let at = indexText.indexOf(heading); at >= 0; at = indexText.indexOf(heading, at + 1)) {
        if (!/(see|see also|;) $/.test(indexText.slice(Math.max(0, at - 10), at))) return at;
      }
      return -1;
    };
    const headings = [...forms.keys()].sort((a, b) => entryAt(a) - entryAt(b));
    const subentryLabels = selectAll(".index-subentries > li > .index-term", edition.book.children.at(-1) as import("hast").Element)
      .map((node) => toStringHast(node))
      .sort((a, b) => b.length - a.length);
    let checked = 0;
    let subentryPages = 0;
    for (const [i, heading] of headings.entries()) {
      const at = entryAt(heading);
      expect(at, heading).toBeGreaterThanOrEqual(0);
      const end = i + 1 < headings.length ? entryAt(headings[i + 1]!) : indexText.length;
      let numbers = indexText
        .slice(at + heading.length, end > at ? end : undefined)
        .replace(/\([^)]*\)/g, "")
;
      // *See also* stands after the bare run, before the sub-entries.
      const related = (authority.persons.find((person) => person.heading === heading)?.seeAlso ?? []).filter((other) => forms.has(other));
      if (related.length) numbers = numbers.replace(`; see also ${related.join("; ")}`, "");
      // Each sub-entry's label starts a run of its own (a label may hold a year: `in 1923`).
      for (const label of subentryLabels) numbers = numbers.replaceAll(` ${label},`, " |");
      const runs = numbers.split(/ see /)[0]!.split("|");
      const pagesListed: number[] = [];
      for (const run of runs) {
        // A mention in a note reads `19n4` (Chicago): its page may stand again among the text's pages.
        const notePages = [...run.matchAll(/(\d+)n\d+/g)].map((m) => Number(m[1]));
        const textPages = expandLocators(run.replace(/\d+n\d+\*?/g, ""));
        expect(new Set(textPages).size, `${heading}: each page once, in order`).toBe(textPages.length);
        expect([...textPages].sort((a, b) => a - b), heading).toEqual(textPages);
        pagesListed.push(...textPages, ...notePages);
      }
      expect(pagesListed.length, heading).toBeGreaterThan(0);
      if (runs.length > 1) subentryPages += pagesListed.length;
      for (const folio of pagesListed) {
        // The mention starts on the page; it may end on the next (`Mikhail | Lashevich`).
        const at = folioPage.get(String(folio))!;
        const page = (pages[at] ?? "").trim().replace(/ (\d+|[ivxlc]+)$/, "");
        const across = `${page} ${(pages[at + 1] ?? "").trim().slice(0, 80)}`;
        const named = [...forms.get(heading)!].some((form) => {
          const found = across.indexOf(form);
          return found >= 0 && found < page.length;
        });
        expect(named, `${heading}: page ${folio}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
    // The sub-entries' numbers were checked with the rest: each a page naming the person.
    expect(subentryPages).toBeGreaterThan(300);
    // The last entry of the HTML index is on the index's last page, with its numbers.
    const printHtml = await readFile(html, "utf8");
    const terms = [...printHtml.matchAll(/<span class="index-term" epub:type="index-term">([^<]+)<\/span>/g)].map((m) => m[1]!);
    const last = terms.at(-1)!;
    expect(last).toBe("Zubarev, Pyotr");
    // The running head over both columns (`INDEX OF NAMES`) is read before them (test/page-columns.test.ts): nothing follows the last entry.
    expect(indexText.slice(entryAt(last)).trim()).toMatch(/^Zubarev, Pyotr, \d+$/);
  });
});

describe("the index in the EPUB", async () => {
  const { epub } = inject("edition");
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(await readFile(epub));
  const index = await zip.file("OEBPS/index.xhtml")!.async("string");

  it("is marked up with EPUB Indexes semantics, every locator a link to its mention's file and id", async () => {
    expect(index).toMatch(/<section[^>]*epub:type="index"/);
    for (const type of ["index-entry-list", "index-entry", "index-term", "index-locator", "index-xref-preferred", "index-xref-related"]) {
      expect(index, type).toContain(`epub:type="${type}"`);
    }
    const locators = [...index.matchAll(/epub:type="index-locator" href="([^"#]+)#([^"]+)"/g)];
    // Built with the PDF, the locators are print pages, each once (linking to its first mention): see test/epub-pages.test.ts.
    expect(locators.length).toBeGreaterThan(500);
    const files = new Map<string, string>();
    for (const [, file, id] of locators) {
      if (!files.has(file!)) files.set(file!, await zip.file(`OEBPS/${file}`)!.async("string"));
      expect(files.get(file!), `${file}#${id}`).toContain(`<span id="${id}" class="name-mention">`);
    }
  });
});
