// The index of names for the back matter, built from every text's mentions:
// entries sorted by surname with the locale's collation, a long entry broken
// into sub-entries by topic (./index-topics.ts: an editor's sub-entries, works,
// events, offices, other persons; never a section heading or a caption),
// *see* and *see also*. Each locator links to its mention; in print
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
import type { Passage } from "./index-passages.js";
import { chooseSubentries, commonWords, compilePatterns, repeatsParent, subentrySortKey, topicCues, type EditorSubentry, type SubentryChoice, type Topic, type TopicOptions } from "./index-topics.js";

/** A text's mentions of persons, as the names enricher found them. */
export interface TextMentions {
  entry: TextEntry;
  mentions: MentionRecord[];
}

export interface NameIndexOptions {
  texts: TextMentions[];
  /** The passage of each mention (./index-passages.ts), by mention id: without it no sub-entries are derived. */
  passages?: Map<string, Passage>;
  /** The words that name topics (works, named events, offices). */
  topics?: TopicOptions;
  /** An entry with more locators than this is broken into sub-entries (default 15). */
  subentriesOver?: number;
  /** The language whose collation sorts the entries. */
  language: string;
  names?: NamesAuthority;
  /** Each text's short label, by text id (../short-title.ts). */
  labels: Map<string, string>;
  words: Pick<InterfaceWords, "see" | "seeAlso">;
}

/** An entry that holds sub-entries. */
export const subentryParentClass = "index-entry-parent";

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

function term(heading: string | ElementContent): Element {
  return h("span", { className: ["index-term"], "epub:type": "index-term" }, heading);
}

function subEntries(entries: Element[]): Element[] {
  // Only the outer list is the index's `index-entry-list`: EPUBCheck allows one per index.
  return entries.length ? [h("ol", { className: ["index-subentries"] }, entries)] : [];
}

function entry(termText: string | ElementContent, located: Located[], labels: Map<string, string>, extra: ElementContent[] = [], subs: Element[] = [], id?: string): Element {
  return h("li", { id, className: ["index-entry"], "epub:type": "index-entry" }, [
    term(termText),
    ...extra,
    ...(located.length ? [locators(located, labels)] : []),
    ...subEntries(subs),
  ]);
}

/** The sub-entries of a long entry, by topic, and what is left as bare locators. */
function topicSubEntries(heading: string, located: Located[], labels: Map<string, string>, options: NameIndexOptions, patterns: ReturnType<typeof compilePatterns>): { bare: Located[]; subs: Element[] } {
  const { passages, topics } = options;
  const editor = options.names?.persons.find((person) => person.heading === heading)?.subentries ?? [];
  if (!passages || !topics || (located.length <= (options.subentriesOver ?? 15) && !editor.length)) return { bare: located, subs: [] };
  const cues = located.map(({ mention }) => {
    const passage = passages.get(mention.id);
    return passage ? topicCues(heading, passage, editor, topics, patterns) : [];
  });
  const chosen = chooseSubentries(cues);
  const taken = new Set(chosen.flatMap((choice) => choice.members));
  const subs = sortChoices(chosen, options.language).map((choice) => {
    const members = choice.members.map((index) => located[index]!);
    const deeper = subSubEntries(heading, choice, editor, members, labels, options, patterns);
    const node = entry(subentryTerm(choice.topic, options.topics?.works), deeper.bare, labels, [], deeper.subs);
    // A sub-entry holding sub-subentries may break between them, as an entry between its sub-entries.
    if (deeper.subs.length) (node.properties.className as string[]).push(subentryParentClass);
    return node;
  });
  return { bare: located.filter((_, index) => !taken.has(index)), subs };
}

const sortChoices = (choices: SubentryChoice[], language: string) => choices.sort((a, b) => subentrySortKey(a.topic.label).localeCompare(subentrySortKey(b.topic.label), language));

/**
 * A sub-entry that is itself long gets sub-subentries (Chicago's indented
 * style allows a third level) from the same cues, less its own: under
 * `and Trotsky`, the other person's editor sub-entries count too (what the
 * passages naming both are about: `and Brest-Litovsk`), and under an
 * editor's sub-entry, the entry's other editor sub-entries.
 */
