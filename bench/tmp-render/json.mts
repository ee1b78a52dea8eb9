import { buildEdition } from "../../src/pipeline.js";
import { createHash } from "node:crypto";
const e = await buildEdition("sources/edition.yaml");
const book = e.book;
for (let i = 0; i < 3; i++) {
  let t = performance.now(); const a = JSON.stringify(book); const t1 = performance.now() - t;
  t = performance.now(); const b = JSON.stringify(book, (k, v) => (k === "position" ? undefined : v)); const t2 = performance.now() - t;
  t = performance.now(); createHash("sha256").update(b).digest("base64"); const t3 = performance.now() - t;
  console.log(a.length, b.length, t1.toFixed(0), t2.toFixed(0), t3.toFixed(0));
}
