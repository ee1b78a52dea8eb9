// `edition names`: the persons the names enricher found in each text, for
// editors: proposed heading, forms seen, count, first raw `file:line:column`,
// and whether the authority file (names.yaml) or detection gave the person;
// with `--yaml`, the detected persons as entries to paste into names.yaml.
// Formatting only: the mentions come from the pipeline (file.data.nameMentions).
import { Document, isMap, isSeq } from "yaml";
import { directOrder, formKey, surnameOf } from "../enrich/names/authority.js";
import type { MentionRecord } from "../enrich/names/enrich-names.js";
import type { NamesAuthority } from "../manifest/names-schema.js";

/** One text's mentions, as the pipeline left them. */
export interface TextNames {
  id: string;
  /** The text file's path as messages show it. */
  path: string;
  mentions: MentionRecord[];
}

export type PersonSource = "names.yaml" | "detected";

/** A person of one text. */
export interface PersonFound {
  heading: string;
  source: PersonSource;
  /** The forms the text calls them by, most frequent first. */
  forms: string[];
  count: number;
  /** `file:line:column` of the first mention, when it has a raw position. */
  first?: string;
}

/** The persons of one text, most mentioned first (then by heading). */
export function personsOf(text: TextNames): PersonFound[] {
  const byHeading = new Map<string, MentionRecord[]>();
  for (const mention of text.mentions) byHeading.set(mention.heading, [...(byHeading.get(mention.heading) ?? []), mention]);
  const persons = [...byHeading].map(([heading, mentions]): PersonFound => {
    const formCounts = new Map<string, number>();
    for (const mention of mentions) formCounts.set(mention.surface, (formCounts.get(mention.surface) ?? 0) + 1);
    const placed = mentions.find((mention) => mention.place);
    return {
      heading,
      source: mentions.some((mention) => mention.known) ? "names.yaml" : "detected",
      forms: [...formCounts].sort((a, b) => b[1] - a[1]).map(([form]) => form),
      count: mentions.length,
      first: placed?.place ? `${text.path}:${placed.place.line}:${placed.place.column}` : undefined,
    };
  });
  return persons.sort((a, b) => b.count - a.count || a.heading.localeCompare(b.heading));
}

/** The listing: one block per text, one line per person. */
export function formatNames(texts: TextNames[]): string {
  return texts
    .map((text) => {
      const persons = personsOf(text);
      const known = persons.filter((person) => person.source === "names.yaml").length;
      const head = `${text.id} (${text.path}): ${persons.length} person${persons.length === 1 ? "" : "s"}, ${known} from names.yaml, ${persons.length - known} detected`;
      const lines = persons.map(
        (person) => `  ${person.heading}  [${person.source}]  ${person.count}×  forms: ${person.forms.join(" | ")}  first: ${person.first ?? "(no raw position)"}`,
      );
      return [head, ...lines].join("\n");
    })
    .join("\n\n");
}

/**
 * The detected persons that the authority file does not list, as names.yaml entries (`persons:` and one entry each):
 * the heading, the forms seen that the heading does not imply as variants, and `surnameAlone: false` where two
 * persons share the surname. A comment before each entry says how often and where first it was seen.
 */
export function detectedAsYaml(texts: TextNames[], authority: NamesAuthority | undefined): string {
  const listed = new Set((authority?.persons ?? []).map((person) => person.heading));
  const detected = new Map<string, { forms: Set<string>; count: number; where: string[] }>();
  for (const text of texts) {
    for (const person of personsOf(text)) {
      if (person.source !== "detected" || listed.has(person.heading)) continue;
      const entry = detected.get(person.heading) ?? { forms: new Set<string>(), count: 0, where: [] };
      for (const form of person.forms) entry.forms.add(form);
      entry.count += person.count;
      entry.where.push(`${text.id} ${person.count}× (first ${person.first ?? "without a raw position"})`);
      detected.set(person.heading, entry);
    }
  }
  const headings = [...detected.keys()].sort((a, b) => a.localeCompare(b));
  const surnames = new Map<string, number>();
  for (const heading of [...listed, ...headings]) surnames.set(formKey(surnameOf(heading)), (surnames.get(formKey(surnameOf(heading))) ?? 0) + 1);
  /** Forms already owned (a listed person's direct order, an earlier entry's variant): a form may name one person only. */
  const owned = new Set([...listed, ...headings].map((heading) => formKey(directOrder(heading))));
  const persons = headings.map((heading) => {
    const surname = formKey(surnameOf(heading));
    const variants: string[] = [];
    for (const form of detected.get(heading)!.forms) {
      const key = formKey(form);
      if (key === surname || key === formKey(directOrder(heading)) || owned.has(key) || variants.some((variant) => formKey(variant) === key)) continue;
      owned.add(key);
      variants.push(form);
    }
    return { heading, ...(variants.length ? { variants } : {}), ...((surnames.get(surname) ?? 0) > 1 ? { surnameAlone: false } : {}) };
  });
  const document = new Document({ persons });
  document.commentBefore = ` Persons detected in the texts and not in the authority file: ${persons.length}.\n Paste the entries under \`persons:\` in names.yaml, then correct headings, merge variants, add dates.`;
  const list = document.get("persons");
  if (isSeq(list)) {
    list.items.forEach((item, index) => {
      if (isMap(item)) item.commentBefore = ` ${detected.get(headings[index]!)!.where.join("; ")}`;
    });
  }
  return document.toString({ lineWidth: 0 });
}
