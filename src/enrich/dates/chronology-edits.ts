// The editor's word on the chronology (chronology.yaml): each entry finds its
// passage among the dated events of its text and confirms a held year,
// corrects the date, drops it, merges it with another passage or re-words it.
// An entry that finds no passage fails at its own line. What stays held (a
// year taken from further back than its sentence or heading, not confirmed)
// is left out of the appendix and reported at its place in the text.
import type { VFile } from "vfile";
import type { ChronologyEdit, ChronologyPassage } from "../../manifest/chronology-schema.js";
import type { Point } from "../../manifest/yaml-data-file.js";
import { chronologyEntries, type ChronologyEntry, type DatedEvent } from "./events.js";

export interface PlacedChronologyEdit extends ChronologyEdit {
  /** Where the entry stands in the chronology file. */
  place: Point;
}

export interface ChronologyEditing {
  /** Each text's file, with its dated events in `data.chronology`. */
  texts: VFile[];
  chronologyEdits?: PlacedChronologyEdit[];
  chronologyFile?: VFile;
}

/** Quotes, apostrophes, dashes and spaces as an editor may type them. */
const loose = (text: string) =>
  text
    .replace(/[‘’′]/g, "'")
    .replace(/[“”″]/g, '"')
    .replace(/[–—‐]/g, "-")
    .replace(/[\s\u00A0]+/g, " ")
    .trim();

/** Each event's sentence made loose once: every entry of the file is looked for among all the events. */
const looseSentences = new WeakMap<DatedEvent, string>();
const looseSentence = (event: DatedEvent) => {
  let sentence = looseSentences.get(event);
  if (sentence === undefined) looseSentences.set(event, (sentence = loose(event.sentence)));
  return sentence;
};

function find(events: DatedEvent[], wanted: ChronologyPassage): DatedEvent[] {
  const words = loose(wanted.words);
  return events.filter((event) => event.textId === wanted.text && looseSentence(event).includes(words) && (!wanted.date || loose(event.date.text).includes(loose(wanted.date))));
}

/** The events of every text after the editor's entries, each held one reported, and the merges the editor asks for. */
export function editedEvents({ texts, chronologyEdits = [], chronologyFile }: ChronologyEditing): { events: DatedEvent[]; merges: [DatedEvent, DatedEvent][] } {
  const all = texts.flatMap((file) => file.data.chronology ?? []);
  const dropped = new Set<DatedEvent>();
  const merges: [DatedEvent, DatedEvent][] = [];
  const confirmed = new Set<DatedEvent>();
  for (const edit of chronologyEdits) {
    const found = find(all, edit);
    const fail = (what: string) => chronologyFile?.fail(what, { place: edit.place, ruleId: "chronology-no-match", source: "chronology" });
    if (!found.length) fail(`no dated passage of \`${edit.text}\` has the words “${edit.words}”${edit.date ? ` and the date “${edit.date}”` : ""}`);
    for (const event of found) {
      if (edit.confirm) confirmed.add(event);
      else if (edit.correct) {
        // A year the sentence does not state stays marked as such (printed in brackets).
        event.date = { ...event.date, edtf: event.date.yearInferred ? edit.correct.replace(/^(\d{4})(?!\?)/, "$1?") : edit.correct };
        delete event.date.oldStyle;
        confirmed.add(event);
      } else if (edit.drop) dropped.add(event);
      else if (edit.reword) event.summary = edit.reword;
      else if (edit.merge) {
        const others = find(all, edit.merge);
        if (!others.length) fail(`\`merge\`: no dated passage of \`${edit.merge.text}\` has the words “${edit.merge.words}”`);
        for (const other of others) merges.push([event, other]);
      }
    }
  }
  const events: DatedEvent[] = [];
  const byText = new Map(texts.map((file) => [file.data.textId, file]));
  for (const event of all) {
    if (confirmed.has(event)) delete event.held;
    if (dropped.has(event)) {
      event.dropped = true;
      continue;
    }
    if (event.held) {
      byText.get(event.textId)?.message(`${event.held}; held out of the chronology until chronology.yaml confirms or corrects it`, {
        place: event.position?.start,
        ruleId: "dates-year-held",
        source: "dates",
      });
      continue;
    }
    events.push(event);
  }
  return { events, merges };
}

/** The chronology's entries after the editor's word. */
export function editedChronology(editing: ChronologyEditing): ChronologyEntry[] {
  const { events, merges } = editedEvents(editing);
  return chronologyEntries(events, merges);
}
