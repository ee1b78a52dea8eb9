// Relative dates, excerpt heads, the not-event rules of the third session and
// statements without asides, on small trees and sentences from the texts
// (sources/texts; the line is given with each).
import type { Root } from "mdast";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { enrichDates } from "../src/enrich/dates/enrich-dates.js";
import { judgeClause } from "../src/enrich/dates/event-clause.js";
import { summarise } from "../src/enrich/dates/events.js";

const lexicon = { namedEvents: ["revolution", "congress", "strike"], eventKinds: {}, stopWords: [] };
const paragraph = (value: string) => ({ type: "paragraph", children: [{ type: "text", value }] });

async function events(children: unknown[]) {
  const tree = { type: "root", children } as Root;
  const file = new VFile({ data: { textId: "t" } });
  await unified().use(enrichDates, { lexicon }).run(tree, file);
  return { events: file.data.chronology!, messages: file.messages };
}

describe("relative dates", () => {
  it("counts from the date in the sentence before, in the same paragraph (Simkin 67, 157)", async () => {
    const { events: found, messages } = await events([
      paragraph("On 17th August, 1918, Moisei Uritsky, chief of the Petrograd Secret Police was assassinated. Two weeks later Dora Kaplan shot and severely wounded Lenin."),
      paragraph("He was deported to Mexico in December, 1936. The following year Trotsky's son Sergi was arrested in the Soviet Union."),
    ]);
    // Two weeks from a day give the month they land in, not a day the text never states; the year is counted, so marked.
    expect(found.map((e) => [e.date.edtf, e.date.text, Boolean(e.held)])).toEqual([
      ["1918-08-17", "On 17th August, 1918", false],
      ["1918?-08", "Two weeks later", false],
      ["1936-12", "December, 1936", false],
      ["1937?", "The following year", false],
    ]);
    // The entry's date says when: the statement leaves the count out.
    expect(found.filter((e) => e.date.yearInferred).map((e) => e.summary)).toEqual(["Dora Kaplan shot and severely wounded Lenin.", "Trotsky's son Sergi was arrested in the Soviet Union."]);
    expect(messages.filter((m) => m.ruleId === "dates-relative").map((m) => m.reason)).toEqual([
      "“Two weeks later” counted from “On 17th August, 1918” in the sentence before: 1918-08",
      "“The following year” counted from “December, 1936” in the sentence before: 1937",
    ]);
  });

  it("counts from a date earlier in the same sentence (Dawsey 14)", async () => {
    const { events: found } = await events([paragraph("After Lenin's death in 1924 and Stalin's consolidation of power three years later, the counterrevolutionary turn forced Trotsky to reconsider.")]);
    expect(found.map((e) => [e.date.edtf, Boolean(e.held)])).toEqual([
      ["1924", false],
      ["1927?", false],
    ]);
  });

  it("holds a count from the paragraph before, or from a date whose own year is not certain (the introduction, 1103 and 276)", async () => {
    const { events: found, messages } = await events([
      paragraph("In 1925, this former persecutor of Trotsky broke with Stalin."),
      paragraph("A year later he set up a United Opposition with Trotsky."),
      paragraph("In February 1917 it burst into the open."),
      paragraph("On 23 February, masses of women took to the streets. The next day women textile workers struck."),
    ]);
    expect(found.map((e) => [e.date.edtf, e.held ?? ""])).toEqual([
      ["1925", ""],
      ["1926?", "“A year later” is counted from “1925” in the paragraph before"],
      ["1917-02", ""],
      ["1917?-02-23", "“On 23 February” has no year: 1917 taken from an earlier paragraph"],
      ["1917?-02-24", "“The next day” is counted from “On 23 February”, whose year is not certain"],
    ]);
    expect(messages.filter((m) => m.ruleId === "dates-relative")).toEqual([]);
  });

  it("counts nothing vague, nothing far back, nothing the sentence dates itself, and no `that day` that is a noun phrase", async () => {
    const { events: found } = await events([
      paragraph("When Chiang's army entered Shanghai in March 1927 the workers rose. A few days later Chiang's troops murdered tens of thousands of Shanghai workers."),
      paragraph("In March, 1922, Stalin received the reward. He was made General Secretary. One month later Lenin was stricken."),
      paragraph("In 1905 he put forward a theory. It was brilliantly vindicated 13 years later by the Russian Revolution in 1917."),
      paragraph("On 30 August 1918 Lenin was shot. It was a kind of revenge for the stupidity of that day."),
      paragraph("On 5 June 1918 the talks ended. Next day, the delegates went home."),
    ]);
    expect(found.map((e) => `${e.date.text}=${e.date.edtf}`)).toEqual([
      "March 1927=1927-03",
      "March, 1922=1922-03",
      "1905=1905",
      "1917=1917",
      "On 30 August 1918=1918-08-30",
      "On 5 June 1918=1918-06-05",
      "Next day=1918?-06-06",
    ]);
  });
});

