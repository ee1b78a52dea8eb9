// What makes a dated clause an event (event-clause.ts), and the editor's
// chronology.yaml (chronology-edits.ts, chronology-schema.ts): small fixtures
// and sentences of the real texts (line numbers are the raw files').
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { judgeClause } from "../src/enrich/dates/event-clause.js";
import { editedChronology, editedEvents, type PlacedChronologyEdit } from "../src/enrich/dates/chronology-edits.js";
import { eventFeatures, summarise, type DatedEvent } from "../src/enrich/dates/events.js";
import { chronologyEditsSchema } from "../src/manifest/chronology-schema.js";
import { loadYamlDataFile } from "../src/manifest/yaml-data-file.js";

const judge = (sentence: string, date: string) => {
  const at = sentence.indexOf(date);
  return judgeClause(sentence, at, at + date.length, ["revolution", "congress", "strike"]);
};

describe("an event is a dated clause with a past or historic-present predicate", () => {
  it("takes the dated events of the texts", () => {
    expect(judge("In 1888 he was sent off to school.", "1888")).toEqual({ event: true });
    expect(judge("Trotsky returned to Russia during the 1905 Revolution.", "1905")).toEqual({ event: true });
    expect(judge("With the defeat of the 1905 revolution, Trotsky was arrested again, but he escaped to Vienna.", "1905")).toEqual({ event: true });
    expect(judge("On 23 September Trotsky is elected chairman of the Petrograd Soviet.", "23 September")).toEqual({ event: true });
    expect(judge("In 1921 Alexandra Kollontai published her pamphlet The Workers’ Opposition.", "1921")).toEqual({ event: true });
    expect(judge("He did not join the Communist Party until 1917, whereas Stalin had nailed his flag to Lenin's mast.", "1917")).toEqual({ event: true });
    expect(judge("His health had been poor ever since Dora Kaplan had shot him in 1918.", "1918")).toEqual({ event: true });
    expect(judge("At 10.00am on 25 October, the Military Revolutionary Committee announced:", "25 October")).toEqual({ event: true });
  });

  it("leaves out comparisons, labels, writing, citations, asides, counterfactuals and file names (the issue's cases among them)", () => {
    const reason = (sentence: string, date: string) => judge(sentence, date).reason;
    expect(reason("The proletariat was still smaller in size than it had been in 1917, and its confidence was undermined.", "1917")).toBe("comparison");
    expect(reason("He had lived officially since June 1935 as a guest of the ruling Labor Party.", "June 1935")).toBe("comparison");
    expect(reason("Up until 1924, nobody in the Communist Party had ever doubted the idea.", "1924")).toBe("comparison");
    expect(reason("In 1914, as we have seen, it broke with internationalism.", "1914")).toBe("aside");
    expect(reason("The French Revolution of 1789 was a classic example.", "1789")).toBe("label");
    expect(reason("It recalled the coalition government of the November 1917 period.", "November 1917")).toBe("label");
    expect(reason("Volume III, Fighting the Rising Stalinist Bureaucracy, was published in 1991.", "1991")).toBe("writing");
    expect(reason("Writing in 1938, Trotsky expected that the war would end in revolution.", "1938")).toBe("writing");
    expect(reason("In 1924 a collection of Trotsky's articles appeared with a preface.", "1924")).toBe("writing");
    expect(reason("Khrushchev, in his secret speech to the Twentieth Congress in 1956, said: ‘I will not sin against the truth.’", "1956")).toBe("citation");
    expect(reason("See Deutscher, The Prophet Armed (London: Verso, 2003), p. 12, on the events of 1905.", "1905")).toBe("citation");
    expect(reason("If Rosa Luxemburg had hidden herself more effectively in January 1919 the party would have been led otherwise.", "January 1919")).toBe("counterfactual");
    expect(reason("The photograph trotsky_1905.jpg shows him in 1905.", "1905")).toBe("file-name");
    expect(reason("The first fruits, the tactics of 1917.", "1917")).toBe("no-predicate");
  });
});

describe("statements", () => {
  it("trims to the dated clause, at most 25 words, without the words that tie it to the sentence before", () => {
    const sentence = "However, in a speech that lasted for hours and that the delegates remembered for the rest of their lives, on 7 November 1917 Trotsky broadcast an appeal by radio to all the main countries involved in the war, declaring that they should now begin negotiations.";
    const at = sentence.indexOf("7 November 1917");
    const statement = summarise(sentence, at, at + 15);
    expect(statement.split(/\s+/).length).toBeLessThanOrEqual(26);
    expect(statement).toContain("on 7 November 1917 Trotsky broadcast an appeal by radio");
    expect(summarise("However, in 1905 the Soviet met.", 12, 16)).toBe("In 1905 the Soviet met.");
    expect(summarise("In 1914, as we have seen, it broke with internationalism.", 3, 7)).toBe("In 1914 it broke with internationalism.");
  });
});

