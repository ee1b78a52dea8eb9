// The edition's data the index's sub-entries read: the words that name
// topics (works, named events, offices) and the editor's sub-entries of the
// name authority file, each of which must take a passage (else the build
// fails at its line, as an unmatched correction does).
import type { Point } from "unist";
import type { VFile } from "vfile";
import type { Lexicon } from "../../manifest/lexicon-schema.js";
import type { NamesAuthority } from "../../manifest/names-schema.js";
import type { CslItem } from "../../citations/works.js";
import { worksCited } from "../bibliography.js";
import { knownWorkTitles } from "../work-titles.js";
import type { Passage } from "./index-passages.js";
import { editorMatches, type TopicOptions } from "./index-topics.js";
import type { TextMentions } from "./name-index.js";

/** The words that name the topics of passages: the works the edition knows, the lexicon's named events and titles. */
export function indexTopicWords(texts: { data: { works?: Map<string, CslItem> } }[], lexicon: Pick<Lexicon, "works" | "namedEvents" | "titles">): TopicOptions {
  const cited = worksCited(texts.map((file) => file.data.works?.values() ?? []));
  return { works: knownWorkTitles(cited, lexicon.works), namedEvents: lexicon.namedEvents, titles: lexicon.titles };
}

/** Each editor's sub-entry must match a passage naming its person: else an error at its `match`. */
export function checkEditorSubentries(texts: TextMentions[], passages: Map<string, Passage>, names: NamesAuthority | undefined, namesFile: VFile | undefined, placeOf: ((keyPath: readonly PropertyKey[]) => Point) | undefined): void {
  if (!names || !namesFile) return;
  const byHeading = new Map<string, Passage[]>();
  for (const { mentions } of texts) {
    for (const mention of mentions) {
      const passage = passages.get(mention.id);
      if (!passage) continue;
      const list = byHeading.get(mention.heading);
      if (list) list.push(passage);
      else byHeading.set(mention.heading, [passage]);
    }
  }
  names.persons.forEach((person, index) => {
    (person.subentries ?? []).forEach((subentry, i) => {
      if ((byHeading.get(person.heading) ?? []).some((passage) => editorMatches(subentry, passage))) return;
      const message = namesFile.message(`sub-entry \`${subentry.label}\` of \`${person.heading}\`: none of ${subentry.match.map((word) => `\`${word}\``).join(", ")} stands in a passage naming the person`, {
        place: placeOf?.(["persons", index, "subentries", i, "match"]),
        ruleId: "names-subentry-unmatched",
        source: "names",
      });
      message.fatal = true;
    });
  });
}
