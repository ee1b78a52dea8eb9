// Citations on the real texts: the seeds (sources/) and the development
// corpus (test/fixtures/corpus/), measured by citationFigures
// (test/quality.ts, which the bench prints) against the readings in
// test/fixtures/readings/citations.yaml.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { selectAll } from "hast-util-select";
import { parse } from "yaml";
import { buildEdition } from "../src/pipeline.js";
import { citationFigures } from "./quality.js";

const reading = parse(readFileSync("test/fixtures/readings/citations.yaml", "utf8")) as {
  seeds: { editorialBrackets: Record<string, number>; simkinExcerptHeadsNamingAWork: number };
  corpusNotesWithAuthorTitlePage: Record<"schneider" | "dawsey", number>;
  discursiveNotes: Record<string, number>;
  cliffNotes: { withAuthorTitlePage: number; withTitleAndPage: number };
};

describe("citations in the seeds", async () => {
  const edition = await buildEdition("sources/edition.yaml", { keepRestored: false });
  const figures = citationFigures(edition);

  it("takes none of the editorial brackets for a citation, and counts each", () => {
    for (const [id, count] of Object.entries(reading.seeds.editorialBrackets)) {
      expect(figures[id]!.brackets, id).toBe(0);
      expect(figures[id]!.editorialBracketsLeftAsText, id).toBe(count);
    }
  });

  it("makes each Simkin excerpt head that names a work a citation, and leaves nothing unresolved", () => {
    const simkin = edition.texts.find((file) => file.data.textId === "simkin")!;
    const heads = simkin.data.citations!.filter((record) => record.form === "source" && record.line! > 170);
    expect(heads.length).toBe(reading.seeds.simkinExcerptHeadsNamingAWork);
    for (const [id, figure] of Object.entries(figures)) expect(figure.unresolved, id).toEqual([]);
  });

  it("counts the notes that only discuss apart, and reads every citing note of Cliff's with its title and page", () => {
    for (const id of ["sherry", "cliff", "marot"]) expect(figures[id]!.discursiveNotes, id).toBe(reading.discursiveNotes[id]);
    expect(figures.cliff!.withAuthorTitlePage).toBe(reading.cliffNotes.withAuthorTitlePage);
    expect(figures.cliff!.withTitleAndPage).toBe(reading.cliffNotes.withTitleAndPage);
  });

  it("lists every cited work once in the works cited, each with where it is cited", () => {
    const entries = JSON.stringify(edition.book).match(/"className":\["work"\]/g)?.length;
    const backReferenced = JSON.stringify(edition.book).match(/"className":\["work-cited-at"\]/g)?.length;
    expect(entries).toBeGreaterThanOrEqual(40);
    expect(backReferenced).toBe(entries);
  });
});

describe("note citations in the development corpus", async () => {
  const edition = await buildEdition("test/fixtures/corpus/edition.yaml", { keepRestored: false });
  const figures = citationFigures(edition);

  it("parses every note read as a citation with author, title and page into a CSL item, and no note that discusses", () => {
    for (const id of ["schneider", "dawsey"] as const) {
      expect(figures[id]!.withAuthorTitlePage, id).toBe(reading.corpusNotesWithAuthorTitlePage[id]);
      expect(figures[id]!.discursiveNotes, id).toBe(reading.discursiveNotes[id]);
      // Every note names a work: all are read as citations, with a page or without.
      expect(figures[id]!.noteCitations, id).toBe(figures[id]!.notes);
      expect(figures[id]!.unresolved, id).toEqual([]);
    }
  });

  it("links every citation to an entry of the works cited (an author's letter NFKD leaves whole, `Høidal`, makes no broken id)", () => {
    const entries = new Set(selectAll("li.work", edition.book).map((node) => String(node.properties.id)));
    const links = selectAll("a.work-ref", edition.book).map((node) => String(node.properties.href).slice(1));
    expect(links.length).toBeGreaterThan(30);
    expect(links.filter((target) => !entries.has(target))).toEqual([]);
    expect(entries.has("work-hoidal-trotsky-in-norway-exile-1935-1937")).toBe(true);
  });
});