describe("the editor's chronology.yaml", () => {
  const event = (textId: string, line: number, edtf: string, sentence: string, extra: Partial<DatedEvent> = {}): DatedEvent => ({
    anchor: `chrono-${textId}-${line}`,
    textId,
    date: { edtf, text: edtf, ...(edtf.includes("?") ? { yearInferred: true } : {}) },
    summary: sentence,
    sentence,
    persons: [],
    features: eventFeatures(sentence, { eventKinds: {}, stopWords: [] }),
    position: { start: { line, column: 1 }, end: { line, column: 1 } },
    ...extra,
  });
  const texts = () => {
    const file = new VFile({ path: "texts/a.txt", data: { textId: "a" } });
    file.data.chronology = [
      event("a", 3, "1904?-10-18", "At a mass meeting on 18 October he called on the workers to have no trust in the Tsar.", { held: "“on 18 October” has no year: 1904 taken from an earlier paragraph" }),
      event("a", 5, "1917?-02-23", "On 23 February masses of women took to the streets.", { held: "“On 23 February” has no year: 1917 taken from an earlier paragraph" }),
      event("a", 7, "1991", "Volume III was out in 1991."),
      event("a", 9, "1917-10", "In October 1917 the Soviet took power."),
      event("a", 11, "1917-10", "The insurrection of October 1917 won."),
      event("a", 13, "1922", "In 1922 Stalin became General Secretary of the party, a post Lenin had suggested."),
    ];
    return [file];
  };
  const edit = (fields: Record<string, unknown>, line = 1): PlacedChronologyEdit => ({ ...chronologyEditsSchema.parse([{ text: "a", reason: "read", ...fields }])[0]!, place: { line, column: 3 } });

  it("holds an unconfirmed year out of the appendix and reports it at its place in the text", () => {
    const files = texts();
    const entries = editedChronology({ texts: files });
    expect(entries.map((entry) => entry.date.edtf)).toEqual(["1917-10", "1917-10", "1922", "1991"]);
    expect(files[0]!.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`)).toEqual(["dates-year-held 3:1", "dates-year-held 5:1"]);
  });

  it("confirms, corrects, drops, merges and re-words, keyed by text and quoted words (quotes and dashes compared loosely)", () => {
    const files = texts();
    const entries = editedChronology({
      texts: files,
      chronologyEdits: [
        edit({ words: "At a mass meeting on 18 October", correct: "1905-10-18" }),
        edit({ words: "On 23 February", confirm: true }),
        edit({ words: "Volume III", drop: true }),
        edit({ words: "The insurrection of October 1917", merge: { text: "a", words: "the Soviet took power" } }),
        edit({ words: "Stalin became General Secretary", reword: "Stalin General Secretary of the party." }),
      ],
    });
    expect(files[0]!.messages).toEqual([]);
    expect(entries.map((entry) => [entry.date.edtf, entry.passages.length, entry.summary.slice(0, 30)])).toEqual([
      ["1905?-10-18", 1, "At a mass meeting on 18 Octobe"],
      ["1917?-02-23", 1, "On 23 February masses of women"],
      ["1917-10", 2, "In October 1917 the Soviet too"],
      ["1922", 1, "Stalin General Secretary of th"],
    ]);
  });

  it("fails at its own line when an entry finds no passage", () => {
    const chronologyFile = new VFile({ path: "sources/chronology.yaml" });
    expect(() => editedEvents({ texts: texts(), chronologyEdits: [edit({ words: "On 24 February", confirm: true }, 7)], chronologyFile })).toThrow(
      "no dated passage of `a` has the words “On 24 February”",
    );
    expect(chronologyFile.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`)).toEqual(["sources/chronology.yaml:7:3 chronology-no-match"]);
  });

  it("is checked by its schema at its line: one action per entry, dates in EDTF", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "chronology-"));
    const file = path.join(dir, "chronology.yaml");
    await writeFile(file, "- text: a\n  words: On 23 February\n  reason: read\n  confirm: true\n  drop: true\n");
    await expect(loadYamlDataFile(file, chronologyEditsSchema, "chronology")).rejects.toThrow(/exactly one of `confirm`/);
    await writeFile(file, "- text: a\n  words: On 23 February\n  reason: read\n  correct: 23 February 1917\n");
    await expect(loadYamlDataFile(file, chronologyEditsSchema, "chronology")).rejects.toThrow(/EDTF/);
  });
});
