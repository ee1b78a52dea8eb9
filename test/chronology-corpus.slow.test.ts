// The chronology on a text of the development corpus (built as its own
// edition): Dawsey's review essay against a reading of every dated event in
// it (test/fixtures/readings/chronology.yaml, `dawsey`).
import { describe, expect, it } from "vitest";
import { buildEdition } from "../src/pipeline.js";
import { eventReadings, eventScores } from "./quality.js";

describe("the chronology on the corpus", () => {
  it("finds Dawsey's dated events as read, every miss and every false event known", async () => {
    const edition = await buildEdition("test/fixtures/corpus/edition.yaml", { keepRestored: false });
    const reading = (await eventReadings()).dawsey;
    const file = edition.texts.find((text) => text.data.textId === "dawsey")!;
    const scores = eventScores(reading.events, file.data.chronology ?? []);
    expect(scores.missed).toEqual(reading.missed);
    expect(scores.extra).toEqual(reading.false);
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
    expect(scores.precision).toBeGreaterThanOrEqual(0.8);
    // The corpus has no chronology.yaml: every year taken from further back is held and reported at its raw place.
    const held = edition.texts.flatMap((text) => text.messages.filter((m) => m.ruleId === "dates-year-held"));
    expect(held.length).toBeGreaterThan(0);
    expect(held.filter((m) => !(m.line && m.column && m.file && /held out of the chronology/.test(m.reason)))).toEqual([]);
  });
});