function subSubEntries(heading: string, choice: SubentryChoice, editor: EditorSubentry[], located: Located[], labels: Map<string, string>, options: NameIndexOptions, patterns: ReturnType<typeof compilePatterns>): { bare: Located[]; subs: Element[] } {
  const { passages, topics } = options;
  if (!passages || !topics || located.length <= (options.subentriesOver ?? 15)) return { bare: located, subs: [] };
  const other = choice.topic.kind === "person" ? choice.topic.key.slice("person:".length) : undefined;
  const own = editor.filter((subentry) => subentry.label !== choice.topic.label);
  const theirs = other ? (options.names?.persons.find((person) => person.heading === other)?.subentries ?? []) : [];
  const labelsSeen = new Set<string>();
  const deeper = [...own, ...theirs].filter((subentry) => !labelsSeen.has(subentry.label) && labelsSeen.add(subentry.label));
  const cues = located.map(({ mention }) => {
    const passage = passages.get(mention.id);
    return passage ? topicCues(heading, passage, deeper, topics, patterns).filter((cue) => cue.key !== choice.topic.key && cue.label !== choice.topic.label && !repeatsParent(choice.topic.label, cue.label)) : [];
  });
  // At this level an editor's sub-entry too needs two passages: one passage is no more use than the locator it holds.
  const chosen = chooseSubentries(cues, 2);
  const taken = new Set(chosen.flatMap((sub) => sub.members));
  const subs = sortChoices(chosen, options.language).map((sub) => entry(subentryTerm(sub.topic, options.topics?.works), sub.members.map((index) => located[index]!), labels));
  return { bare: located.filter((_, index) => !taken.has(index)), subs };
}

/** A work's title in italics, as the book sets it (an editor's sub-entry named by a known work's title too). */
function subentryTerm(topic: Topic, works: string[] = []): ElementContent {
  const work = topic.kind === "work" || (topic.kind === "editor" && works.includes(topic.label));
  return work ? h("cite", { className: ["work-title"] }, topic.label) : { type: "text", value: topic.label };
}

/** The book's common words (for noun cues), from the passages that name persons; English only (compromise tags the nouns). */
function withCommonWords(options: NameIndexOptions): NameIndexOptions {
  if (!options.passages || !options.topics || options.topics.commonWords || !/^en\b/.test(options.language)) return options;
  const blocks = new Set([...options.passages.values()].map((passage) => passage.block).filter((block) => !block.heading));
  return { ...options, topics: { ...options.topics, commonWords: commonWords([...blocks].map((block) => block.text)) } };
}

export function nameIndex(given: NameIndexOptions): ElementContent[] {
  const options = withCommonWords(given);
  const { texts, language, names, labels, words } = options;
  const patterns = compilePatterns(options.topics ?? { works: [], namedEvents: [], titles: [] });
  const byHeading = new Map<string, Located[]>();
  // One locator per passage: a person named twice in a paragraph is located once, at the first mention.
  const passagesSeen = new Map<string, Set<object>>();
  for (const { entry: text, mentions } of texts) {
    for (const mention of mentions) {
      const passage = options.passages?.get(mention.id);
      // A name in a cited work's title names the book (Trotsky's *Stalin*), not the person.
      if (passage?.title) continue;
      const block = passage?.block;
      if (block) {
        const seen = passagesSeen.get(mention.heading) ?? new Set();
        if (seen.has(block)) continue;
        passagesSeen.set(mention.heading, seen.add(block));
      }
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
    const { bare, subs } = topicSubEntries(heading, located, labels, options, patterns);
    // *See also* stands after the locators and before the sub-entries.
    const node = entry(heading, bare, labels, extra, [], indexEntryId(heading));
    node.children.push(...seeAlso, ...subEntries(subs));
    // A print column may break inside an entry with sub-entries, never inside a line of locators (styles/print.css).
    if (subs.length) (node.properties.className as string[]).push(subentryParentClass);
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
