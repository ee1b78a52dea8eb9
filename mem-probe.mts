import { buildEdition } from "./src/pipeline.ts";
const gc = (globalThis as any).gc as () => void;
const mib = () => { gc(); return Math.round(process.memoryUsage().heapUsed / 2 ** 20) + " MiB heap, " + Math.round(process.memoryUsage().rss / 2 ** 20) + " MiB rss"; };
console.log("start", mib());
const keep = process.argv[2] === "keep";
let edition: any = await buildEdition("/tmp/edges-work/big10/edition.yaml", { keepRestored: keep });
console.log("edition", keep, mib());
const text = edition.texts[0];
console.log("messages", text.messages.length, "data keys", Object.keys(text.data));
for (const key of Object.keys(text.data)) { const v = text.data[key]; const saved = text.data[key]; delete text.data[key]; const m = mib(); text.data[key] = saved; console.log("without data." + key, m); }
edition.book = undefined; console.log("without book", mib());
