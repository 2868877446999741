// Lines of a wire story that are not its text: how agencies sign off,
// route and caption, read the same way for every format. EnrichStory
// (enrich.h) removes them from the body.
//
// Pure and thread-safe. Each function takes one paragraph, as the story
// holds it (whitespace collapsed).
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_BODY_JUNK_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_BODY_JUNK_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire {

// A closing sign-off and nothing else: "END", "ENDS", "ends" (PA), "(END)",
// "-- END --", "ENDE", "FIN", "SLUT", "LOPPU", "+++", "/ritzau/".
bool IsSignOff(absl::string_view paragraph);

// Where a Ritzau sign-off run on at the end of the last paragraph starts
// ("... sin spanske landsmand. /ritzau/" -> the offset of " /ritzau/"), or
// npos. Ritzau closes every story with "/ritzau/", with a partner agency
// after a second slash or a hyphen ("/ritzau/AFP", "/ritzau-AFP/").
size_t TrailingSignOffStart(absl::string_view paragraph);

// The agency a sign-off names ("/ritzau/" -> "RITZAU"), "" if none.
std::string SignOffAgency(absl::string_view sign_off);

// A transmission routing line: six or more codes, two thirds of them with
// digits and two or more mixing letters and digits, no lower-case word ("51 77 03 CRO01 1113 APE4800 GEST GEST03 MAE03 LOC03
// QBXBSXB" closing an ANSA story).
bool IsRoutingLine(absl::string_view paragraph);

// A picture caption printed in the body: a picture label and a colon
// ("BILDE: ...", "PHOTO: ...", "FOTO: ...", "KUVA: ...", "BILD: ...") or a
// photo credit line of a few words ("Foto: NTNU", "Photo: Reuters").
bool IsPictureCaption(absl::string_view paragraph);

// A picture caption whose text is only the picture's address or nothing
// ("BILDE: http://res.cloudinary.com/.../r8mk.jpg"): the caption proper is
// the short paragraph under it.
bool IsPictureLabelWithoutCaption(absl::string_view paragraph);

// A placeholder for something the conversion left out, in brackets and
// capitals ("[ GRAFIKK/VIDEO MANGLER ]", "[PHOTO]").
bool IsPlaceholder(absl::string_view paragraph);

// A label whose content was lost in conversion: one word in capitals and a
// colon, nothing after it ("WEB:" where a press release's link was).
bool IsEmptyLabel(absl::string_view paragraph);

// "<endash>-</endash>", "<emdash/>": pseudo-markup some agencies write in
// text (STT, escaped in its XHTML) becomes the character it names.
void ReplacePseudoMarkup(std::string* text);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_BODY_JUNK_H_
