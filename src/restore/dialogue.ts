// Lines of dialogue and speaker lines, told by their structure, never by the
// words spoken: a line that opens with a quotation mark, a quotation closed
// after sentence punctuation (`“Yes,” he said`, `“And then?”`, `Said I:
// “Could I…?”`), and a speaker's name in capitals before a full stop or colon
// (`HAMMOND.`, `MR. SMITH: I think not`). The heading detectors ask here
// before they make a short line a heading.

/** Opening quotation marks (straight ones too: a scrape keeps them). */
const openingQuote = `“‘"'«„‚`;
/** Closing quotation marks. */
const closingQuote = `”’"'»`;

/** The line opens with a quotation mark: quoted speech or a quoted sentence. */
const opensQuoted = new RegExp(`^[${openingQuote}]`, "u");
/** A quotation closed right after sentence punctuation, a comma or a dash: `said,”`, `then?”`, `– ”`. */
const punctuationInQuotes = new RegExp(`[.!?,;…–—-]\\s*[${closingQuote}]`, "u");

/** Whether a line reads as dialogue (quoted speech), from its quotation marks and punctuation. */
export function isDialogue(line: string): boolean {
  const text = line.trim();
  return opensQuoted.test(text) || punctuationInQuotes.test(text);
}

/** A name in capitals (one to four words, `MR.`, `DR.` and initials allowed) before a full stop or a colon. */
const speakerName = /^((?:\p{Lu}{1,4}\.\s*)?\p{Lu}[\p{Lu}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{Lu}'’-]*)){0,3})\s*([.:])(?:\s+(.*))?$/u;

/**
 * A speaker line of a play or an interview: `HAMMOND.`, `MR. SMITH:`, or a
 * speaker's name in capitals followed by what they say in ordinary case
 * (`SMITH: I think not`). A heading in capitals after a colon
 * (`APPENDIX: NOTES`) is not one.
 */
export function isSpeakerLine(line: string): boolean {
  const match = speakerName.exec(line.trim());
  // `II. The Beginning` is a numbered heading, not a speaker.
  if (!match || /^[IVXLCDM]+$/.test(match[1]!)) return false;
  const said = match[3];
  return !said || /\p{Ll}/u.test(said);
}
