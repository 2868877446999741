#include "services/ingest/normalize/enrich.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/strings/string_view.h"
#include "services/ingest/normalize/rules/agency.h"
#include "services/ingest/normalize/body_junk.h"
#include "services/ingest/normalize/rules/dateline.h"
#include "services/ingest/normalize/rules/head_lines.h"
#include "services/ingest/normalize/rules/html_fragment.h"
#include "services/ingest/normalize/language.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/rules/text_rows.h"

namespace newswire {
namespace {

// An agency the table does not know is kept from a dateline only when it
// looks like a code ("(Bernama)", "(PTI)"), not a phrase.
constexpr size_t kMaxUnknownAgencyBytes = 12;
// Paragraphs read above the lead for notes, bylines and bullets: Reuters
// prints a note, three or four bullets and a byline.
constexpr int kMaxHeadParagraphs = 8;
// A dated lead may sit below at most this many short lines (a release's
// subtitle, a notice) of at most this many words each.
constexpr int kMaxLinesAboveDatedLead = 2;
// A release's lead printed with place, date and wire ("TORONTO, 26 mai 2020
// (GLOBE NEWSWIRE) --") may sit below more of them: the headline's copy, a
// subtitle and two or three highlight lines.
constexpr int kMaxLinesAboveFullDatedLead = 5;
constexpr int kMaxWordsAboveDatedLead = 30;
constexpr size_t kMaxBytesAboveDatedLead = 600;
// Rows a staff credit may be set on.
constexpr int kMaxCreditRows = 4;

// `field` without the invisible format characters (bidi overrides and
// isolates, soft hyphens, ...; text::IsInvisibleFormat). Most text reached
// the story through a whitespace collapse that drops them already.
// Pseudo-markup ("<endash>-</endash>") becomes its character here too.
void RemoveInvisibleFormat(std::string* field) {
  ReplacePseudoMarkup(field);
  if (text::HasInvisibleFormat(*field)) *field = text::CollapseWhitespace(*field);
}

// The one place every text field of a story is cleaned, whatever its format:
// an override hidden in a headline or a byline would reorder it on screen.
void RemoveInvisibleFormat(v1::Story& story) {
  for (std::string* field :
       {story.mutable_headline(), story.mutable_subheadline(), story.mutable_byline(),
        story.mutable_copyright(), story.mutable_slugline(), story.mutable_editorial_note(),
        story.mutable_source_section(), story.mutable_provider(), story.mutable_credit_line()}) {
    RemoveInvisibleFormat(field);
  }
  for (std::string& paragraph : *story.mutable_paragraphs()) RemoveInvisibleFormat(&paragraph);
  for (std::string& keyword : *story.mutable_keywords()) RemoveInvisibleFormat(&keyword);
  for (v1::Subject& subject : *story.mutable_subjects()) {
    RemoveInvisibleFormat(subject.mutable_name());
  }
  if (story.has_dateline()) {
    v1::Dateline* dateline = story.mutable_dateline();
    for (std::string* field : {dateline->mutable_place(), dateline->mutable_date_text(),
                               dateline->mutable_agency(), dateline->mutable_text()}) {
      RemoveInvisibleFormat(field);
    }
  }
}

// Appends `part` to `field` with "; " unless the field already says it.
void AppendPart(std::string* field, absl::string_view part) {
  if (part.empty()) return;
  if (absl::StrContains(absl::AsciiStrToLower(*field), absl::AsciiStrToLower(part))) return;
  if (!field->empty()) field->append("; ");
  field->append(part.data(), part.size());
}

// A subheadline that is an editor's note ("(Eds: ...)" in a NITF hl2) is
// the note.
void MoveNoteFromSubheadline(v1::Story& story) {
  if (std::optional<std::string> note = ParseEditorNote(story.subheadline())) {
    AppendPart(story.mutable_editorial_note(), *note);
    story.clear_subheadline();
  }
}

bool IsEmpty(const v1::Dateline& dateline) {
  return dateline.place().empty() && dateline.date_text().empty() &&
         dateline.agency().empty() && dateline.text().empty();
}

// A note given as markup ("<p>Adds <b>quotes</b></p>", escaped HTML in a
// feed's note element) is read as text. Only the tags of text markup count:
// "<international@dpa.com>" in a dpa note is an address, not a tag.
bool HasTextMarkup(absl::string_view text) {
  static constexpr absl::string_view kTags[] = {
      "p", "br", "b", "i", "u", "a", "em", "strong", "span", "div", "ul", "ol", "li",
      "h1", "h2", "h3", "h4", "h5", "h6", "font", "sup", "sub", "blockquote", "section"};
  for (size_t open = text.find('<'); open != absl::string_view::npos;
       open = text.find('<', open + 1)) {
    absl::string_view rest = text.substr(open + 1);
    absl::ConsumePrefix(&rest, "/");
    size_t name_end = 0;
    while (name_end < rest.size() &&
           absl::ascii_isalnum(static_cast<unsigned char>(rest[name_end]))) {
      ++name_end;
    }
    if (name_end == rest.size() || !(rest[name_end] == '>' || rest[name_end] == ' ' ||
                                     rest[name_end] == '/')) {
      continue;
    }
    std::string name = absl::AsciiStrToLower(rest.substr(0, name_end));
    for (absl::string_view tag : kTags) {
      if (name == tag) return true;
    }
  }
  return false;
}

void NoteMarkupToText(v1::Story& story) {
  if (HasTextMarkup(story.editorial_note())) {
    story.set_editorial_note(HtmlFragmentToText(story.editorial_note()));
  }
}

// A title set in capitals over agate or a listing ("BASEBALL'S TOP TEN"):
// no lower-case letter, a few words, no sentence.
bool IsCapitalsTitle(absl::string_view paragraph) {
  constexpr int kMaxTitleWords = 8;
  int words = 1;
  bool letter = false;
  for (char c : paragraph) {
    if (absl::ascii_islower(static_cast<unsigned char>(c))) return false;
    letter = letter || absl::ascii_isupper(static_cast<unsigned char>(c));
    words += c == ' ';
  }
  return letter && words <= kMaxTitleWords && !absl::EndsWith(paragraph, ".");
}

// Reads the head of the body: editor's notes and byline lines above the
// lead leave the body for `editorial_note` and `byline`; summary bullets
// stay. Returns the index of the lead paragraph (paragraphs_size() when the
// head holds nothing else).
int TakeHeadLines(v1::Story& story) {
  auto* paragraphs = story.mutable_paragraphs();
  std::string printed_byline;
  // AP's agate prints its byline under a title in capitals
  // ("BASEBALL'S TOP TEN" / "By The Associated Press"): the title stays.
  if (paragraphs->size() > 2 && IsCapitalsTitle(paragraphs->Get(0))) {
    if (std::optional<std::string> byline = ParseBylineLine(paragraphs->Get(1))) {
      printed_byline = *byline;
      paragraphs->erase(paragraphs->begin() + 1);
    }
  }
  bool after_byline = false;
  int lead = 0;
  for (int seen = 0; lead < paragraphs->size() && seen < kMaxHeadParagraphs; ++seen) {
    const std::string& paragraph = paragraphs->Get(lead);
    const bool follows_byline = after_byline;
    after_byline = false;
    if (std::optional<std::string> note = ParseEditorNote(paragraph)) {
      AppendPart(story.mutable_editorial_note(), *note);
    } else if (IsReleaseMetadataLine(paragraph)) {
      // Dropped: its time, issuer and kind are the metadata's.
    } else if (std::optional<std::string> byline = ParseBylineLine(paragraph)) {
      AppendPart(&printed_byline, *byline);
      after_byline = true;
    } else if (follows_byline && IsBylineAffiliation(paragraph)) {
      absl::StrAppend(&printed_byline, ", ", absl::StripAsciiWhitespace(paragraph));
    } else if (IsSummaryBullet(paragraph)) {
      ++lead;
      continue;
    } else {
      break;
    }
    paragraphs->erase(paragraphs->begin() + lead);
  }
  // Desk initials in the byline field ("gr/bp", EFE's NITF) sign the copy;
  // they name no writer.
  if (std::optional<Credit> credit = ParseCreditLine(story.byline());
      credit && credit->agency.empty() && !credit->is_copyright && !credit->is_staff_credit) {
    story.clear_byline();
  }
  // The metadata's byline is the source's word; the printed one only fills
  // its place.
  if (story.byline().empty()) story.set_byline(printed_byline);
  return lead;
}

// A dateline field a feed filled with a machine time stamp ("2014-07-16
// 13:00:03 GMT+00:00") is no dateline.
void DropMachineTimestamps(v1::Story& story) {
  if (!story.has_dateline()) return;
  v1::Dateline* dateline = story.mutable_dateline();
  for (std::string* field :
       {dateline->mutable_place(), dateline->mutable_date_text(), dateline->mutable_text()}) {
    if (IsMachineTimestamp(*field)) field->clear();
  }
}

// The dateline printed on the lead paragraph wins over the metadata's
// (`located` may be the editing desk, not where the story was filed); the
// metadata's place stays only when the printed dateline has none.
//
// Press releases and some agencies set a line above the lead: a release's
// subtitle ("National not-for-profit aims to raise ..."), "NOT FOR
// DISSEMINATION IN THE UNITED STATES", ANP's "Nieuw bericht, vervangt: ...".
// The lead below it still opens with the dateline; it is taken from there
// only in its full shape, with an agency ("SAN FRANCISCO, Dec. 03, 2019
// (GLOBE NEWSWIRE) --"; below more than two lines also with a date), and
// only below short lines, so a quotation deeper in the story is never read
// as one.
std::optional<DatelineMatch> FindLeadDateline(const v1::Story& story, int* lead) {
  const int count = story.paragraphs_size();
  for (int i = *lead; i < count && i <= *lead + kMaxLinesAboveFullDatedLead; ++i) {
    std::optional<DatelineMatch> match =
        FindDateline(story.paragraphs(i), i + 1 < count ? story.paragraphs(i + 1) : "");
    const bool near = i <= *lead + kMaxLinesAboveDatedLead;
    if (i == *lead) {
      if (match) return match;
    } else if (match && !match->agency.empty() && !match->stands_alone &&
               (near || !match->date_text.empty())) {
      *lead = i;
      return match;
    }
    // Bytes first: counting the words of a long lead costs.
    if (story.paragraphs(i).size() > kMaxBytesAboveDatedLead ||
        text::CountWords(story.paragraphs(i)) > kMaxWordsAboveDatedLead) {
      break;
    }
  }
  return std::nullopt;
}

void FillDateline(v1::Story& story, int lead) {
  if (lead >= story.paragraphs_size()) return;
  std::optional<DatelineMatch> match = FindLeadDateline(story, &lead);
  if (!match) return;
  if (match->stands_alone) {
    // A place line with no body under it is more likely a stray label.
    if (lead + 1 >= story.paragraphs_size()) return;
    story.mutable_paragraphs()->erase(story.mutable_paragraphs()->begin() + lead);
  }
  v1::Dateline* dateline = story.mutable_dateline();
  if (!match->place.empty() || IsEmpty(*dateline)) dateline->set_place(match->place);
  dateline->set_date_text(match->date_text);
  dateline->set_agency(match->agency);
  dateline->set_text(match->text);
}

// Separator lines ("___", "-----"), picture captions printed in the body
// ("BILDE: ...", "Foto: NTNU") and labels left without what they labelled
// ("WEB:") are no story text, wherever they stand. A
// body made of nothing else is left as it is.
void RemoveSeparatorsAndCaptions(v1::Story& story) {
  // A caption is at most a sentence or two.
  constexpr int kMaxCaptionWords = 25;
  auto* paragraphs = story.mutable_paragraphs();
  auto is_junk = [](const std::string& paragraph) {
    return IsSeparatorLine(paragraph) || IsPictureCaption(paragraph) ||
           IsEmptyLabel(paragraph) || IsPlaceholder(paragraph);
  };
  if (std::all_of(paragraphs->begin(), paragraphs->end(), is_junk)) return;
  int kept = 0;
  bool under_address_only_label = false;
  for (int i = 0; i < paragraphs->size(); ++i) {
    std::string* paragraph = paragraphs->Mutable(i);
    // The caption of a picture label that gave only the picture's address
    // stands under it (NTB's Faktisk.no copy).
    bool caption = under_address_only_label && text::CountWords(*paragraph) <= kMaxCaptionWords;
    under_address_only_label = IsPictureLabelWithoutCaption(*paragraph);
    if (caption || is_junk(*paragraph)) continue;
    if (kept != i) paragraphs->Mutable(kept)->swap(*paragraph);
    ++kept;
  }
  paragraphs->DeleteSubrange(kept, paragraphs->size() - kept);
}

// Removes what closes the copy after its last sentence: sign-offs ("END",
// "ends", "/ritzau/", "(ANSA).", the last two also run on at the end of the
// last paragraph) and
// routing lines. Returns the agency a sign-off names ("" if none). The
// first paragraph is never removed.
std::string TakeSignOffs(v1::Story& story) {
  auto* paragraphs = story.mutable_paragraphs();
  std::string agency;
  while (paragraphs->size() > 1) {
    const std::string& last = paragraphs->Get(paragraphs->size() - 1);
    if (!IsSignOff(last) && !IsRoutingLine(last)) break;
    if (agency.empty()) agency = SignOffAgency(last);
    paragraphs->RemoveLast();
  }
  if (paragraphs->empty()) return agency;
  std::string* last = story.mutable_paragraphs(paragraphs->size() - 1);
  size_t start = TrailingSignOffStart(*last);
  if (start != std::string::npos && start > 0) {
    if (agency.empty()) agency = SignOffAgency(absl::string_view(*last).substr(start));
    last->erase(start);
  }
  // ANSA's "(ANSA)." run on after the last sentence.
  start = TrailingAgencySignOffStart(*last);
  if (start != std::string::npos && start > 0) {
    if (agency.empty()) agency = NormalizeAgency(absl::string_view(*last).substr(start));
    last->erase(start);
  }
  // An agency's code run on after the last sentence: EFE's "... EFE".
  start = TrailingAgencyCodeSignOffStart(*last);
  if (start != std::string::npos && start > 0) {
    if (agency.empty()) agency = NormalizeAgency(absl::string_view(*last).substr(start));
    last->erase(start);
    while (!last->empty() && last->back() == ' ') last->pop_back();
  }
  return agency;
}

// "(Reporting by X; Editing by Y)" -> "Reporting by X; Editing by Y".
absl::string_view StaffCredit(absl::string_view line) {
  line = absl::StripAsciiWhitespace(line);
  if (absl::StartsWith(line, "(") && absl::EndsWith(line, ")")) {
    line = absl::StripAsciiWhitespace(line.substr(1, line.size() - 2));
  }
  return line;
}

// A staff credit set on rows of its own ("(Reporting by A" / "Editing by
// B)": Reuters' XHTML keeps its line breaks, and they read as rows) is one
// credit again, its rows joined with "; ". The first paragraph is never
// taken.
void RejoinSplitStaffCredit(v1::Story& story) {
  const int count = story.paragraphs_size();
  if (count < 3) return;
  const std::string& last = story.paragraphs(count - 1);
  if (!absl::EndsWith(last, ")") || absl::StrContains(last, "(")) return;
  for (int open = count - 2; open >= 1 && count - open <= kMaxCreditRows; --open) {
    const std::string& row = story.paragraphs(open);
    if (absl::StrContains(row, ")")) return;
    if (!absl::StartsWith(row, "(")) {
      if (absl::StrContains(row, "(")) return;
      continue;
    }
    std::string joined = absl::StrJoin(story.paragraphs().begin() + open,
                                       story.paragraphs().end(), "; ");
    std::optional<Credit> credit = ParseCreditLine(joined);
    if (!credit || !credit->is_staff_credit) return;
    *story.mutable_paragraphs(open) = std::move(joined);
    story.mutable_paragraphs()->DeleteSubrange(open + 1, count - open - 1);
    return;
  }
}

// Removes the credit-only paragraphs that close the body, fills `copyright`
// from the first copyright line among them and `credit_line` from the staff
// credits (also one run on at the end of the last paragraph), and returns
// the first agency they credit ("" if none).
std::string TakeClosingCredits(v1::Story& story) {
  const int count = story.paragraphs_size();
  int first = count;
  while (first > 1 && ParseCreditLine(story.paragraphs(first - 1)).has_value()) --first;
  // A staff credit run on at the end of the last body paragraph comes first
  // in reading order.
  if (first > 0) {
    std::string* last = story.mutable_paragraphs(first - 1);
    size_t start = TrailingStaffCreditStart(*last);
    if (start != std::string::npos) {
      AppendPart(story.mutable_credit_line(), StaffCredit(absl::string_view(*last).substr(start)));
      last->erase(start);
      while (!last->empty() && last->back() == ' ') last->pop_back();
    }
  }
  std::string agency;
  for (int i = first; i < count; ++i) {
    std::optional<Credit> credit = ParseCreditLine(story.paragraphs(i));
    if (agency.empty()) agency = credit->agency;
    if (credit->is_copyright && story.copyright().empty()) {
      story.set_copyright(story.paragraphs(i));
    }
    if (credit->is_staff_credit) {
      AppendPart(story.mutable_credit_line(), StaffCredit(story.paragraphs(i)));
    }
  }
  story.mutable_paragraphs()->DeleteSubrange(first, count - first);
  return agency;
}

std::string AgencyFromDateline(absl::string_view printed) {
  std::string code = DatelineAgencyCode(printed);
  if (!code.empty()) return code;
  if (printed.size() <= kMaxUnknownAgencyBytes && printed.find(' ') == absl::string_view::npos) {
    return absl::AsciiStrToUpper(printed);
  }
  return "";
}

void FillAgency(v1::Story& story, const std::string& credited) {
  if (!story.agency().empty()) {
    std::string code = NormalizeAgency(story.agency());
    story.set_agency(code.empty() ? absl::AsciiStrToUpper(story.agency()) : code);
    return;
  }
  std::string agency = AgencyFromDateline(story.dateline().agency());
  if (agency.empty()) agency = credited;
  if (agency.empty() && story.paragraphs_size() > 0) {
    agency = TrailingCreditAgency(story.paragraphs(story.paragraphs_size() - 1));
  }
  // Last, a provider that is itself a wire agency (SDA-ATS's NewsML 1
  // names only its Provider party, "ats"); "Japan Today" is none.
  if (agency.empty()) agency = NormalizeAgency(story.provider());
  story.set_agency(agency);
}

// A note that opens by saying the story corrects an earlier one makes it a
// correction, whatever the format's own signal said (none, or update); a
// notice that it replaces an earlier one ("Nieuw bericht, vervangt: ...")
// makes a story without a signal an update. A kill stays a kill. Notes are
// joined with "; " (metadata first).
void MarkSignalFromNotes(v1::Story& story) {
  if (story.signal() == v1::SIGNAL_KILL || story.signal() == v1::SIGNAL_CORRECTION) return;
  bool replaces = false;
  for (absl::string_view note : absl::StrSplit(story.editorial_note(), "; ")) {
    if (IsCorrectionNote(note)) {
      story.set_signal(v1::SIGNAL_CORRECTION);
      return;
    }
    replaces = replaces || IsReplaceNotice(note);
  }
  if (replaces && story.signal() == v1::SIGNAL_UNSPECIFIED) story.set_signal(v1::SIGNAL_UPDATE);
}

void FillLanguage(v1::Story& story) {
  if (!story.language().empty()) {
    std::string tag = NormalizeLanguageTag(story.language());
    if (!tag.empty()) {
      story.set_language(tag);
      return;
    }
  }
  // As much of the story as DetectLanguage reads.
  std::string sample = story.headline();
  for (const std::string& paragraph : story.paragraphs()) {
    if (sample.size() >= kLanguageDetectBytes) break;
    sample.push_back('\n');
    sample.append(paragraph);
  }
  std::string detected = DetectLanguage(sample);
  if (!detected.empty()) story.set_language(detected);
}

// A body that opens by repeating the headline (an HTML document's <h1>,
// TT's body_html5) prints it twice; the headline field has it.
void DropRepeatedHeadline(v1::Story& story) {
  if (story.paragraphs_size() < 2 || story.headline().empty()) return;
  if (story.paragraphs(0) != story.headline()) return;
  story.mutable_paragraphs()->erase(story.mutable_paragraphs()->begin());
}

// A byline field holding a sentence is the story's subtitle (ANSA's NITF
// as Belga moves it) when the subheadline is free.
void MoveSentenceFromByline(v1::Story& story) {
  if (!story.subheadline().empty() || !IsSentenceNotByline(story.byline())) return;
  story.set_subheadline(std::string(absl::StripAsciiWhitespace(story.byline())));
  story.clear_byline();
}

// Urgency arrows and an agency's mark opening a headline are the agency's
// flags, not words of it: ANSA's ">>>ANSA/Gazprom cuts ...". A known agency
// code before '/' is a mark only after the arrows ("AP/NORC poll" is words).
void DropHeadlineMarks(v1::Story& story) {
  absl::string_view headline = story.headline();
  const size_t arrows = headline.find_first_not_of('>');
  if (arrows == 0 || arrows == absl::string_view::npos) return;
  headline.remove_prefix(arrows);
  const size_t slash = headline.find('/');
  if (slash != absl::string_view::npos && slash > 0 &&
      headline.substr(0, slash).find(' ') == absl::string_view::npos &&
      !NormalizeAgency(headline.substr(0, slash)).empty()) {
    headline.remove_prefix(slash + 1);
  }
  story.set_headline(std::string(absl::StripLeadingAsciiWhitespace(headline)));
}

// TT (and NTB) close the text with the writer's name, which the byline
// field has ("Martin Hardenberger" under byline "Martin Hardenberger/TT").
void DropClosingByline(v1::Story& story) {
  if (story.paragraphs_size() < 2 || story.byline().empty()) return;
  absl::string_view last = absl::StripAsciiWhitespace(story.paragraphs(story.paragraphs_size() - 1));
  absl::string_view byline = story.byline();
  absl::string_view name = byline.substr(0, byline.find_first_of("/,"));
  if (last == absl::StripAsciiWhitespace(byline) || last == absl::StripAsciiWhitespace(name)) {
    story.mutable_paragraphs()->RemoveLast();
  }
}

}  // namespace

void EnrichStory(v1::Story& story) {
  RemoveInvisibleFormat(story);
  NoteMarkupToText(story);
  MoveNoteFromSubheadline(story);
  MoveSentenceFromByline(story);
  DropHeadlineMarks(story);
  DropMachineTimestamps(story);
  DropRepeatedHeadline(story);
  RemoveSeparatorsAndCaptions(story);
  FillDateline(story, TakeHeadLines(story));
  DropClosingByline(story);
  MarkSignalFromNotes(story);
  std::string signed_off = TakeSignOffs(story);
  RejoinSplitStaffCredit(story);
  std::string credited = TakeClosingCredits(story);
  FillAgency(story, credited.empty() ? signed_off : credited);
  FillLanguage(story);
}

}  // namespace newswire
