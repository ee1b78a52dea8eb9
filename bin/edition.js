#!/usr/bin/env node
// Runs the TypeScript command-line entry through tsx, so there is no compile step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
