// The index's general cues, for texts no editor has read (no `subentries`
// in an authority file): names of places and institutions, nouns a passage
// comes back to, and no sub-subentry repeating its parent. Small hast
// fixtures written here; each rule with a case it must refuse.
import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import { describe, expect, it } from "vitest";
import { mentionPassages } from "../src/book/back-matter/index-passages.js";
import { chooseSubentries, commonWords, nounKey, repeatsParent, topicCues } from "../src/book/back-matter/index-topics.js";

const P = "Petrov, Ivan";
const options = { works: [], namedEvents: ["congress"], titles: ["Commissar"], commonWords: new Set(["time", "said"]) };

/** One paragraph per item: text, and `@` where Ivan Petrov is named (a second person as `@@`). */
function paragraphs(...items: string[]): Root {
  let n = 0;
  const children: Element[] = items.map((item) =>
    h(
      "p",
      item.split(/(@@|@)/).filter(Boolean).map((part): ElementContent => {
        if (part === "@") return h("span", { id: `m-${++n}`, className: ["name-mention"], dataPerson: P }, "Petrov");
        if (part === "@@") return h("span", { id: `o-${++n}`, className: ["name-mention"], dataPerson: "Orlov, Pavel" }, "Orlov");
        return { type: "text", value: part };
      }),
    ),
  );
  return { type: "root", children };
}

function labelsOf(...items: string[]): string[][] {
  const passages = mentionPassages([paragraphs(...items)]);
  return [...passages.entries()].filter(([, passage]) => passage.block.persons.some((person) => person.heading === P && person.at === passage.at)).map(([, passage]) => topicCues(P, passage, [], options).map((cue) => cue.label));
}

describe("names of places and institutions", () => {
  it("reads a place after in/at/to as a setting, and an institution with `the`", () => {
    expect(labelsOf("Later @ lived in Mexico with his books.")).toEqual([["in Mexico"]]);
    expect(labelsOf("He said @ had joined the Red Army early.")).toEqual([["and the Red Army"]]);
    expect(labelsOf("Both @ and the Communist Party of Germany lost.")).toEqual([["and the Communist Party of Germany"]]);
  });

  it("takes no sentence's first word, no person, no part of the entry's own name, no month", () => {
    expect(labelsOf("Never did @ speak. Ivan Petrov wrote in March.")).toEqual([[]]);
    expect(labelsOf("@ answered @@ at once.")).toEqual([["and Orlov"]]);
  });

  it("takes no capitalised adjective before a common noun, nor a citation's title, place and publisher", () => {
    expect(labelsOf("@ led the Russian workers and the Stalinist bureaucracy feared him.")).toEqual([[]]);
    expect(labelsOf("@ rebuilt the Red army, and the Kremlin was silent.")).toEqual([["and the Kremlin"]]);
    expect(labelsOf("3. @, Selected Writings (London: Pluto Press, 1972), 38.")).toEqual([[]]);
  });
});

describe("capitalised words that name nothing by themselves", () => {
  it("takes no lone common word without `the`, and no ordinal, but keeps a proper name and `the` with a common word", () => {
    expect(labelsOf("Then @ spoke for Party discipline before the vote.")).toEqual([[]]);
    expect(labelsOf("Then @ spoke at the Second before the vote.")).toEqual([[]]);
    expect(labelsOf("Then @ praised Kautsky before the vote.")).toEqual([["and Kautsky"]]);
    expect(labelsOf("Then @ lived in Bath for a year.")).toEqual([["in Bath"]]);
    expect(labelsOf("Then @ spoke for the Party and won.")).toEqual([["and the Party"]]);
  });
});

describe("nouns a passage comes back to", () => {
  it("gives the label the article the passage gives the noun anywhere", () => {
    expect(labelsOf("@ built a house; the house stood empty for years.")).toEqual([["on the house"]]);
  });

  it("takes a noun the paragraph uses twice, with its article", () => {
    expect(labelsOf("@ said the villages were empty, and the villages of the north were poorer still.")).toEqual([["on the villages"]]);
  });

  it("takes no noun used once, none the book uses everywhere, none like `anything`", () => {
    expect(labelsOf("@ sat in a heavy oak chair by the window.")).toEqual([[]]);
    expect(labelsOf("@ had no time; time was short.")).toEqual([[]]);
    expect(labelsOf("@ did not say anything; anything was possible.")).toEqual([[]]);
  });

  it("counts a plural as its singular, and a word in more than a tenth of the passages as common", () => {
    expect(["villages", "parties", "class", "art"].map(nounKey)).toEqual(["village", "party", "class", "art"]);
    const texts = [...Array.from({ length: 40 }, (_, i) => `the time of day ${i}`), "the village art", "a village"];
    expect(commonWords(texts).has("time")).toBe(true);
    expect(commonWords(texts).has("village")).toBe(false);
  });
});

describe("sub-subentries and labels", () => {
  it("knows a sub-subentry that repeats its parent's topic", () => {
    expect(repeatsParent("and China", "and the Chinese Revolution")).toBe(true);
    expect(repeatsParent("and Lenin", "and Leninism")).toBe(true);
    expect(repeatsParent("early life and Siberian exile", "in Siberia")).toBe(true);
    expect(repeatsParent("on industry and planning", "on industry")).toBe(true);
    expect(repeatsParent("and the Red Army", "and the Red")).toBe(true);
    expect(repeatsParent("and Lenin", "and the Red Army")).toBe(false);
    expect(repeatsParent("and the Red Army", "in Moscow")).toBe(false);
    expect(repeatsParent("and the army", "and the armistice")).toBe(false);
    expect(repeatsParent("in the 1920s", "and the Twelfth Congress")).toBe(false);
  });

  it("makes one sub-entry of two kinds of cue with one label, `and` or `the` aside", () => {
    const work = { key: "work:Iskra", kind: "work" as const, label: "Iskra", tier: 1 };
    const paper = { key: "name:iskra", kind: "name" as const, label: "and Iskra", tier: 4.5 };
    expect(chooseSubentries([[work], [work], [paper], [paper]]).map((choice) => [choice.topic.label, choice.members])).toEqual([["Iskra", [0, 1, 2, 3]]]);
    const event = { key: "event:twelfth congress", kind: "event" as const, label: "and the Twelfth Congress", tier: 2 };
    const name = { key: "name:twelfth congress", kind: "name" as const, label: "and the Twelfth Congress", tier: 4.5 };
    const chosen = chooseSubentries([[event], [event], [name], [name], []]);
    expect(chosen.map((choice) => [choice.topic.label, choice.members])).toEqual([["and the Twelfth Congress", [0, 1, 2, 3]]]);
  });
});
