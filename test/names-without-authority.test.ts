// The index of names with no authority file (issue 14), against lists made by reading
// (test/fixtures/readings/names-corpus.yaml; test/fixtures/names-gold.ts for the seeds). The floors are the
// figures reached when they were set; test/names-quality.ts scores, and the bench prints the same figures.
import { describe, expect, it } from "vitest";
import { corpusNameScores, seedNameScoresWithoutAuthority, type NamesScore } from "./names-quality.js";

const corpus = await corpusNameScores();
const seeds = await seedNameScoresWithoutAuthority();

function expectFloors(score: NamesScore, floors: { headingPrecision: number; headingRecall: number; mentionRecall: number }) {
  expect(score.headingPrecision, `false headings: ${score.falseHeadings.join("; ")}`).toBeGreaterThanOrEqual(floors.headingPrecision);
  expect(score.headingRecall, `missed headings: ${score.missedHeadings.join("; ")}`).toBeGreaterThanOrEqual(floors.headingRecall);
  expect(score.mentionRecall, `missed: ${score.missedMentions.join("; ")}`).toBeGreaterThanOrEqual(floors.mentionRecall);
  expect(score.subjectPresent, "the most-mentioned person is the text's subject").toBe(true);
  expect(score.fragments, "headings that are sentence fragments").toEqual([]);
}

describe("persons found without an authority file", () => {
  it("finds the persons of the corpus' Schneider review (read in full: 29 persons, 108 mentions)", () => {
    expect(corpus.schneider.headingsRead).toBe(29);
    expectFloors(corpus.schneider, { headingPrecision: 0.95, headingRecall: 0.85, mentionRecall: 0.95 });
  });

  it("finds the persons of the corpus' Dawsey article (read in full: 51 persons, 192 mentions)", () => {
    expect(corpus.dawsey.headingsRead).toBe(51);
    expectFloors(corpus.dawsey, { headingPrecision: 0.95, headingRecall: 0.95, mentionRecall: 0.98 });
  });

  it("finds the persons of Sherry's and Marot's reviews with names.yaml emptied", () => {
    expectFloors(seeds.sherry, { headingPrecision: 0.95, headingRecall: 0.8, mentionRecall: 0.95 });
    expectFloors(seeds.marot, { headingPrecision: 0.95, headingRecall: 0.95, mentionRecall: 0.95 });
  });

  it("gives a person named only in part the heading of the fullest form the text gives (`Surname, Forenames`)", () => {
    // Dawsey names Lenin once in full (`Vladimir Lenin`), then 7 times by his surname; Natalia Sedova once by forename alone.
    expect(corpus.dawsey.missedHeadings).not.toContain("Lenin, Vladimir");
    expect(corpus.dawsey.missedMentions.filter((mention) => /Lenin|Natalia/.test(mention))).toEqual([]);
  });
});
