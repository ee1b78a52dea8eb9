import { buildEdition } from "./src/pipeline.js";
import { chronologyEntries } from "./src/enrich/dates/events.js";
import { writeFileSync } from "node:fs";
const manifest = process.argv[2] ?? "sources/edition.yaml";
const out = process.argv[3] ?? "/tmp/chrono/dump.json";
const edition = await buildEdition(manifest, { keepRestored: false });
const events = edition.texts.flatMap((f) => f.data.chronology ?? []);
const entries = chronologyEntries(events.filter((e) => !e.held && !e.dropped));
const held = edition.texts.flatMap((f) => f.messages.filter((m) => m.ruleId === "dates-year-held").map((m) => `${m.file}:${m.line}:${m.column} ${m.reason}`));
writeFileSync(out, JSON.stringify({
  events: events.map((e) => ({ t: e.textId, line: e.position?.start.line, edtf: e.date.edtf, text: e.date.text, held: e.held, dropped: e.dropped, summary: e.summary, source: e.source })),
  entries: entries.map((e) => ({ first: `${e.passages[0]!.textId}:${e.passages[0]!.position?.start.line}`, edtf: e.date.edtf, summary: e.summary, persons: e.persons, n: e.passages.length })),
  held,
  leftOut: edition.texts.flatMap((f) => f.data.chronologyLeftOut ?? []),
}, null, 1));
console.log("entries", entries.length, "events", events.length, "held", held.length);
for (const h of held) console.log(h);
