import { buildEdition } from "../../src/pipeline.js";
import { cloneWithoutPositions } from "../../src/render/clone-tree.js";
import { renderEpub } from "../../src/render/epub.js";
import { renderPrintHtml } from "../../src/render/print-html.js";
import { BuildCache } from "../../src/watch/build-cache.js";
const cache = new BuildCache();
const t = async (name: string, f: () => unknown) => { const s = performance.now(); await f(); console.log(name, Math.round(performance.now() - s)); };
let e = await buildEdition("sources/edition.yaml", { cache: cache.texts });
for (let i = 0; i < 3; i++) {
  await t("pipeline (texts cached)", async () => (e = await buildEdition("sources/edition.yaml", { cache: cache.texts })));
  await t("clone", () => cloneWithoutPositions(e.book));
  await t("structuredClone", () => structuredClone(e.book));
  await t("epub", () => renderEpub(e.manifest, e.book, { cover: null }));
  await t("print", () => renderPrintHtml(e.manifest, e.book));
}
