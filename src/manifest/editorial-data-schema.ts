// Schemas of the editors' data files beside the manifest.
import { z } from "zod";
import { patternProblem } from "./bounded-pattern.js";

const nonEmpty = z.string().min(1);

/**
 * A regular expression written in YAML; checked here so a bad one names its
 * line. One with nested quantifiers (`(a+)+`), which can take exponential
 * time on a line that almost matches, is refused (see bounded-pattern.ts).
 */
export const pattern = z.string().min(1).superRefine((source, context) => {
  const problem = patternProblem(source);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

export const correctionsSchema = z.array(
  z.strictObject({
    /** The text's id in edition.yaml. */
    text: nonEmpty,
    /** The exact wrong string as it stands in the raw text. */
    wrong: nonEmpty,
    right: z.string(),
    reason: nonEmpty,
    /** How many times `wrong` stands in the text; any other count fails the build. */
    count: z.number().int().min(1).default(1),
  }),
);

/**
 * Structure an editor states where the detectors cannot prove it, each named
 * by the exact words a paragraph starts with: a heading run into the
 * paragraph after it, or a block quotation the scrape left as a paragraph
 * (no quotation marks, no introducing colon).
 */
export const structureSchema = z.array(
  z.union([
    z.strictObject({
      /** The text's id in edition.yaml. */
      text: nonEmpty,
      /** The words at the start of a paragraph that are its section's heading. */
      runInHeading: nonEmpty,
      reason: nonEmpty,
    }),
    z.strictObject({
      text: nonEmpty,
      /** The words a block quotation's first paragraph starts with. */
      blockQuotation: nonEmpty,
      /** How many paragraphs the quotation runs over, from that one. */
      paragraphs: z.number().int().min(1).max(20).default(1),
      reason: nonEmpty,
    }),
  ]),
);

/** A pattern with a capturing group: the group is the value read (an excerpt's number, a title-block field). */
export const patternWithGroup = pattern.refine((source) => {
  try {
    return new RegExp(`${source}|`, "u").exec("")!.length > 1;
  } catch {
    return true; // reported by `pattern`
  }
}, "needs a group `( )` that captures the value");

/**
 * How a site sets out excerpts from sources: a section under a heading of
 * its own holds numbered excerpts, each headed by a line that gives its
 * number and attribution (`(3) Leon Trotsky, My Life (1930)`) and running to
 * the next such line.
 */
export const excerptConventionSchema = z.strictObject({
  /** The heading of the section that holds the excerpts: a pattern over the heading's text. */
  section: pattern,
  /** The line that heads each excerpt; the pattern's first group is the excerpt's number. */
  head: patternWithGroup,
});

export const boilerplateSchema = z.strictObject({
  sites: z.array(
    z.strictObject({
      site: nonEmpty,
      /** A text is from this site when one of its lines matches one of these. */
      recognise: z.array(pattern).min(1),
      /** Whole lines that are site furniture: removed. */
      remove: z.array(pattern).default([]),
      /** Whole lines that credit the source: moved to the text's source note. */
      credits: z.array(pattern).default([]),
      /** Furniture glued to the end of a paragraph: cut off. */
      trailing: z.array(pattern).default([]),
      /** Paragraphs that are furniture as a whole (a shop blurb): removed. */
      paragraphs: z.array(pattern).default([]),
      /** A line that closes the text: it and every line after it (related-article links) are removed. */
      endsBefore: z.array(pattern).default([]),
      /** How the site sets out numbered excerpts from sources, if it does. */
      excerpts: z.array(excerptConventionSchema).default([]),
      /** Generic rules (`boilerplate-link-line`, `boilerplate-caption`) this site's texts may apply past their budget. */
      confirms: z.array(z.enum(["boilerplate-link-line", "boilerplate-caption"])).default([]),
    }),
  ),
  /** Generic rules one text (its id in edition.yaml) may apply past their budget. */
  texts: z
    .array(z.strictObject({ text: nonEmpty, confirms: z.array(z.enum(["boilerplate-link-line", "boilerplate-caption"])).min(1), reason: nonEmpty }))
    .default([]),
});

export type Correction = z.output<typeof correctionsSchema>[number];
export type StructureHint = z.output<typeof structureSchema>[number];
type LoadedBoilerplate = z.output<typeof boilerplateSchema>;
/** As loaded; `confirms` and `texts` may be absent in rules made in code (they default to none). */
export type SiteRules = Omit<LoadedBoilerplate["sites"][number], "confirms"> & Partial<Pick<LoadedBoilerplate["sites"][number], "confirms">>;
export type BoilerplateRules = { sites: SiteRules[]; texts?: LoadedBoilerplate["texts"] };
export type ExcerptConvention = z.output<typeof excerptConventionSchema>;
