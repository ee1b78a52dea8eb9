// The quality figures measured against lists made by reading (readings in
// test/fixtures/): the tests hold a floor on each, and `npm run bench` prints
// the same figures (bench/run.ts imports this module).
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { visitParents } from "unist-util-visit-parents";
import { parse } from "yaml";
import type { NameMention } from "../src/enrich/names/enrich-names.js";
import type { ChronologyEntry, DatedEvent } from "../src/enrich/dates/events.js";
import type { Edition } from "../src/pipeline.js";
import { chronologyEntries } from "../src/enrich/dates/events.js";
import { goldMentions } from "./fixtures/names-gold.js";
import { namesWithoutAuthority } from "./names-quality.js";

const here = path.dirname(new URL(import.meta.url).pathname);

export interface FoundMention {
  line: number;
  surface: string;
  heading: string;
  next: string;
}

/** Every nameMention of a restored text, with the raw line its paragraph or heading starts on. */
export function mentionsOf(tree: Root): FoundMention[] {
  const found: FoundMention[] = [];
  visitParents(tree, "nameMention", (node, ancestors) => {
    // The paragraph or heading the mention stands in (or, for a block made without a position, the nearest one with one).
    const block = [...ancestors].reverse().find((a) => (a.type === "paragraph" || a.type === "heading") && a.position) ?? [...ancestors].reverse().find((a) => a.position);
    const parent = ancestors.at(-1)!;
    const after = parent.children[parent.children.indexOf(node as never) + 1];
    const mention = node as NameMention;
    found.push({
      line: block!.position!.start.line,
      surface: toString(mention).replace(/[\s\u00A0]+/g, " "),
      heading: mention.data.hProperties.dataPerson,
      next: after?.type === "text" ? after.value : "",
    });
  });
  return found;
}

/** Person mentions of a text against the reading (test/fixtures/names-gold.ts), as `line|surface|heading`. */
export function nameScores(textId: string, tree: Root) {
  const expected = goldMentions(textId);
  const detected = mentionsOf(tree).map((mention) => `${mention.line}|${mention.surface}|${mention.heading}`);
  const missed = [...expected];
  const falsePositives: string[] = [];
  for (const item of detected) {
    const at = missed.indexOf(item);
    if (at >= 0) missed.splice(at, 1);
    else falsePositives.push(item);
  }
  const hits = detected.length - falsePositives.length;
  return { expected: expected.length, detected: detected.length, precision: hits / detected.length, recall: hits / expected.length, missed, falsePositives };
}

export interface EventReading {
  events: [number, string][];
  missed: string[];
  false: string[];
  /** Dates the program or an earlier reading took that the reading judges no event. */
  notEvents?: string[];
}

export async function eventReadings(): Promise<Record<"simkin" | "sherry" | "cliff" | "dawsey", EventReading>> {
  return parse(await readFile(path.join(here, "fixtures", "readings", "chronology.yaml"), "utf8"));
}

/** Dated events of a text against the reading (after the editor's chronology.yaml): the events read and not found (missed), and those found and not read (extra), as `line:EDTF`. */
export function eventScores(expected: [number, string][], all: DatedEvent[]) {
  // What the appendix prints: held years awaiting the editor and dropped passages are not in it.
  const events = all.filter((event) => !event.held && !event.dropped);
  const extra = events.map((event) => `${event.position?.start.line}:${event.date.edtf}`);
  const missed: string[] = [];
  for (const [line, value] of expected) {
    const index = extra.indexOf(`${line}:${value}`);
    if (index === -1) missed.push(`${line}:${value}`);
    else extra.splice(index, 1);
  }
  const found = expected.length - missed.length;
  return { found, missed, extra, precision: found / events.length, recall: found / expected.length };
}

export type SampleVerdict = "right" | "wrong-date" | "not-event";

/** 60 entries of the appendix drawn at random and read (test/fixtures/readings/chronology-sample.yaml; the first draw in chronology-sample-first.yaml): [first passage `text:line`, EDTF, verdict]. */
export async function chronologySample(name = "chronology-sample.yaml"): Promise<[string, string, SampleVerdict][]> {
  return parse(await readFile(path.join(here, "fixtures", "readings", name), "utf8")).entries;
}

/**
 * The reading of the sample against the appendix now: the sampled entries it still prints, and the share of them
 * read as events with the right date. An entry read right that the appendix lost is listed (`lost`).
 */
export function sampleScores(sample: [string, string, SampleVerdict][], entries: ChronologyEntry[]) {
  const printed = new Set(entries.flatMap((entry) => entry.passages.map((passage) => `${passage.textId}:${passage.position?.start.line}|${entry.date.edtf}`)));
  const kept = sample.filter(([passage, edtf]) => printed.has(`${passage}|${edtf}`));
  const right = kept.filter(([, , verdict]) => verdict === "right").length;
  const lost = sample.filter(([passage, edtf, verdict]) => verdict === "right" && !printed.has(`${passage}|${edtf}`)).map(([passage, edtf]) => `${passage}|${edtf}`);
  return { read: sample.length, kept: kept.length, right, precision: right / kept.length, lost };
}

