// Persons found from a text's own evidence, without an authority file (issue 14): small fixtures written for
// each rule, run through the whole text processor (language layer, notes) as a build runs them.
import { readFileSync } from "node:fs";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { MentionRecord } from "../src/enrich/names/enrich-names.js";
import { lexiconSchema } from "../src/manifest/lexicon-schema.js";
import { namesSchema } from "../src/manifest/names-schema.js";
import { processText, textProcessor } from "../src/pipeline.js";

const lexicon = lexiconSchema.parse(parse(readFileSync("src/lexicon/en.yaml", "utf8")));

async function run(text: string, names?: unknown) {
  const processor = textProcessor({ corrections: [], boilerplate: { sites: [] }, lexicon, names: names ? namesSchema.parse(names) : undefined });
  const file = new VFile({ path: "fixture.txt", value: text, data: { textId: "fixture" } });
  await processText(file, processor);
  return { file, mentions: file.data.nameMentions ?? [] };
}

/** Surface and heading; the typography stage joins an initial to the next word with a no-break space. */
const pairs = (mentions: MentionRecord[]) => mentions.map((mention) => [mention.surface.replace(/\u00A0/g, " "), mention.heading]);

describe("persons found from the text's own evidence", () => {
  it("attaches a surname met before and after the full name, and a forename alone, to the person named in full", async () => {
    const { mentions } = await run(
      "Pilsudski’s army was beaten. Later Jozef Pilsudski came back, and everyone spoke of Pilsudski again.\n\nHe and Natalia Sedova left; Natalia wrote to a friend.\n",
    );
    expect(pairs(mentions)).toEqual([
      ["Pilsudski", "Pilsudski, Jozef"],
      ["Jozef Pilsudski", "Pilsudski, Jozef"],
      ["Pilsudski", "Pilsudski, Jozef"],
      ["Natalia Sedova", "Sedova, Natalia"],
      ["Natalia", "Sedova, Natalia"],
    ]);
  });

  it("heads a person by the fullest form, with particles after the forenames and a Chinese name as written", async () => {
    const { mentions } = await run("Jean van Heijenoort was his aide. Chiang Kai-shek's troops marched, and Chiang won. V. Serge and Victor Serge are one man.\n");
    expect(pairs(mentions)).toEqual([
      ["Jean van Heijenoort", "Heijenoort, Jean van"],
      ["Chiang Kai-shek", "Chiang Kai-shek"],
      ["Chiang", "Chiang Kai-shek"],
      ["V. Serge", "Serge, Victor"],
      ["Victor Serge", "Serge, Victor"],
    ]);
  });

  it("drops a sentence's opening word but keeps a particle's name (`Later del Norte`)", async () => {
    const { mentions } = await run("Ramón del Norte met General Boris Sidorenkov in Paris. Later del Norte wrote to him.\n\nSidorenkov did not answer.\n");
    expect(pairs(mentions)).toEqual([
      ["Ramón del Norte", "Norte, Ramón del"],
      ["General Boris Sidorenkov", "Sidorenkov, Boris"],
      ["Norte", "Norte, Ramón del"],
      ["Sidorenkov", "Sidorenkov, Boris"],
    ]);
  });

  it("takes names from a list that holds a person, an editor's role and a possessive", async () => {
    const { mentions } = await run("The leaders were Stalin, Vyacheslav Molotov, Genrikh Yagoda and Zhdanov. See the book, trans. Les Evans. He admired Kliuev’s world.\n");
    expect(pairs(mentions)).toEqual([
      ["Stalin", "Stalin"],
      ["Vyacheslav Molotov", "Molotov, Vyacheslav"],
      ["Genrikh Yagoda", "Yagoda, Genrikh"],
      ["Zhdanov", "Zhdanov"],
      ["Les Evans", "Evans, Les"],
      ["Kliuev", "Kliuev"],
    ]);
  });

  it("takes no place, party, firm, date, common word or sentence opener for a person", async () => {
    const { mentions } = await run(
      "Unfortunately the Comintern met in Leningrad and in Petrograd. Platypus hosted it; the Platypus Review printed it. Harvard University Press and C. Schribner's Sons published Trotskyism and the Left Opposition on June 9. Brest-Litovsk fell.\n",
    );
    expect(pairs(mentions)).toEqual([]);
  });

  it("reports a surname two persons of one text share, at the mention, and never merges them", async () => {
    const { file, mentions } = await run("Lev Kamenev spoke first. Olga Kamenev answered him. Then Kamenev left.\n");
    expect(pairs(mentions)).toEqual([
      ["Lev Kamenev", "Kamenev, Lev"],
      ["Olga Kamenev", "Kamenev, Olga"],
      ["Kamenev", "Kamenev, Olga"],
    ]);
    const warning = file.messages.find((message) => message.ruleId === "names-ambiguous");
    expect(warning?.reason).toContain("`Kamenev, Lev` or `Kamenev, Olga`");
    // `Then Kamenev`: the surname stands at column 58 of line 1.
    expect([warning?.line, warning?.column]).toEqual([1, 58]);
  });

  it("lets the authority file reject a detected false person and fix a heading", async () => {
    // A villa's possessive looks like a person's to the detector.
    const text = "They rented rooms where Wexhall’s gardens ran to the lake. Lev Bronstein wrote; Bronstein’s pen was sharp.\n";
    expect(pairs((await run(text)).mentions)).toContainEqual(["Wexhall", "Wexhall"]);
    const { mentions } = await run(text, {
      persons: [{ heading: "Trotsky, Leon", variants: ["Lev Bronstein", "Bronstein"] }],
      notPersons: [{ pattern: "Wexhall", reason: "a villa" }],
    });
    expect(pairs(mentions)).toEqual([
      ["Lev Bronstein", "Trotsky, Leon"],
      ["Bronstein", "Trotsky, Leon"],
    ]);
  });

  it("marks a mention in a note with the note's label", async () => {
    const { mentions } = await run("Isaac Deutscher wrote the biography.[1]\n\n[1] Isaac Deutscher, The Prophet Outcast (London: Verso, 2003), 258.\n");
    expect(mentions.map((mention) => [mention.surface, mention.note])).toEqual([
      ["Isaac Deutscher", undefined],
      ["Isaac Deutscher", "1"],
    ]);
  });
});
