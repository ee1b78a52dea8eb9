// Whether a date in a sentence dates something that happened. An event is a
// clause with a past-tense or historic-present predicate whose time adverbial
// is the date. A date that only measures (`than in 1917`, `since 1928`), names
// a period or a revolution as a label (`The French Revolution of 1789 was a
// classic example`), dates a piece of writing (`was published in 1991`,
// `Writing in 1938`), stands in a citation or a file name, or sits in a
// sentence that looks back on what was told before (`as we have seen`) is
// not an event. compromise tags the verbs; the rest is the sentence's own
// wording. The words are English grammar (the edition's language).
import nlp from "compromise";
import { listKey, memoised } from "../memo.js";

export type NotEvent = "comparison" | "label" | "writing" | "citation" | "file-name" | "aside" | "counterfactual" | "no-predicate";

export interface ClauseJudgement {
  event: boolean;
  /** Why the date is not an event's. */
  reason?: NotEvent;
}

/** Verbs (infinitives) whose clause is a fact about writing, not an event: writing, citation, what a work covers. */
const writingVerbs = new Set(["sum up", "write", "rewrite", "reprint", "translate", "cite", "quote", "note", "footnote", "edit", "review", "cover"]);
/** Verbs that introduce a quotation when the sentence ends on a colon (a proclamation, `announced:`, `declared:`, is an act and stays). */
const quotingVerbs = new Set(["say", "state", "tell", "explain", "argue", "put", "write", "remark", "add", "recall", "conclude", "comment", "predict", "warn", "insist", "observe"]);
/** Words that make what follows them a measure or a likeness (`than in 1917`, `like the soviets in 1917`). */
const comparison = /\b(?:than|like|unlike|similar to|just as|as though|as if|compared (?:with|to)|as (?:it|they|he|she) (?:had|did|was|were)|as in)\b/i;
/** `since 1928` as a measure: the year right after `since`. */
const measure = /\bsince\s+(?:the\s+)?$/i;
/** Looks back on what the text has told already. */
const aside = /^\s*It (?:is|was) (?:no accident|some measure|a measure|clear|significant|worth|true|striking|remarkable)\b|\bas (?:we|I) (?:have |had |shall |will )?(?:seen|saw|see|noted|mentioned|said|shown)\b|\bas (?:noted|mentioned|said|shown) (?:above|earlier|before)\b|\b(?:chapter|story|book|article|section|essay) (?:is|was) concerned with\b/i;
/** A judgement or a fate, not a deed (`you … were right`, `were destined for the dustbin of history`), and what a theory or a policy proves. */
const judgement = /\b(?:is|are|was|were|be|been)\s+(?:always\s+|quite\s+|entirely\s+)?(?:right|wrong|correct|mistaken|justified|destined|doomed)\b|\b(?:prove|proved|proven|disprove|disproved|vindicated|refuted)\s+(?:it|this|that|them)\b/i;
/** What the author observes in an event (`could be seen in the General Strike of 1926`): a comment on it. */
const observed = /\b(?:can|could|may|might|must)\s+(?:also\s+)?be\s+(?:seen|found|traced|observed|detected|glimpsed|noticed)\b/i;
/** A commemoration dates the passing of an anniversary, not an event of its own. */
const commemoration = /\b(?:anniversary|centenary|centennial|bicentenary|jubilee)\b/i;
/** A citation's furniture: page numbers, volumes, editions, a publisher's place. */
const citation = /\bpp?\.\s?\d|\bvol\.\s?\d|\b(?:ed|eds|trans)\.\s|\b(?:London|New York|Oxford|Cambridge|Paris|Moscow):\s+[A-Z]/;
/** A file name or a path around the date. */
const fileName = /\.(?:jpe?g|png|gif|tiff?|svg|webp|pdf)\b/i;
/** Prepositions that make a named event a time adverbial (`during the 1905 revolution`, `with the defeat of the 1905 revolution`). */
const temporal = /\b(?:during|in|after|before|since|following|until|till|with|at|on|by)\s+(?:the\s+)?(?:(?:time|times|days|eve|aftermath|wake|defeat|victory|end|start|beginning|course|height|outbreak|failure|collapse|crushing|suppression)\s+of\s+(?:the\s+)?)?$/i;
/** Clause boundaries for the predicate: semicolons, colons, spaced dashes, brackets. */
const boundary = /;\s|:\s|\s[–—]\s|[()]/g;

