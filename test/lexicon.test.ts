// Knowledge as data: a site's excerpt convention, the lexicon of the
// enrichers (the project's default for the language, extended by an
// edition's own) and the way a review cites the book it reviews are data or
// evidence, not code. Each case is a small fixture edition written here,
// loaded through the manifest loader and run through the text pipeline.
import path from "node:path";
import type { Blockquote, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { describe, expect, it } from "vitest";
import type { VFileMessage } from "vfile-message";
import { eventFeatures, sameEvent, type DatedEvent } from "../src/enrich/dates/events.js";
import type { Lexicon } from "../src/manifest/lexicon-schema.js";
import { loadEdition } from "../src/manifest/load-edition.js";
import { processText, textProcessor } from "../src/pipeline.js";
import { closingReferencePattern, pageReferencePattern } from "../src/restore/page-references.js";
import { sourcesFixture } from "./helpers.js";

const manifest = `slug: documents
title: Documents
editor: Test Editor
publisher: Test Press
language: en
rights: For testing.
identifier: urn:uuid:00000000-0000-4000-8000-000000000002
description: A one-text fixture edition.
subject: Testing
revised: 2026-01-31
note: A note.
texts:
  - id: life
    file: texts/life.txt
    author: Ann Author
    title: A life in documents
    kind: biography
    publication: Documents of the Past
    source:
      site: Documents of the Past
`;

// A site that sets out its excerpts under `Documents`, each headed `Extract n — attribution`;
// the second head is short enough that the headings stage takes it for a heading.
const boilerplate = `sites:
  - site: Documents of the Past
    recognise:
      - '^© Documents of the Past'
    credits:
      - '^© Documents of the Past'
    excerpts:
      - section: '^Documents$'
        head: '^Extract (\\d+) — \\S'
`;

const text = `A life in documents

Hetman Pavlo Skoropadsky ruled Ukraine for most of 1918. Then the 1921 famine struck the Volga, and during the 1905 revolution nothing of the sort had happened.

Documents

Extract 1 — Vladimir Lenin, letter to Maxim Gorky (1919)

The intellectual forces of the workers and peasants are growing and gaining strength in their fight.

Extract 2 — Maxim Gorky, a reply

I am writing to you because nobody else will, and the letter must be answered at length.

Extract 4 — Victor Serge, a memoir (1951)

The years passed, and the revolution was no longer what it had been when it began in the cities.

© Documents of the Past, 2020
`;

async function run(files: Record<string, string>) {
  const dir = await sourcesFixture(manifest, { "texts/life.txt": text, ...files });
  const loaded = await loadEdition(path.join(dir, "edition.yaml"));
  const file = loaded.texts[0]!;
  const { mdast } = await processText(file, textProcessor(loaded));
  return { loaded, file, mdast };
}

async function loadError(files: Record<string, string>): Promise<VFileMessage> {
  const dir = await sourcesFixture(manifest, { "texts/life.txt": text, ...files });
  const error = await loadEdition(path.join(dir, "edition.yaml")).then(
    () => undefined,
    (reason: VFileMessage) => reason,
  );
  if (!error) throw new Error("the edition loaded, but it should not have");
  return error;
}

const excerptSections = (tree: Root) =>
  tree.children.filter((node): node is Blockquote => node.type === "blockquote" && (node.data as { hName?: string } | undefined)?.hName === "section");

describe("a site's excerpt convention is data", () => {
  it("sets out another site's numbered excerpts from its boilerplate entry alone", async () => {
    const { file, mdast } = await run({ "boilerplate.yaml": boilerplate });
    const sections = excerptSections(mdast);
    // Read from the fixture: three excerpts, numbered 1, 2 and 4, each a heading (depth 3) and its quotation.
    expect(sections.map((section) => (section.data as { hProperties: { ariaLabel: string } }).hProperties.ariaLabel)).toEqual(["Source 1", "Source 2", "Source 4"]);
    expect(sections.map((section) => section.children.map((child) => child.type))).toEqual([
      ["heading", "blockquote"],
      ["heading", "blockquote"],
      ["heading", "blockquote"],
    ]);
    expect(sections.map((section) => toString(section.children[0]!))).toEqual([
      "Extract 1 – Vladimir Lenin, letter to Maxim Gorky (1919)",
      "Extract 2 – Maxim Gorky, a reply",
      "Extract 4 – Victor Serge, a memoir (1951)",
    ]);
    expect(toString(sections[2]!.children[1]!)).toMatch(/^The years passed, .* in the cities\.$/);
    // The section heading stays, before the excerpts; the credit line went to the source note.
    expect(toString(mdast.children[mdast.children.indexOf(sections[0]!) - 1]!)).toBe("Documents");
    expect(file.data.sourceNote!.map((line) => line.text)).toEqual(["© Documents of the Past, 2020"]);
    const messages = file.messages.filter((message) => message.ruleId?.startsWith("structure-excerpt")).map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`);
    expect(messages).toEqual(["15:1 structure-excerpt-number source excerpt (4) where (3) was expected", "5:1 structure-excerpts 3 source excerpts in the Documents section"]);
  });

  it("leaves the same text alone when no site's data describes its excerpts", async () => {
    const { mdast } = await run({ "boilerplate.yaml": boilerplate.replace(/ {4}excerpts:[\s\S]*$/, "") });
    expect(excerptSections(mdast)).toEqual([]);
    // The edition's own rules (Spartacus Educational's `Primary Sources`) do not recognise this text either.
    const { mdast: withEditionRules } = await run({});
    expect(excerptSections(withEditionRules)).toEqual([]);
  });

  it("reports an excerpt head without a group for the number at its line and column", async () => {
    const error = await loadError({ "boilerplate.yaml": boilerplate.replace("'^Extract (\\d+) — \\S'", "'^Extract \\d+ — \\S'") });
    expect(error.file).toMatch(/boilerplate\.yaml$/);
    expect([error.line, error.column, error.ruleId]).toEqual([9, 15, "boilerplate-schema"]);
    expect(error.reason).toMatch(/needs a group/);
  });
});

describe("the lexicon", () => {
  it("loads the project's default lexicon for the edition's language, extended by the edition's own", async () => {
    const loaded = await loadEdition("sources/edition.yaml");
    expect(loaded.lexiconFiles.map((file) => path.basename(file.path))).toEqual(["en.yaml", "lexicon.yaml"]);
    // General titles from src/lexicon/en.yaml, Soviet-history ones from sources/lexicon.yaml.
    expect(loaded.lexicon.titles).toEqual(expect.arrayContaining(["General", "President", "King", "Commissar", "Tsar"]));
    expect(loaded.lexicon.namedEvents).toEqual(expect.arrayContaining(["revolution", "plenum"]));
    expect(loaded.lexicon.eventKinds.birth).toEqual(["born", "birth", "births"]);
  });

  it("uses a title and a named event that only the edition's lexicon adds", async () => {
    const without = await run({});
    // `the 1905 revolution` is in the default lexicon; `the 1921 famine` and `Hetman` are not.
    expect(without.file.data.chronology!.map((event) => event.date.edtf)).toEqual(["1905"]);
    // Without the title the person is still found (a Slavic surname), but `Hetman` is read as a forename, not a title.
    expect(without.file.data.nameMentions!.map((mention) => mention.heading)).not.toContain("Skoropadsky, Pavlo");

    const withLexicon = await run({ "lexicon.yaml": "titles: [Hetman]\nnamedEvents: [famine]\n" });
    expect(withLexicon.file.data.chronology!.map((event) => event.date.edtf)).toEqual(["1921", "1905"]);
    const hetman = withLexicon.file.data.nameMentions!.find((mention) => mention.surface === "Hetman Pavlo Skoropadsky");
    expect(hetman?.heading).toBe("Skoropadsky, Pavlo");
  });

  it("merges two passages only when they share a kind of event the lexicon names", async () => {
    const { loaded } = await run({ "lexicon.yaml": "eventKinds:\n  famine: [famine, starvation]\n" });
    // The edition's kind is added beside the default kinds, which stay.
    expect(Object.keys(loaded.lexicon.eventKinds)).toEqual(["birth", "death", "expulsion", "banishment", "killing", "arrest", "election", "treaty", "famine"]);
    const { loaded: plain } = await run({});
    const event = (sentence: string, edtf: string, lexicon: Lexicon): DatedEvent => ({
      anchor: edtf,
      textId: "life",
      date: { edtf, text: edtf },
      summary: sentence,
      sentence,
      persons: [],
      features: eventFeatures(sentence, lexicon),
    });
    const pair = (lexicon: Lexicon) => sameEvent(event("The famine struck the Volga in 1921.", "1921", lexicon), event("Starvation struck the Volga in the summer of 1921.", "1921-22", lexicon));
    expect(pair(loaded.lexicon)).toBe(true);
    expect(pair(plain.lexicon)).toBe(false);
  });

  it("reports a malformed lexicon entry at its line and column", async () => {
    const error = await loadError({ "lexicon.yaml": "titles: [Hetman]\nnamedEvents:\n  - famine\n  - Red Terror\n" });
    expect(error.file).toMatch(/lexicon\.yaml$/);
    expect([error.line, error.column, error.ruleId]).toEqual([4, 5, "lexicon-schema"]);
    expect(error.reason).toBe("`namedEvents.1`: must be one word in lower-case letters");
  });

  it("reports an unknown key in the lexicon at its line and column", async () => {
    const error = await loadError({ "lexicon.yaml": "titles: [Hetman]\nevents: [famine]\n" });
    expect([error.line, error.column, error.ruleId]).toEqual([2, 1, "lexicon-schema"]);
  });
});

describe("how a review cites the book it reviews", () => {
  const review = { author: "Jane Doe", title: "A Book" };

  it("takes a page in brackets after the reviewed book's author's name, or alone", () => {
    const pages = (sentence: string) => [...sentence.matchAll(pageReferencePattern(review))].map((match) => match[1]);
    expect(pages("as she says (15), and later (Doe’s citation 259–60.) and (Doe, 136).")).toEqual(["15", "259–60", "136"]);
    // Another author's name is no reference to this book.
    expect(pages("as Smith says (Smith’s citation, 136).")).toEqual([]);
    // Without an author in the review's head, only the bare page form.
    expect([..." (Doe, 136) (12)".matchAll(pageReferencePattern({ title: "A Book" }))].map((match) => match[1])).toEqual(["12"]);
  });

  it("knows a paragraph closed by such a reference, before typography", () => {
    expect("the masses are with us.” (Doe's citation 259-60.)".replace(closingReferencePattern(review), "")).toBe("the masses are with us.”");
    expect("the masses are with us.” (see Smith 259-60.)".replace(closingReferencePattern(review), "")).toBe("the masses are with us.” (see Smith 259-60.)");
    expect("as follows: [5]".replace(closingReferencePattern(undefined), "")).toBe("as follows:");
  });
});
