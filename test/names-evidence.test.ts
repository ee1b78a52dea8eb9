// The rules added for issue 14's second round, each on a small fixture written for it (the sentences are
// modelled on the corpus and the seeds, never copied from them): places a person's name is not, and the kinds of
// evidence that found the persons the first round missed. Run through the whole text processor, as a build runs it.
import { readFileSync } from "node:fs";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { lexiconSchema } from "../src/manifest/lexicon-schema.js";
import { processText, textProcessor } from "../src/pipeline.js";

const lexicon = lexiconSchema.parse(parse(readFileSync("src/lexicon/en.yaml", "utf8")));

async function headings(text: string) {
  const processor = textProcessor({ corrections: [], boilerplate: { sites: [] }, lexicon });
  const file = new VFile({ path: "fixture.txt", value: text, data: { textId: "fixture" } });
  await processText(file, processor);
  return [...new Set((file.data.nameMentions ?? []).map((mention) => mention.heading))].sort();
}

describe("places and things are no persons", () => {
  it("reads a name after a place's preposition, a title's `of`, a works' possessive and a place's ending as a place", async () => {
    const found = await headings(
      [
        "Boris Souvarine and his wife were sent to Alma Ata, in Kazakhstan, for a winter.",
        "We walked past the Bishop of Wenlow’s palace and on to Biddle’s, where a boat waited.",
        "Later we rowed from Thwaite’s. The river is slow past Kettlebourne, and Kettlebourne was still a village; the old mill at Kettlebourne had been pulled down.",
        "The party obeyed Stalin; Zinoviev and Kamenev Stalin knew better. Zinoviev wrote, and Kamenev wrote too.",
        "Leon Sedov spoke at the Leon Sedov Memorial meeting.",
      ].join("\n\n") + "\n",
    );
    expect(found).toEqual(["Kamenev", "Sedov, Leon", "Souvarine, Boris", "Stalin", "Zinoviev"]);
  });
});

describe("evidence of a person the text gives", () => {
  it("takes a verb after an unknown word twice, a joint possessive, a list after `according to`, a noun of a person and a Slavic surname", async () => {
    const found = await headings(
      [
        "Voronsky has a theory of his own. Voronsky wants art to wait for the new man.",
        "This shows in everything from Mild and Baxandall’s criticism of painting to the fairs.",
        "The state, according to Marx, Engels and Lenin, withers away.",
        "In his youth he read the Italian writer Labriola with care.",
        "The right of the party (Rykhanin) held firm.",
      ].join("\n\n") + "\n",
    );
    expect(found).toEqual(expect.arrayContaining(["Voronsky", "Mild", "Baxandall", "Marx", "Engels", "Labriola", "Rykhanin"]));
  });
});

describe("evidence around a name named once (issue 14, third round)", () => {
  it("takes the agent of a person's act (`led by X`) and the name after a noun of a person's life (`the fall of X`), not a place or a firm", async () => {
    const found = await headings(
      [
        "The strike was led by Varnakov, and the fall of Drobespin followed within a year.",
        "The pamphlet was published by Hartwick in London; the fall of Paris came later.",
      ].join("\n\n") + "\n",
    );
    expect(found).toEqual(expect.arrayContaining(["Varnakov", "Drobespin"]));
    expect(found).not.toContain("Hartwick");
    expect(found).not.toContain("Paris");
  });

  it("takes a name followed by `who` (never `whose`, a place's too) and a full name in apposition with a noun of a person, not a thing's", async () => {
    const found = await headings(
      [
        "These pages were written by Torvus, who worked with him for years.",
        "Ambrose Kettleby, a Bolshevik leader at the time, said so.",
        "Grelmont Gazette, a weekly paper, printed the speech.",
        "He went on to Varnokstadt, whose sailors rose. Varnokstadt fell in March.",
      ].join("\n\n") + "\n",
    );
    expect(found).not.toContain("Varnokstadt");
    expect(found).toEqual(expect.arrayContaining(["Torvus", "Kettleby, Ambrose"]));
    expect(found).not.toContain("Gazette, Grelmont");
  });

  it("takes a forename after a noun of kin as its person, and a person's noun before a full name whose surname is a common word", async () => {
    const found = await headings(
      [
        "He fled to Finland after his second wife, Natalia, was arrested.",
        "One of his supporters, Ivetta Bosh, was devastated by the news.",
        "His friend, George, came by; the country, Georgia, was far.",
      ].join("\n\n") + "\n",
    );
    expect(found).toEqual(expect.arrayContaining(["Natalia", "Bosh, Ivetta"]));
    // George is a common forename but `friend` is no noun of kin.
    expect(found).not.toContain("George");
    expect(found).not.toContain("Georgia");
  });

  it("takes a capital without its stop between a forename and a surname, and two unknown words after `of`/`like`, not after a work's noun", async () => {
    const found = await headings(
      [
        "A new life of him, by Bertrand M Pallissard, came out this year.",
        "It would be a role lower than the role of Pontius Pilate in the story.",
        "He wrote for the revolutionary newspaper Nashe Slovo in Paris.",
      ].join("\n\n") + "\n",
    );
    expect(found).toEqual(expect.arrayContaining(["Pallissard, Bertrand M", "Pilate, Pontius"]));
    expect(found).not.toContain("Slovo, Nashe");
  });
});

describe("surnames of full names and Chinese given names", () => {
  it("makes a list holding the surname of a full name met earlier a list of persons, not a list of things", async () => {
    const found = await headings(
      [
        "The theory of Karl Marx was known to few. It was what Marx and Dorvelt called a science.",
        "He read Pravda and Izvestrok each morning.",
      ].join("\n\n") + "\n",
    );
    expect(found).toEqual(expect.arrayContaining(["Marx, Karl", "Dorvelt"]));
    expect(found).not.toContain("Izvestrok");
  });

  it("heads a Chinese name as written when its given name has two short capitalised syllables, not a hyphenated place", async () => {
    const found = await headings("The party was led by Chiang Kai-Shek. The treaty was signed by Count Lorvin at Brest-Litovsk.\n");
    expect(found).toContain("Chiang Kai-Shek");
    expect(found).not.toContain("Kai-Shek, Chiang");
    expect(found.some((heading) => heading.includes("Litovsk"))).toBe(false);
  });
});

describe("a name after a sentence's dropped opener", () => {
  it("reads `While Lenin and Tsao` as a list mid-sentence, and `In Kazrov` as a place's use", async () => {
    const found = await headings(
      [
        "Lenin wrote much. While Lenin and Tsao have been recast as monsters, others have not.",
        "In Kazrov the party grew. Kazrov's workers struck; Kazrov had been quiet.",
      ].join("\n\n") + "\n",
    );
    expect(found).toEqual(expect.arrayContaining(["Lenin", "Tsao"]));
    expect(found).not.toContain("Kazrov");
  });
});
