// Raw bytes to a string the parser can trust. UTF-8 (with or without a
// byte-order mark) is read as is; a UTF-16 file with its byte-order mark is
// decoded; a text in a single-byte Latin encoding (Windows-1252, Latin-1…)
// is detected with chardet, decoded with iconv-lite and flagged with a
// warning naming the encoding and the first byte that is not UTF-8. A binary
// file, an encoding we cannot trust, or an empty text is an error naming the
// file and line; the text is then processed as empty, so `edition check`
// still reports every other file.
import chardet from "chardet";
import iconv from "iconv-lite";
import type { VFile } from "vfile";
import { location } from "vfile-location";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const origin = { ruleId: "", source: "ingest" };

/** Decode a text file's bytes in place; problems become messages on the file. */
export function decodeText(file: VFile): string {
  if (typeof file.value !== "string") file.value = decodeBytes(file, file.value);
  if (!file.value.trim() && !file.messages.some((message) => message.fatal)) {
    error(file, `text is empty: there is nothing to print; check the file or remove it from ${file.data.manifestPath ? `\`${file.data.manifestPath}\`` : "the manifest"}`, "ingest-empty", { line: 1, column: 1 });
  }
  return file.value;
}

function decodeBytes(file: VFile, bytes: Uint8Array): string {
  const utf16 = utf16Bom(bytes);
  if (utf16) {
    file.message(`text is ${utf16.toUpperCase()}, not UTF-8; decoded it (save it as UTF-8 to silence this)`, { ...origin, ruleId: "ingest-encoding", place: { line: 1, column: 1 } });
    return iconv.decode(Buffer.from(bytes), utf16);
  }

  const binary = firstBinaryByte(bytes);
  if (binary !== -1) {
    error(file, `this is not a text file (byte 0x${bytes[binary]!.toString(16).padStart(2, "0")} at byte ${binary}); is it the file you meant?`, "ingest-binary", {
      line: lineOfByte(bytes, binary),
      column: binary - bytes.lastIndexOf(0x0a, binary - 1),
    });
    return "";
  }

  try {
    return utf8.decode(bytes);
  } catch {
    // not UTF-8: find out what it is
  }
  const offset = firstNonUtf8Byte(bytes);
  const guesses = chardet.analyse(bytes);
  const best = guesses[0];
  const encoding = best && singleByteLatin(best.name);
  if (!encoding || !iconv.encodingExists(encoding)) {
    const named = best ? ` (it looks like ${best.name}, ${best.confidence}% sure)` : "";
    error(file, `text is not valid UTF-8${named}; save it as UTF-8 and rebuild`, "ingest-encoding", {
      line: lineOfByte(bytes, offset),
      column: offset - bytes.lastIndexOf(0x0a, offset - 1),
    });
    return "";
  }
  const value = iconv.decode(Buffer.from(bytes), encoding);
  // Single-byte: the first bad byte's offset is its character offset.
  const place = location(value).toPoint(offset) ?? { line: 1, column: 1 };
  const as = encoding === best!.name.toLowerCase() ? encoding : `${encoding} (detected ${best!.name})`;
  file.message(`text is not UTF-8: decoded it as ${as}; check the accented letters, and save it as UTF-8 to silence this`, {
    ...origin,
    ruleId: "ingest-encoding",
    place,
  });
  return value;
}

function error(file: VFile, reason: string, ruleId: string, place: { line: number; column: number }): void {
  const message = file.message(reason, { ...origin, ruleId, place });
  message.fatal = true;
}

function utf16Bom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/** The first NUL, or the first control byte when they are too many for a text (a stray one is not). */
function firstBinaryByte(bytes: Uint8Array): number {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return nul;
  let count = 0;
  let first = -1;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d) continue;
    count++;
    if (first === -1) first = index;
  }
  return count > bytes.length / 200 ? first : -1;
}

function firstNonUtf8Byte(bytes: Uint8Array): number {
  // Decoding a growing prefix would be quadratic; a lenient decode marks the spot with U+FFFD.
  const lenient = Buffer.from(bytes).toString("utf8");
  const bad = lenient.indexOf("\uFFFD");
  return bad === -1 ? 0 : Buffer.byteLength(lenient.slice(0, bad), "utf8");
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++;
  return line;
}

/**
 * The encoding to decode with, for chardet's single-byte Latin guesses. As in
 * the WHATWG Encoding Standard, Latin-1 is read as its superset Windows-1252
 * (what such files nearly always are). Multi-byte guesses on a Western text
 * are usually wrong, so they are refused rather than decoded.
 */
function singleByteLatin(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower === "iso-8859-1" || lower === "windows-1252") return "windows-1252";
  if (/^(iso-8859-\d+|windows-125\d)$/.test(lower)) return lower;
  return undefined;
}
