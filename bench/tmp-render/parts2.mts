import { Session } from "node:inspector/promises";
import { writeFile } from "node:fs/promises";
import { buildEdition } from "../../src/pipeline.js";
import { renderEpub } from "../../src/render/epub.js";
import { BuildCache } from "../../src/watch/build-cache.js";
const cache = new BuildCache();
let e = await buildEdition("sources/edition.yaml", { cache: cache.texts });
await renderEpub(e.manifest, e.book, { cover: null });
e = await buildEdition("sources/edition.yaml", { cache: cache.texts });
await renderEpub(e.manifest, e.book, { cover: null });
const s = new Session(); s.connect(); await s.post("Profiler.enable"); await s.post("Profiler.setSamplingInterval", { interval: 200 }); await s.post("Profiler.start");
for (let i = 0; i < 3; i++) { e = await buildEdition("sources/edition.yaml", { cache: cache.texts }); await renderEpub(e.manifest, e.book, { cover: null }); }
const { profile } = await s.post("Profiler.stop"); await writeFile("/tmp/render-parts.cpuprofile", JSON.stringify(profile));
