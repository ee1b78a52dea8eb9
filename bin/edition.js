#!/usr/bin/env node
// Runs the compiled command-line entry (dist/), or the TypeScript sources
// through tsx when dist/ is missing or stale (see ./choose-code.js).
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chooseCode } from "./choose-code.js";

const code = chooseCode(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
if (code.note) process.stderr.write(`edition: ${code.note}\n`);
if (code.tsx) (await import("tsx/esm/api")).register();
const { main } = await import(pathToFileURL(code.entry).href);
process.exitCode = await main(process.argv.slice(2));