/** The clause of `sentence` that holds [start, end). */
export function clauseAround(sentence: string, start: number, end: number): { from: number; to: number } {
  let from = 0;
  let to = sentence.length;
  for (const match of sentence.matchAll(boundary)) {
    const at = match.index!;
    if (at + match[0].length <= start) from = at + match[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return { from, to };
}

/** Where a label that holds the date starts (`the French Revolution of 1789`, `the 1905 revolution`), or -1 when the date is no label. */
function labelStart(sentence: string, start: number, end: number, namedEvents: string[]): number {
  const before = sentence.slice(0, start);
  const after = sentence.slice(end);
  const named = namedEvents.length && new RegExp(`^\\s+(?:${namedEvents.join("|")})\\b`, "i").test(after);
  if (named || (/^\s+[A-Z][a-z]+/.test(after) || /^\s+(?:period|era|phase)\b/i.test(after)) && /\bthe\s+$/i.test(before)) {
    const the = /\bthe\s+$/i.exec(before);
    return the ? the.index : start;
  }
  // `the abortive revolution of 1905-06`: a named event in lower case is a label too, unless a time preposition leads to it.
  const lower = namedEvents.length ? new RegExp(`\\b[Tt]he\\s+(?:[A-Za-z]+\\s+)?(?:${namedEvents.join("|")})\\s+of\\s+$`).exec(before) : null;
  if (lower) return lower.index;
  const of = /((?:\b[A-Z][\w’'-]*\s+)+)of\s+$/.exec(before);
  if (of) {
    const the = /\bthe\s+$/i.exec(before.slice(0, of.index));
    return the ? the.index : of.index;
  }
  return -1;
}

interface VerbFacts {
  text: string;
  verb?: { infinitive?: string; grammar?: { tense?: string } };
}

/** compromise's verbs of a string, as the judgement reads them; a sentence with several dates asks for the same clause again. */
const verbsOf = memoised("verbsOf", (text: string) => text, (text: string): VerbFacts[] =>
  (nlp(text).verbs().json() as VerbFacts[]).map(({ text: words, verb }) => ({ text: words, ...(verb ? { verb: { infinitive: verb.infinitive, grammar: { tense: verb.grammar?.tense } } } : {}) })),
);
/** How many verbs compromise finds in a string (their grammar unread). */
const verbCount = memoised("verbCount", (text: string) => text, (text: string) => nlp(text).verbs().length);

const copulas = new Set(["be", "have", "seem", "remain", "become", "prove", "show", "mark"]);

/** A named event that opens its clause and is the subject of what happened (`the 1921 famine struck the Volga`), not of a description (`was a classic example`). */
function labelActs(rest: string, namedEvents: string[]): boolean {
  const words = rest.replace(new RegExp(`^\\s*(?:${namedEvents.join("|") || "(?!)"})\\b`, "i"), "").trim().split(/\s+/).slice(0, 2).join(" ");
  const verb = verbsOf(words)[0];
  return Boolean(verb && words.startsWith(verb.text?.split(" ")[0] ?? "\u0000") && /^(?:PastTense|PresentTense)$/.test(verb.verb?.grammar?.tense ?? "") && !copulas.has(verb.verb?.infinitive ?? ""));
}

/** Whether the date at [start, end) of `sentence` dates an event, and if not why (kept in the text's memo: ../memo.ts). */
export const judgeClause = memoised("judgeClause", (sentence: string, start: number, end: number, namedEvents: string[] = []) => `${start}:${end}:${listKey(namedEvents)}\0${sentence}`, judge);

function judge(sentence: string, start: number, end: number, namedEvents: string[] = []): ClauseJudgement {
  // A slash may join a range (`24/25 October`, `1992/93`); an underscore or a file's extension never stands in a sentence's date.
  if (fileName.test(sentence) || /_\s*$/.test(sentence.slice(0, start)) || /^_/.test(sentence.slice(end))) return { event: false, reason: "file-name" };
  if (citation.test(sentence)) return { event: false, reason: "citation" };
  if (aside.test(sentence)) return { event: false, reason: "aside" };
  // A question asks; it tells no event (a diary's `20th October, 1920: … what was he?`).
  if (/\?[”’"']?\s*$/.test(sentence)) return { event: false, reason: "aside" };
  const { from, to } = clauseAround(sentence, start, end);
  // The judgement is the date's own predicate: no other verb stands between them. (A count needs no verb's grammar: `.length`, not `.json()`.)
  const noVerbs = (words: string) => !verbCount(words.replace(/\b(?:had|has|have|was|were|is|are|been|be)\b/gi, ""));
  const judged = judgement.exec(sentence.slice(end, to));
  const seen = [...sentence.slice(from, start).matchAll(new RegExp(observed, "gi"))].at(-1);
  if ((judged && noVerbs(sentence.slice(end, end + judged.index))) || (seen && noVerbs(sentence.slice(from + seen.index! + seen[0].length, start)))) return { event: false, reason: "aside" };
  if (commemoration.test(sentence.slice(end, end + 80).split(/[,;:]/)[0]!)) return { event: false, reason: "label" };
  // Examples in brackets (`(1830 and 1848 in France, February 1917 in Russia, etc.)`) name, they do not tell.
  const bracketOpen = sentence.lastIndexOf("(", start);
  if (bracketOpen > sentence.lastIndexOf(")", start) && /^[^)]*\b(?:etc|e\.g)\b/.test(sentence.slice(bracketOpen))) return { event: false, reason: "label" };
  // The words from the last comma before the date: a measure or a likeness stands there.
  const lead = sentence.slice(from, start);
  const phrase = lead.slice(lead.lastIndexOf(",") + 1);
  if (comparison.test(phrase) || measure.test(lead) || /\bwhatever\b/i.test(phrase)) return { event: false, reason: "comparison" };
  // `Since the collapse … in 1989, the word has carried …`: a starting point, unless the since-clause has a verb of its own (`ever since Kaplan had shot him in 1918`).
  const since = /\bsince\b(?!.*\bsince\b)/i.exec(phrase);
  // (`since the Twelfth Congress … in 1923, when Trotsky first asserted …`: the when-clause tells what happened then.)
  if (since && !verbCount(phrase.slice(since.index + 5)) && !/^\s*,?\s*when\b/i.test(sentence.slice(end))) return { event: false, reason: "comparison" };
  // `until 1933` ends a state (`nobody had doubted it until 1924`); `did not join until 1917`, `waited until the end of December before` date what happened then.
  if (/\buntil\s+(?:the\s+)?$/i.test(lead) && !/\b(?:not|never|waited|delayed|postponed|put off)\b|n’t\b|n't\b/i.test(sentence.slice(from, to))) return { event: false, reason: "comparison" };
  // What did not happen: `If Rosa Luxemburg had hidden herself … in January 1919`, `would have brought us victory`.
  if (/\bif\b/i.test(lead) && /\bhad\b/i.test(sentence.slice(from, to)) || /\b(?:would|could|might|should)(?: not| never)? have\b/i.test(sentence.slice(from, to))) return { event: false, reason: "counterfactual" };
  // A date inside an appositive noun phrase between commas (`, the tested method of insurrection in the Revolution of 1905,`) describes, it does not tell.
  const segmentStart = sentence.lastIndexOf(",", start) + 1;
  const segmentEnd = sentence.indexOf(",", end);
  if (segmentStart > from && segmentEnd !== -1 && segmentEnd <= to) {
    const segment = sentence.slice(segmentStart, segmentEnd);
    // (`the tested method`: a participle after the article describes.)
    if (/^\s*(?:the|a|an)\s/i.test(segment) && !verbCount(segment.replace(/^\s*(?:the|a|an)\s+\w+/i, ""))) return { event: false, reason: "label" };
  }
  const label = labelStart(sentence, start, end, namedEvents);
  if (label >= 0 && !temporal.test(sentence.slice(from, label)) && !(/^\s*(?:[A-Za-z]+,?\s+)?$/.test(sentence.slice(from, label)) && labelActs(sentence.slice(end, to), namedEvents))) return { event: false, reason: "label" };
  const clause = sentence.slice(from, to);
  let verbs = verbsOf(clause);
  if (!verbs.length) verbs = verbsOf(sentence);
  // A work that `was published in 1991`, `published in 1989`: the clause is about the work. A person who publishes acts
  // (`Trotsky published an open letter`); a person who writes, notes or is quoted is a citation (`Stalin wrote:`, `Writing in 1938`).
  if (/\b(?:published|written|reprinted|issued|dated)\s+(?:in|on)\s/i.test(clause) || /\b(?:was|were|been)\s+(?:first\s+|originally\s+)?(?:published|written|reprinted)\b[^,;]*$/i.test(sentence.slice(from, start))) return { event: false, reason: "writing" };
  if (/\b(?:appeared|came out)\b/i.test(clause) && /\b(?:articles?|books?|pamphlets?|volumes?|collection|edition|preface|essays?|journal|newspaper)\b/i.test(clause)) return { event: false, reason: "writing" };
  if (verbs.some((verb) => writingVerbs.has(verb.verb?.infinitive ?? "") && !/\bpublish/i.test(verb.text))) return { event: false, reason: "writing" };
  // A clause that introduces a quotation (`Khrushchev, in his secret speech … in 1956, said:`) cites; the quotation is the text's evidence, not an event.
  const introduces = (verb: string) => sentence.includes(`${verb}:`) || (/:\s*$/.test(sentence) && /:\s*$/.test(sentence.slice(to)));
  if (verbs.some((verb) => quotingVerbs.has(verb.verb?.infinitive ?? "") && introduces(verb.text.replace(/[,.;]+$/, "")))) return { event: false, reason: "citation" };
  const finite = verbs.some((verb) => /^(?:PastTense|PresentTense)$/.test(verb.verb?.grammar?.tense ?? ""));
  return finite ? { event: true } : { event: false, reason: "no-predicate" };
}
