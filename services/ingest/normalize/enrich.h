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
// Then the head of the text is read (head_lines.h), the same for every
// format: above the lead paragraph, editor's notes ("(Adds ...)",
// "(Eds: ...)", "(In Jan. 3 story, corrects ...)", "Eds: ...") move to
// `editorial_note` (appended with "; " to the metadata's note, without their
// parentheses), byline lines ("By ...", "Von ...", "Par ...", with an
// "Associated Press Writer" line under them) leave the body and fill
// `byline` when the metadata gave none, and summary bullets ("* ...") stay.
// A subheadline that is an editor's note moves to `editorial_note`; a note
// given as markup becomes text. A note (the metadata's or a printed one)
// that opens by saying the story corrects an earlier one ("Corrects ...",
// "Berichtigung: ...", "Korjattu aiempaa uutista: ...") makes the signal
// SIGNAL_CORRECTION unless the story is a kill.
//   dateline   read on the lead paragraph (see dateline.h). A printed
//              dateline wins over the metadata's (the `located` place may be
//              the editing desk); the metadata's place stays only when the
//              printed one has none ("Jan 3 (Reuters) -"). A dateline that
//              opens the paragraph stays in its text; a paragraph that is
//              only a dateline ("BEIJING" above the body) is removed. A
//              dateline field holding a machine time stamp is cleared.
// Then only fields the parser left empty are filled, so nothing else the
// source says is overridden:
//   agency     from the dateline's agency ("tca/dpa" -> "DPA"), else a credit
//              line closing the body. An agency already set is brought to its
//              short code ("Associated Press" -> "AP", see agency.h).
//   copyright  from a copyright line closing the body ("© KYODO").
//   credit_line from staff credits closing the body ("(Reporting by ...;
//              Editing by ...)", also run on at the end of the last
//              paragraph), without their parentheses.
//   language   detected from headline and body; a declared one is brought to
//              canonical BCP 47 form ("EN" -> "en", "ger" -> "de"), and one
//              that cannot be read is replaced by the detected one if any.
// Junk (issue 18, class 7; body_junk.h): pseudo-markup ("<endash>-</endash>")
// in any text field becomes its character; separator lines ("___") and
// picture captions ("BILDE: ...", "Foto: NTNU") leave the body wherever
// they stand; sign-offs ("END", "ends", "/ritzau/", also run on at the end
// of the last paragraph) and routing lines close it and leave it; a
// sign-off that names an agency fills `agency` when nothing else did.
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