describe("excerpt heads", () => {
  const excerpt = (head: string, body: string) => ({
    type: "blockquote",
    data: { hName: "section", hProperties: { className: ["source-excerpt"] } },
    children: [
      { type: "heading", depth: 3, children: [{ type: "text", value: head }] },
      { type: "blockquote", children: [paragraph(body)] },
    ],
  });

  it("dates a named document's writing, reads a head in the site's words, and never a work's or a newspaper's date (Simkin's Primary Sources)", async () => {
    const { events: found } = await events([
      excerpt("(2) Julius Martov, letter to Pavel Axelrod on Leon Trotsky (2nd March, 1903)", "Trotsky has been of great help."),
      excerpt("(7) Maxim Gorky, New Life (7th November, 1917)", "Lenin and Trotsky have already become poisoned."),
      excerpt("(18) Leon Trotsky, interviewed by St. Louis Post-Dispatch (17th January, 1937)", "I am ready to appear."),
      excerpt("(9) In November, 1917, Vladimir Lenin sent Leon Trotsky to negotiate with the Central Powers at Brest-Litovsk.", "On 21st February, we received new terms."),
      excerpt("(36) Clare Sheridan , Russian Portraits (1921)", "20th October, 1920: At one time, in his youth, what was he?"),
    ]);
    expect(found.map((e) => [e.date.edtf, e.summary, e.source ?? ""])).toEqual([
      ["1903-03-02", "Julius Martov, letter to Pavel Axelrod on Leon Trotsky.", ""],
      ["1917-11", "In November, 1917, Vladimir Lenin sent Leon Trotsky to negotiate with the Central Powers at Brest-Litovsk.", ""],
      // The excerpt's own dateless day takes its year from the head it stands under, which frames it.
      ["1917?-02-21", "On 21st February, we received new terms.", "In November, 1917, Vladimir Lenin sent Leon Trotsky to negotiate with the Central Powers at Brest-Litovsk."],
    ]);
  });
});

