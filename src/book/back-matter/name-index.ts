// The index of names for the back matter, built from every text's mentions:
// entries sorted by surname with the locale's collation, the book's subject
// broken into sub-entries (by text, then by the section a mention stands
// under), *see* and *see also*. Each locator links to its mention; in print
// ../../render/browser/page-map.js turns each entry's locators into page
// numbers (each page once, consecutive pages as ranges). The names enricher
// gives the mentions (data only); everything shown is made here.
import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { TextEntry } from "../../manifest/manifest-schema.js";
import type { NamesAuthority } from "../../manifest/names-schema.js";
import type { MentionRecord } from "../../enrich/names/enrich-names.js";
import { pageRefClasses } from "../schema.js";
import type { InterfaceWords } from "../words.js";

/** A text's mentions of persons, as the names enricher found them. */
export interface TextMentions {
  entry: TextEntry;
  mentions: MentionRecord[];
}

export interface NameIndexOptions {
  texts: TextMentions[];
  /** The book's subject (an index heading), broken into sub-entries. */
  subject?: string;
  /** The language whose collation sorts the entries. */
  language: string;
  names?: NamesAuthority;
  /** Each text's short label, by text id (../short-title.ts). */
  labels: Map<string, string>;
  words: Pick<InterfaceWords, "see" | "seeAlso">;
}

/** A locator whose mention stands in a note. */
export const noteLocatorClass = "index-locator-note";

interface Located {
  text: TextEntry;
  mention: MentionRecord;
}

export function indexEntryId(heading: string): string {
  const slug = heading
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `index-${slug}`;
}

/** Locators grouped by text: `Sherry 1, 2; Marot 1`, each number a link to its mention. */
function locators(located: Located[], labels: Map<string, string>): Element {
  const groups = new Map<TextEntry, MentionRecord[]>();
  for (const { text, mention } of located) groups.set(text, [...(groups.get(text) ?? []), mention]);
  const children: ElementContent[] = [];
  for (const [text, mentions] of groups) {
    children.push({ type: "text", value: children.length ? "; " : ": " }, h("span", { className: ["index-text-label"] }, labels.get(text.id)!), { type: "text", value: " " });
    mentions.forEach((mention, index) => {
      if (index) children.push({ type: "text", value: ", " });
      // A mention in a note is set apart (`index-locator-note`, the note's label) so a locator can read `19n4`.
      const inNote = mention.note ? { className: [pageRefClasses.ref, "index-locator", noteLocatorClass], dataNote: mention.note } : { className: [pageRefClasses.ref, "index-locator"] };
      children.push(h("a", { ...inNote, "epub:type": "index-locator", href: `#${mention.id}` }, String(index + 1)));
    });
  }
  return h("span", { className: ["index-locators", pageRefClasses.list] }, children);
}

function term(heading: string): Element {
  return h("span", { className: ["index-term"], "epub:type": "index-term" }, heading);
}

function subEntries(entries: Element[]): Element[] {
  // Only the outer list is the index's `index-entry-list`: EPUBCheck allows one per index.
  return entries.length ? [h("ol", { className: ["index-subentries"] }, entries)] : [];
}

function entry(termText: string, located: Located[], labels: Map<string, string>, extra: ElementContent[] = [], subs: Element[] = [], id?: string): Element {
  return h("li", { id, className: ["index-entry"], "epub:type": "index-entry" }, [
    term(termText),
    ...extra,
    ...(located.length ? [locators(located, labels)] : []),
    ...subEntries(subs),
  ]);
}

/** The subject of the book: one sub-entry per text, and within a text with sections one per section. */
function subjectSubEntries(located: Located[], labels: Map<string, string>): Element[] {
  const byText = new Map<TextEntry, Located[]>();
  for (const item of located) byText.set(item.text, [...(byText.get(item.text) ?? []), item]);
  return [...byText].map(([text, items]) => {
    const bySection = new Map<string, Located[]>();
    const loose: Located[] = [];
    for (const item of items) {
      if (item.mention.section === undefined) loose.push(item);
      else bySection.set(item.mention.section, [...(bySection.get(item.mention.section) ?? []), item]);
    }
    const sections = [...bySection].map(([section, list]) => entry(section, list, labels));
    return entry(text.title, loose, labels, [], sections);
  });
}

export function nameIndex({ texts, subject, language, names, labels, words }: NameIndexOptions): ElementContent[] {
  const byHeading = new Map<string, Located[]>();
  for (const { entry: text, mentions } of texts) {
    for (const mention of mentions) {
      byHeading.set(mention.heading, [...(byHeading.get(mention.heading) ?? []), { text, mention }]);
    }
  }
  if (!byHeading.size) return [];
  const persons = new Map((names?.persons ?? []).map((person) => [person.heading, person]));
  const collator = new Intl.Collator(language, { sensitivity: "base", numeric: true });
  const sortKey = (heading: string) => heading.split(",").map((part) => part.trim());
  const compare = (a: string, b: string) => {
    const [sa, fa = ""] = sortKey(a);
    const [sb, fb = ""] = sortKey(b);
    return collator.compare(sa!, sb!) || collator.compare(fa, fb);
  };
  const link = (heading: string) => h("a", { href: `#${indexEntryId(heading)}` }, heading);

  const entries: { heading: string; node: Element }[] = [];
  for (const [heading, located] of byHeading) {
    const person = persons.get(heading);
    const about = [person?.dates && `(${person.dates})`, person?.description].filter(Boolean).join(", ");
    const extra: ElementContent[] = about ? [h("span", { className: ["index-about"] }, ` ${about}`)] : [];
    const related = (person?.seeAlso ?? []).filter((other) => byHeading.has(other));
    const seeAlso = related.length
      ? [h("span", { className: ["index-see-also"], "epub:type": "index-xref-related" }, ["; ", h("i", words.seeAlso), " ", ...related.flatMap((other, i) => [...(i ? [{ type: "text" as const, value: "; " }] : []), link(other)])])]
      : [];
    const node =
      heading === subject
        ? entry(heading, [], labels, [...extra, ...seeAlso], subjectSubEntries(located, labels), indexEntryId(heading))
        : entry(heading, located, labels, extra, [], indexEntryId(heading));
    if (heading !== subject) node.children.push(...seeAlso);
    entries.push({ heading, node });
  }
  for (const reference of names?.references ?? []) {
    if (!byHeading.has(reference.see)) continue;
    const node = h("li", { className: ["index-entry", "index-reference"], "epub:type": "index-entry" }, [
      term(reference.from),
      h("span", { className: ["index-see"], "epub:type": "index-xref-preferred" }, [", ", h("i", words.see), " ", link(reference.see)]),
    ]);
    entries.push({ heading: reference.from, node });
  }
  entries.sort((a, b) => compare(a.heading, b.heading));
  let letter = "";
  for (const { heading, node } of entries) {
    const initial = heading.normalize("NFD")[0]!.toUpperCase();
    if (initial !== letter) (node.properties.className as string[]).push("index-letter-start");
    letter = initial;
  }
  return [h("ol", { className: ["index-entries"], "epub:type": "index-entry-list" }, entries.map((item) => item.node))];
}
