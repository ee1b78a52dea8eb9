// The real edition's book tree and files, for the edition project's tests.
// Built once per test worker: the edition project runs its files with
// `isolate: false`, so this module (and its promise) is shared by every file
// the worker runs. Tests must not change the edition: clone before editing.
import { inject } from "vitest";
import { buildEdition, type Edition } from "../src/pipeline.js";

const shared = globalThis as { editionTree?: Promise<Edition> };

export function editionTree(): Promise<Edition> {
  return (shared.editionTree ??= buildEdition(inject("edition").manifestPath));
}
