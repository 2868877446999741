// Enrichment: what every story gets from its own text once its format's
// parser has run, the same way for every format. Called by the Normalizer.
//
//   v1::Story story = ...;  // as a parser left it
//   EnrichStory(story);
//
// First every text field (headline, subheadline, byline, paragraphs,
// keywords, dateline, copyright, slugline, note, section, provider, subject
// names) loses the invisible format characters of text::IsInvisibleFormat:
// bidi embeddings, overrides and isolates (an override in a headline
// reorders it on screen), soft hyphens, zero-width spaces. This is the one
// place where story text is cleaned the same way for every format.
//
// Then only fields the parser left empty are filled, so nothing the source
// says is overridden:
//   dateline   from the first paragraph (see dateline.h). A dateline that
//              opens the paragraph stays in its text; a paragraph that is only
//              a dateline ("BEIJING" above the body) is removed.
//   agency     from the dateline's agency, else a credit line closing the
//              body. An agency already set is brought to its short code
//              ("Associated Press" -> "AP", see agency.h).
//   copyright  from a copyright line closing the body ("© KYODO").
//   language   detected from headline and body; a declared one is brought to
//              canonical BCP 47 form ("EN" -> "en", "ger" -> "de"), and one
//              that cannot be read is replaced by the detected one if any.
// Credit-only paragraphs closing the body ("© KYODO", "(AP)", "Reporting
// by ...; Editing by ...") are removed whatever the agency, as they are not
// body text; the first paragraph is never removed as a credit.
//
// Deterministic, idempotent (enriching twice equals enriching once) and
// thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_ENRICH_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_ENRICH_H_

#include "newswire/v1/story.pb.h"

namespace newswire {

void EnrichStory(v1::Story& story);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_ENRICH_H_