describe("what is not an event (third session)", () => {
  const judge = (sentence: string, date: string) => {
    const at = sentence.indexOf(date);
    return judgeClause(sentence, at, at + date.length, lexicon.namedEvents);
  };

  it("leaves out questions, judgements, observations, commemorations, examples, likenesses and appositives", () => {
    expect(judge("20th October, 1920: At one time, in his youth, what was he?", "20th October, 1920")).toEqual({ event: false, reason: "aside" });
    expect(judge("I had heard Lenin admit that even in 1905, you, and not he, were right.", "1905")).toEqual({ event: false, reason: "aside" });
    expect(judge("Stalin was a mediocrity while the enemies of the Bolsheviks in 1917 were destined for the dustbin of history.", "1917")).toEqual({ event: false, reason: "aside" });
    expect(judge("But while Lenin and Trotsky’s policy in 1917 had proved it positively, the response was to prove it negatively.", "1917")).toEqual({ event: false, reason: "aside" });
    expect(judge("The first fruits of Stalin’s theory could be seen in the British General Strike of 1926.", "1926")).toEqual({ event: false, reason: "aside" });
    expect(judge("The passing in September 2018 of the 80th anniversary of the founding of the Fourth International provides occasion to examine his life.", "September 2018")).toEqual({ event: false, reason: "label" });
    expect(judge("Revolutions swept out an old ruling crust (1830 and 1848 in France, February 1917 in Russia, etc.).", "February 1917")).toEqual({ event: false, reason: "label" });
    expect(judge("While Victor Serge thought a general strike, the tested method of insurrection in the Revolution of 1905, could bring the dictatorship down, Trotsky said little.", "1905")).toEqual({ event: false, reason: "label" });
    expect(judge("Again, as though anticipating the privatisation undertaken by Yeltsin in 1992, Trotsky predicted:", "1992")).toEqual({ event: false, reason: "comparison" });
    expect(judge("The Granat Encyclopaedia was first published by the Soviet government in 1924.", "1924")).toEqual({ event: false, reason: "writing" });
    expect(judge("The programme begins by summing up the lesson of the period that had opened with the collapse of the Second International in 1914:", "1914")).toEqual({ event: false, reason: "writing" });
  });

  it("keeps what happened beside them", () => {
    // A judgement with a deed between it and the date is the deed's (Simkin 276); a publication after the date is another clause's (Simkin 111).
    expect(judge("After Rakovsky, who had read the letter in 1927, had identified it, and Krestinsky had agreed that the identification was correct, Vyshinsky read the contents.", "1927").event).toBe(true);
    expect(judge("In October 1923, Yuri Piatakov drafted a statement that was published under the name Platform of the 46.", "October 1923").event).toBe(true);
    // A lower-case revolution after a time preposition is a time adverbial (Simkin 308); as a subject described, a label.
    expect(judge("When most of the leaders fled abroad after the abortive revolution of 1905-06, Stalin stuck it out in Russia.", "1905-06").event).toBe(true);
    expect(judge("The revolution of 1905 was a dress rehearsal.", "1905")).toEqual({ event: false, reason: "label" });
  });
});

describe("statements without asides", () => {
  const statement = (sentence: string, date: string) => {
    const at = sentence.indexOf(date);
    return summarise(sentence, at, at + date.length);
  };

  it("keeps the event's predicate in a long sentence (the introduction, 50, 504, 805)", () => {
    expect(
      statement(
        "In October 1917, as Chairman of the Council of Workers’ and Soldiers’ Deputies (the “Soviet”) in Petrograd, the capital of the Russian Empire, he organised and led an armed uprising that overthrew the capitalist government, dissolved their secret police and state apparatus, and installed in its place a state based on delegates elected by the mass of the working class themselves.",
        "October 1917",
      ),
    ).toBe("In October 1917 he organised and led an armed uprising that overthrew the capitalist government, dissolved their secret police and state apparatus …");
    expect(statement("In early 1917 some leaders of the Bolshevik party – including Stalin – wanted to use Lenin’s old slogan to get the party to support the Provisional Government.", "early 1917")).toBe(
      "In early 1917 some leaders of the Bolshevik party wanted to use Lenin’s old slogan to get the party to support the Provisional Government.",
    );
    expect(statement("It was not until the summer of 1918, when the civil war was beginning in earnest, that the Mensheviks and the Right SRs were excluded from the Soviets.", "the summer of 1918")).toBe(
      "It was not until the summer of 1918 that the Mensheviks and the Right SRs were excluded from the Soviets.",
    );
    // A when-clause right after the date tells what happened then (Dawsey 28).
    expect(
      statement(
        "All party congresses since the Twelfth Congress of the Russian Communist Party in 1923, when Trotsky first asserted his criticisms of the petrification of party life, had been nothing but bureaucratic parades.",
        "1923",
      ),
    ).toContain("when Trotsky first asserted");
    // A short sentence keeps its asides.
    expect(statement("In 1905 – the year of the first revolution – he returned.", "1905")).toBe("In 1905 – the year of the first revolution – he returned.");
  });
});
