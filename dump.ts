import { buildEdition } from "./src/pipeline.js";
const ed = await buildEdition("sources/edition.yaml");
for (const f of ed.texts) {
  const id = f.data.textId!;
  if (process.argv[2] && id !== process.argv[2]) continue;
  for (const e of f.data.chronology ?? []) console.log(id, e.position?.start.line, e.date.edtf.padEnd(22), JSON.stringify(e.date.text).padEnd(28), e.summary.slice(0, 110));
}
