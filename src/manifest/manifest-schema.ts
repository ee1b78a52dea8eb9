// What a manifest (sources/edition.yaml, or any other) may say. Objects are strict: an unknown key is an error,
// because a misspelt key silently ignored is an edition built wrong.
import { z } from "zod";

const nonEmpty = z.string().trim().min(1);

export const trimSizes = {
  "6x9in": { width: "6in", height: "9in" },
  A5: { width: "148mm", height: "210mm" },
  "5.5x8.5in": { width: "5.5in", height: "8.5in" },
} as const;

/** A text as edition.yaml may give it: a Markdown text may leave its title and author to its front matter. */
const textFileSchema = z.strictObject({
  /** Stable id: used for file names and anchors, so keep it once published. */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, "must be lower-case letters, digits and hyphens"),
  file: nonEmpty,
  /** The reader: `markdown` or `text`; by default `markdown` for a `.md`/`.markdown` file, else `text`. */
  format: z.enum(["markdown", "text"]).optional(),
  author: nonEmpty.optional(),
  /** A text with no author: credited by its title (copyright page, references), never as an author named "Anonymous". */
  anonymous: z.literal(true).optional(),
  title: nonEmpty.optional(),
  /** Shown under the title in the text's heading; inline Markdown (`_A Book_`) is rendered. */
  subtitle: nonEmpty.optional(),
  /** How the back matter names the text in a reference (the index's locators, the chronology's sources); by default the author's surname, or the title. */
  shortTitle: nonEmpty.optional(),
  kind: z.enum(["review", "chapter", "book", "biography", "article"]),
  /** Where the text was first published, as the copyright page names it; optional (the page then gives author, title and date). */
  publication: nonEmpty.optional(),
  date: z.union([nonEmpty, z.number().int()]).transform(String).optional(),
  /** Where this copy of the text was found; optional, with a warning (the copyright page then says nothing of where it came from). */
  source: z
    .strictObject({
      site: nonEmpty,
      url: z.url().optional(),
    })
    .optional(),
});

/** A text once the loader has filled in what its front matter gives: its title is known, and its author unless it is anonymous. */
const textSchema = textFileSchema.extend({ title: nonEmpty });

/** The manifest as edition.yaml may say it; the loader completes it (see `manifestSchema`). */
export const manifestFileSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and hyphens"),
  title: nonEmpty,
  subtitle: nonEmpty.optional(),
  /** Who edited and who published the edition; optional: an edition without them prints no credit. */
  editor: nonEmpty.optional(),
  publisher: nonEmpty.optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, "must be a BCP 47 language tag such as `en`"),
  rights: nonEmpty,
  identifier: z.string().regex(/^(urn:uuid:[0-9a-f-]{36}|urn:isbn:[0-9X-]+)$/i, "must be `urn:uuid:…` or `urn:isbn:…`"),
  description: nonEmpty,
  /** The book's subject: the EPUB's and PDF's subject keyword, and an index heading broken into sub-entries per text. Optional. */
  subject: nonEmpty.optional(),
  /** Date of this revision of the edition: the EPUB's modified date and the PDF's dates, so a rebuild gives the same bytes. Optional: without it the edition is dated the day of the build, with a warning. */
  revised: z.iso.date().default(() => new Date().toISOString().slice(0, 10)),
  /** Paragraphs (blank-line separated) of the editorial note in the back matter. Optional: without it the note holds only the list of corrections (and is left out when there are none). */
  note: nonEmpty.optional(),
  /** The chronology's note on the calendars its dates follow (edition text: which calendar a country kept, and how the entries give both). */
  calendarNote: nonEmpty.optional(),
  /** Editors' data files, relative to the manifest's folder; by default the files beside the manifest named after it (src/manifest/edition-data.ts): corrections.yaml… for edition.yaml, corpus.corrections.yaml… for corpus.yaml. */
  corrections: nonEmpty.optional(),
  boilerplate: nonEmpty.optional(),
  structure: nonEmpty.optional(),
  /** The CSL style of the works cited: a style name from Debian's citation-style-language-styles, or a `.csl` file relative to the manifest's folder. */
  bibliographyStyle: nonEmpty.default("chicago-note-bibliography"),
  /** The citation style by name (Debian's CSL styles): `chicago-notes-bibliography`, `chicago-author-date` or `apa`; when given it chooses the style instead of `bibliographyStyle`. */
  citationStyle: z.enum(["chicago-notes-bibliography", "chicago-author-date", "apa"]).optional(),
  /** The edition's bibliography (BibTeX `.bib`, CSL-JSON `.json` or CSL-YAML `.yaml`), relative to the manifest's folder; by default works.bib/json/yaml (or `<manifest>.works.bib`…) beside the manifest, if there is one. */
  works: nonEmpty.optional(),
  /** One works cited for the edition in the back matter, or one at the end of each text. */
  worksCited: z.enum(["edition", "text"]).default("edition"),
  /** Where print sets the notes: at the foot of the page of their call, or as endnotes at the end of each text (the EPUB always has endnotes). */
  printNotes: z.enum(["footnotes", "endnotes"]).default("footnotes"),
  /** The name authority file, relative to the manifest's folder; by default names.yaml (or `<manifest>.names.yaml`) if it exists. */
  names: nonEmpty.optional(),
  /** The edition's lexicon (words of its subject), extending the default lexicon for its language; by default lexicon.yaml if it exists. */
  lexicon: nonEmpty.optional(),
  /** The editors' word on the chronology (confirm, correct, drop, merge, re-word entries); by default chronology.yaml if it exists. */
  chronology: nonEmpty.optional(),
  trim: z.enum(Object.keys(trimSizes) as [keyof typeof trimSizes]).default("6x9in"),
  /** Page make-up budgets: how many pages a rule may name before `check --pdf` fails (src/preflight/page-make-up.ts; defaults there). */
  makeUp: z.strictObject(Object.fromEntries(["headingsAtFoot", "widows", "orphans", "scraps", "brokenCapitals", "hyphenRuns", "unevenSpreads"].map((key) => [key, z.number().int().min(0).optional()]))).optional(),
  /** Who prints the book (src/render/print-profiles.ts): `offset` (crop marks, 3 mm bleed) or `pod` (print on demand: trim size, PDF/X, K-only text); `edition build --profile` overrides it. */
  profile: z.enum(["offset", "pod"]).default("offset"),
  /** The paper the book is printed on, which sets the cover's spine width. */
  paper: z.enum(["white", "cream"]).default("white"),
  /** Who reviewed the EPUB's accessibility. With it the EPUB claims EPUB Accessibility 1.1 – WCAG 2.2 AA and names the reviewer; without it, it claims nothing. */
  accessibility: z.strictObject({ certifiedBy: nonEmpty, credential: nonEmpty.optional() }).optional(),
  /** The project's rules for kinds of source (rules/*.yaml) apply to every text that shows their evidence; `off` names kinds this edition does without (`wiki-dump`). */
  rules: z.strictObject({ off: z.array(nonEmpty).default([]) }).optional(),
  texts: z.array(textFileSchema).min(1, "lists no text"),
});

/** A complete manifest: every text has its title, and its author unless it is anonymous. */
export const manifestSchema = manifestFileSchema.extend({ texts: z.array(textSchema).min(1, "lists no text") });

export type ManifestFile = z.infer<typeof manifestFileSchema>;
export type Manifest = z.infer<typeof manifestSchema>;
export type TextEntry = Manifest["texts"][number];