/** Notes linked by each text of an edition (the notes stage's own count), by text id. */
export function notesLinked(edition: Pick<Edition, "texts">): Record<string, { notes: number; linked: number }> {
  return Object.fromEntries(
    edition.texts.map((file) => {
      const count = file.data.notes;
      return [file.data.textId ?? "", { notes: (count?.notes.numbered ?? 0) + (count?.notes.starred ?? 0), linked: count?.linked ?? 0 }];
    }),
  );
}

/** The figures `npm run bench` prints for the Trotsky edition. */
export async function trotskyQuality(edition: Edition) {
  const readings = await eventReadings();
  const names = Object.fromEntries(
    ["sherry", "marot"].map((id) => {
      const { precision, recall, expected } = nameScores(id, edition.restored.get(id)!);
      return [id, { precision: round(precision), recall: round(recall), mentionsRead: expected }];
    }),
  );
  const events = Object.fromEntries(
    (["simkin", "cliff", "sherry"] as const).map((id) => {
      const file = edition.texts.find((text) => text.data.textId === id)!;
      const { precision, recall } = eventScores(readings[id].events, file.data.chronology ?? []);
      return [id, { precision: round(precision), recall: round(recall), eventsRead: readings[id].events.length }];
    }),
  );
  const entries = chronologyOf(edition);
  const sample = sampleScores(await chronologySample(), entries);
  const held = edition.texts.flatMap((file) => file.messages.filter((message) => message.ruleId === "dates-year-held")).length;
  const chronology = { entries: entries.length, held, sampleRead: sample.kept, samplePrecision: round(sample.precision) };

  // Issue 14: the index with no authority entries (the corpus' Schneider and Dawsey, the seeds with names.yaml emptied).
  return { names, namesWithoutAuthority: await namesWithoutAuthority(), events, chronology, notes: notesLinked(edition), citations: citationFigures(edition) };
}

/**
 * The citations of each text of an edition (the citations stage's records):
 * how many of its notes were read as citations, and of those how many into a
 * CSL item with author, title and page (an `Ibid.` counts with its work's
 * author and title); the in-text forms; the unresolved at their
 * `line:column`; the brackets left as text. `share` is complete note
 * citations over the notes that cite (a note that only discusses, with no
 * mark of a citation, is counted apart as `discursiveNotes`);
 * `shareOfAllNotes` over every note.
 */
export function citationFigures(edition: Pick<Edition, "texts">) {
  return Object.fromEntries(
    edition.texts.map((file) => {
      const records = file.data.citations ?? [];
      const works = file.data.works ?? new Map();
      const notes = (file.data.notes?.notes.numbered ?? 0) + (file.data.notes?.notes.starred ?? 0);
      const inNotes = records.filter((record) => (record.form ?? "note") === "note");
      const complete = inNotes.filter((record) => {
        const item = record.work ? works.get(record.work) : undefined;
        // A page, not a chapter (`Ch. XLV`).
        return Boolean(item?.title && (item.author?.length || item.editor?.length) && record.locator && /^\d/.test(record.locator));
      }).length;
      // A work with a title and a page but no author by its nature (a congress's proceedings, a party's resolutions).
      const titleAndPage = inNotes.filter((record) => {
        const item = record.work ? works.get(record.work) : undefined;
        return Boolean(item?.title && record.locator && /^\d/.test(record.locator));
      }).length;
      const discursive = file.data.notesNotCiting?.discursive.length ?? 0;
      const form = (name: string) => records.filter((record) => record.form === name);
      return [
        file.data.textId ?? "",
        {
          notes,
          /** Notes that discuss and cite nothing: not citations, left out of `share`. */
          discursiveNotes: discursive,
          /** Notes with a citation's marks that no known form reads. */
          unreadNotes: file.data.notesNotCiting?.unread ?? [],
          noteCitations: inNotes.length,
          withAuthorTitlePage: complete,
          withTitleAndPage: titleAndPage,
          share: notes - discursive ? round(complete / (notes - discursive)) : null,
          shareOfAllNotes: notes ? round(complete / notes) : null,
          brackets: form("bracket").length,
          authorDate: form("author-date").length,
          sources: form("source").length,
          pageReferences: form("page-reference").length,
          resolved: records.filter((record) => record.work).length,
          unresolved: records.filter((record) => !record.work).map((record) => `${record.line}:${record.column}`),
          worksCited: works.size,
          editorialBracketsLeftAsText: file.data.editorialBrackets ?? 0,
        },
      ];
    }),
  );
}

/** The appendix's entries as the book prints them (the chronology section's entries, by their first passage's anchor). */
export function chronologyOf(edition: Pick<Edition, "texts">): ChronologyEntry[] {
  // The pipeline has applied the editor's chronology.yaml to the events; what it left held or dropped is not printed.
  return chronologyEntries(edition.texts.flatMap((file) => file.data.chronology ?? []).filter((event) => !event.held && !event.dropped));
}

const round = (value: number) => Math.round(value * 1000) / 1000;
