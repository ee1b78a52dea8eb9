// `edition new <dir>`: a minimal edition an editor fills in. The folder gets
// a manifest (edition.yaml) whose every required key holds a value: real ones
// where one can be made (a slug from the folder's name, a fresh UUID, today's
// date) and placeholders the build warns about (`manifest-placeholder`)
// where only the editor knows; one short sample text in texts/; and the
// editorial data files, empty, each with comments that say what goes in it.
// It builds as it stands. An existing folder that holds anything is refused,
// and no file is ever overwritten (each is created exclusively).
import { randomUUID } from "node:crypto";
import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { defaultDataName, defaultManifestName, type EditorialDataKind } from "../manifest/edition-data.js";
import { placeholder } from "../manifest/placeholders.js";

export class NewEditionRefused extends Error {}

/** A slug from the folder's name (`My Edition` → `my-edition`), or `new-edition` when nothing of it will do. */
export function slugOf(dir: string): string {
  const slug = path
    .basename(path.resolve(dir))
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return /^[a-z0-9][a-z0-9-]*$/.test(slug) ? slug : "new-edition";
}

const quoted = (value: string) => JSON.stringify(value);

/** The manifest `edition new` writes. */
export function newManifest(slug: string, today: string, uuid: string): string {
  return `# The edition's manifest: what the book is and which texts it holds, in
# reading order. Every value that starts with "CHANGE ME" is a placeholder:
# the build works with it but warns at its line until it is changed.
# Paths are relative to this folder, and may not leave it.
slug: ${slug}                 # file names of the outputs: build/${slug}.epub…
title: ${quoted(placeholder("the edition's title"))}
# subtitle: A subtitle
editor: ${quoted(placeholder("the editor's name"))}   # optional: leave out, and no editor is credited
publisher: ${quoted(placeholder("the publisher"))}   # optional: leave out, and no publisher is named
language: en                          # a BCP 47 tag: en, en-GB, fr…
rights: ${quoted(placeholder("who holds the rights to the texts, and on what terms they are reproduced"))}
identifier: urn:uuid:${uuid}
description: ${quoted(placeholder("one or two sentences on what the edition holds"))}
# subject: The book's subject       # optional: the EPUB's subject, an index heading
revised: ${today}                     # the date of this revision: the outputs' dates
note: |
  ${placeholder("the editorial note, in Markdown: where the texts come from and how they were edited.")}
# Optional keys: calendarNote, bibliographyStyle, printNotes (footnotes or
# endnotes), trim (6x9in, A5, 5.5x8.5in), and the data files below when they
# are not the ones beside this manifest (corrections: …, boilerplate: …,
# structure: …, names: …, lexicon: …).
texts:
  - id: sample                        # lower case; used for file names and anchors
    file: texts/sample.txt
    author: ${quoted(placeholder("the author"))}   # or \`anonymous: true\`: credited by title
    title: ${quoted(placeholder("the text's title"))}
    kind: article                     # review, chapter, book, biography or article
    publication: ${quoted(placeholder("where the text was first published"))}
    # date: "1994"                    # optional, as it should be printed
    source:
      site: ${quoted(placeholder("where this copy of the text was found"))}
      # url: https://…
`;
}

const sampleText = `This is a sample text. Replace it with a raw text exactly as it was found, in UTF-8, and never edit the raw text by hand: every change to it is a rule or a listed correction, so a rebuild gives the same book.

Paragraphs are separated by a blank line. Headings, notes, quotations and typography are restored from the text's own evidence.
`;

/** Each data file: its comment, and the empty value its schema accepts. */
const dataFiles: Record<EditorialDataKind, string> = {
  corrections: `# Corrections of slips in the raw texts, applied before anything else.
# Each entry:
# - text: sample                # the text's id in the manifest
#   wrong: teh                  # exactly as it stands in the raw text
#   right: the
#   reason: misprint
#   count: 1                    # how often \`wrong\` stands there (default 1)
[]
`,
  boilerplate: `# Site furniture to remove, per site (navigation lines, shop links, credits).
# sites:
#   - site: An Archive
#     recognise: ['^© An Archive']   # a text is from this site when a line matches
#     remove: ['^Back to the index$']
#     credits: ['^Transcribed by ']
sites: []
`,
  structure: `# Structure the detectors cannot prove: a heading run into its paragraph,
# or a block quotation the source left as a plain paragraph.
# - text: sample
#   runInHeading: The words that are the heading
#   reason: why
# - text: sample
#   blockQuotation: The words the quotation starts with
#   paragraphs: 1
#   reason: why
[]
`,
  names: `# The name authority file: one heading per person, the forms the texts use.
# persons:
#   - heading: Writer, Jane
#     variants: [J. Writer]
#     dates: 1900–1980
persons: []
`,
  lexicon: `# Words of the edition's subject, extending the default lexicon of its
# language (titles before names, named events, abbreviations…).
# titles: [Commissar]
# abbreviations: [ibid]
{}
`,
  chronology: `# The editors' word on the chronology. Each entry finds a dated passage by
# its text and words of its sentence, and does one thing:
# - text: sample
#   words: "On 23 September"      # words quoted from the sentence
#   date: "23 September"          # optional: which date, when the sentence has several
#   confirm: true                 # or correct: 1917-09-23, drop: true, reword: "…",
#                                 # or merge: { text: other, words: "…" }
#   reason: why
[]
`,
};

/** The files of a new edition, relative to its folder, with their contents. */
export function newEditionFiles(dir: string, today = new Date().toISOString().slice(0, 10), uuid: string = randomUUID()): Record<string, string> {
  const manifest = defaultManifestName;
  return {
    [manifest]: newManifest(slugOf(dir), today, uuid),
    [path.join("texts", "sample.txt")]: sampleText,
    ...Object.fromEntries(Object.entries(dataFiles).map(([kind, content]) => [defaultDataName(manifest, kind as EditorialDataKind), content])),
  };
}

/** Write a new edition into `dir` (created if need be); refused when `dir` is a file or a folder that holds anything. Returns the paths written, relative to `dir`. */
export async function writeNewEdition(dir: string): Promise<string[]> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new NewEditionRefused(`\`${dir}\` is a file, not a folder; nothing was written`);
  if (info && (await readdir(dir)).length) throw new NewEditionRefused(`the folder \`${dir}\` is not empty; a new edition goes into a new or empty folder, and nothing was written`);
  const files = newEditionFiles(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content, { flag: "wx" });
  }
  return Object.keys(files);
}
