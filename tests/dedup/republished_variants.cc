#include "tests/dedup/republished_variants.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace newswire::dedup {

uint64_t SeededRandom::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t SeededRandom::Below(uint64_t n) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
}

bool SeededRandom::Chance(double p) { return Between(0, 1) < p; }

double SeededRandom::Between(double low, double high) {
  return low + (high - low) * static_cast<double>(Next() >> 11) * 0x1.0p-53;
}

namespace {

// A site that republishes stories, and what it puts around them.
struct Site {
  std::string name;
  std::vector<std::string> before_headline;
  std::vector<std::string> after_headline;
  std::vector<std::string> after_story;
  bool related_stories = false;
  std::string login_blurb;  // full sentences, which survive the label rule
  std::string footer;
};

const std::vector<Site>& Sites() {
  static const auto* sites = new std::vector<Site>{
      {"dailycourier",
       {"Home | News | World | UK | Business | Politics | Tech | Sport"},
       {"By Staff Reporter", "Published 7 February 2005"},
       {"Share this article", "Share on Facebook", "Share on Twitter"},
       true,
       "",
       "\xC2\xA9 2005 The Daily Courier. All rights reserved."},
      {"metrowire",
       {"Menu", "Skip to main content"},
       {"Updated: 08:14 GMT"},
       {"More on this story"},
       true,
       "",
       "Copyright 2005 Metro Wire Media Ltd"},
      {"tokyodaily",
       {"Newsletter Signup Register / Login"},
       {"0 Comments"},
       {"No Comment", "Login to comment"},
       false,
       "Use your Facebook account to login or register with Tokyo Daily. By doing so, you "
       "will also receive an email inviting you to receive our news alerts.",
       "\xC2\xA9" "2005 Tokyo Daily Media Inc."},
      {"globetimes", {}, {}, {"Share this"}, false, "", "(c) Globe Times"},
      {"northernherald",
       {"Top stories"},
       {"Advertisement"},
       {"Comments (0)", "You might also like"},
       true,
       "",
       "All content \xC2\xA9 2005 Northern Herald"},
  };
  return *sites;
}

constexpr std::pair<absl::string_view, absl::string_view> kSynonyms[] = {
    {"said", "stated"},    {"told", "informed"},  {"but", "however"},   {"big", "large"},
    {"about", "around"},   {"also", "too"},       {"people", "individuals"},
    {"firm", "company"},   {"company", "firm"},   {"shares", "stock"},  {"rise", "increase"},
    {"fall", "drop"},      {"new", "fresh"},      {"will", "would"},    {"has", "had"},
    {"start", "beginning"}, {"buy", "purchase"},  {"help", "assist"},   {"show", "reveal"},
    {"government", "administration"}};

constexpr absl::string_view kCredits[] = {
    "(c) KYODO", "(AP)", "\xC2\xA9 2005 Reuters", "(AFP)",
    "Copyright 2005 The Associated Press. All rights reserved.", "\xC2\xA9 KYODO"};
constexpr absl::string_view kDatelines[] = {"LONDON (AP) -- ", "LONDON, Feb 7 (Reuters) - ",
                                            "LONDON (AFP) - ", "LONDON - "};
constexpr absl::string_view kHeadlinePrefixes[] = {"UPDATE: ", "Breaking: ", "WATCH: ",
                                                   "In pictures: "};

using Sentences = std::vector<std::string>;

// Sentence ends: . ! ? (and a closing quote) before a space and a capital
// or an opening quote.
Sentences SplitSentences(absl::string_view paragraph) {
  Sentences sentences;
  size_t start = 0;
  for (size_t i = 0; i + 2 < paragraph.size(); ++i) {
    const char c = paragraph[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t end = i + 1;
    if (paragraph[end] == '"') ++end;
    if (end + 1 >= paragraph.size() || paragraph[end] != ' ') continue;
    const char next = paragraph[end + 1];
    if (!absl::ascii_isupper(static_cast<unsigned char>(next)) && next != '"') continue;
    sentences.emplace_back(paragraph.substr(start, end - start));
    start = end + 1;
    i = end;
  }
  if (start < paragraph.size()) sentences.emplace_back(paragraph.substr(start));
  return sentences;
}

int WordsIn(absl::string_view text) {
  return static_cast<int>(std::count(text.begin(), text.end(), ' ')) + (text.empty() ? 0 : 1);
}

int WordsIn(const std::vector<Sentences>& paragraphs) {
  int words = 0;
  for (const Sentences& paragraph : paragraphs) {
    for (const std::string& sentence : paragraph) words += WordsIn(sentence);
  }
  return words;
}

size_t SentenceCount(const std::vector<Sentences>& paragraphs) {
  size_t n = 0;
  for (const Sentences& paragraph : paragraphs) n += paragraph.size();
  return n;
}

// The (paragraph, sentence) at flat position `k`.
std::pair<size_t, size_t> Locate(const std::vector<Sentences>& paragraphs, size_t k) {
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    if (k < paragraphs[p].size()) return {p, k};
    k -= paragraphs[p].size();
  }
  return {paragraphs.size(), 0};
}

void DropEmptyParagraphs(std::vector<Sentences>& paragraphs) {
  paragraphs.erase(std::remove_if(paragraphs.begin(), paragraphs.end(),
                                  [](const Sentences& p) { return p.empty(); }),
                   paragraphs.end());
}

void DropSentence(std::vector<Sentences>& paragraphs, SeededRandom& random) {
  const size_t n = SentenceCount(paragraphs);
  if (n < 5) return;
  auto [p, s] = Locate(paragraphs, 1 + random.Below(n - 2));  // never the lead or the last
  paragraphs[p].erase(paragraphs[p].begin() + static_cast<std::ptrdiff_t>(s));
  DropEmptyParagraphs(paragraphs);
}

void SwapSentences(std::vector<Sentences>& paragraphs, SeededRandom& random) {
  std::vector<size_t> candidates;
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    if (paragraphs[p].size() >= 2) candidates.push_back(p);
  }
  if (candidates.empty()) return;
  Sentences& paragraph = paragraphs[candidates[random.Below(candidates.size())]];
  const size_t s = random.Below(paragraph.size() - 1);
  std::swap(paragraph[s], paragraph[s + 1]);
}

// Cuts closing sentences worth 5% to `max_trim` of the words, at least one.
void TrimClosing(std::vector<Sentences>& paragraphs, double max_trim, SeededRandom& random) {
  const int total = WordsIn(paragraphs);
  const int budget = static_cast<int>(total * random.Between(0.05, std::max(0.05, max_trim)));
  int removed = 0;
  while (SentenceCount(paragraphs) > 2) {
    Sentences& last = paragraphs.back();
    const int words = WordsIn(last.back());
    if (removed > 0 && removed + words > budget) break;
    removed += words;
    last.pop_back();
    DropEmptyParagraphs(paragraphs);
  }
}

// About one edit per 150 words: a synonym, else a typo (two letters swapped).
void EditWords(std::vector<Sentences>& paragraphs, SeededRandom& random,
               std::vector<std::string>& edits) {
  const int count = WordsIn(paragraphs) / 150 + static_cast<int>(random.Below(2));
  const size_t n = SentenceCount(paragraphs);
  int done = 0;
  for (int attempt = 0; attempt < 20 * count && done < count; ++attempt) {
    auto [p, s] = Locate(paragraphs, random.Below(n));
    std::vector<std::string> words = absl::StrSplit(paragraphs[p][s], ' ');
    std::string& word = words[random.Below(words.size())];
    bool changed = false;
    for (const auto& [from, to] : kSynonyms) {
      if (word == from) {
        word = std::string(to);
        changed = true;
        break;
      }
    }
    if (!changed && word.size() >= 5 &&
        std::all_of(word.begin(), word.end(),
                    [](char c) { return absl::ascii_isalpha(static_cast<unsigned char>(c)); })) {
      const size_t i = 1 + random.Below(word.size() - 3);
      if (word[i] != word[i + 1]) {
        std::swap(word[i], word[i + 1]);
        changed = true;
      }
    }
    if (!changed) continue;
    paragraphs[p][s] = absl::StrJoin(words, " ");
    ++done;
  }
  if (done > 0) edits.push_back(absl::StrCat("word edits x", done));
}

std::string CurlyQuotes(absl::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 10);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const bool opening = i == 0 || text[i - 1] == ' ' || text[i - 1] == '(';
      out += opening ? "\xE2\x80\x9C" : "\xE2\x80\x9D";
    } else if (c == '\'') {
      out += "\xE2\x80\x99";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string UpperFirstWords(absl::string_view text, int words) {
  std::string out(text);
  int seen = 0;
  for (char& c : out) {
    if (c == ' ' && ++seen == words) break;
    c = absl::ascii_toupper(static_cast<unsigned char>(c));
  }
  return out;
}

// Windows-1252 bytes for `utf8` when every character has one; else as is.
std::string ToWindows1252IfPossible(absl::string_view utf8) {
  static constexpr std::pair<char32_t, unsigned char> kHigh[] = {
      {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85},
      {0x2020, 0x86}, {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A},
      {0x2039, 0x8B}, {0x0152, 0x8C}, {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92},
      {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97},
      {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B}, {0x0153, 0x9C},
      {0x017E, 0x9E}, {0x0178, 0x9F}};
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    char32_t cp;
    size_t n;
    if (c < 0x80) {
      cp = c;
      n = 1;
    } else if ((c & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
      cp = (c & 0x1F) << 6 | (static_cast<unsigned char>(utf8[i + 1]) & 0x3F);
      n = 2;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < utf8.size()) {
      cp = (c & 0x0F) << 12 | (static_cast<unsigned char>(utf8[i + 1]) & 0x3F) << 6 |
           (static_cast<unsigned char>(utf8[i + 2]) & 0x3F);
      n = 3;
    } else {
      return std::string(utf8);
    }
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
      out.push_back(static_cast<char>(cp));
    } else {
      const auto* found = std::find_if(std::begin(kHigh), std::end(kHigh),
                                       [cp](const auto& entry) { return entry.first == cp; });
      if (found == std::end(kHigh)) return std::string(utf8);
      out.push_back(static_cast<char>(found->second));
    }
    i += n;
  }
  return out;
}

std::string RewriteHeadline(const v1::Story& story, SeededRandom& random) {
  switch (random.Below(3)) {
    case 0:
      return absl::StrCat(kHeadlinePrefixes[random.Below(std::size(kHeadlinePrefixes))],
                          story.headline());
    case 1: {
      std::vector<std::string> words = absl::StrSplit(story.headline(), ' ');
      for (std::string& word : words) {
        for (const auto& [from, to] : kSynonyms) {
          if (absl::AsciiStrToLower(word) == from) word = std::string(to);
        }
      }
      std::reverse(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(words.size() / 2));
      return absl::StrJoin(words, " ");
    }
    default: {
      const std::string lead = story.paragraphs_size() > 0 ? story.paragraphs(0) : "";
      std::vector<absl::string_view> words = absl::StrSplit(lead, ' ');
      words.resize(std::min<size_t>(words.size(), 8));
      return absl::StrJoin(words, " ");
    }
  }
}

Variant MakeCopy(const CorpusArticle& article, const std::vector<const CorpusArticle*>& section,
                 int n, const VariantOptions& options, SeededRandom& random) {
  const Site& site = Sites()[random.Below(Sites().size())];
  Variant copy;
  copy.source_key = article.key;
  copy.site = site.name;
  copy.id = absl::StrCat("copy:", site.name, "/", article.key, "#", n);
  copy.delay = options.shuffle_arrival
                   ? absl::Seconds(static_cast<int64_t>(random.Below(2 * 48 * 3600)) - 48 * 3600)
                   : absl::Minutes(10) + absl::Seconds(random.Below(48 * 3600));
  std::vector<std::string>& edits = copy.edits;

  std::vector<Sentences> paragraphs;
  for (const std::string& paragraph : article.story.paragraphs()) {
    paragraphs.push_back(SplitSentences(paragraph));
  }
  if (random.Chance(0.3)) {
    DropSentence(paragraphs, random);
    edits.push_back("sentence dropped");
  }
  if (random.Chance(0.3)) {
    SwapSentences(paragraphs, random);
    edits.push_back("sentences swapped");
  }
  if (random.Chance(0.5)) {
    TrimClosing(paragraphs, options.max_trim, random);
    edits.push_back("closing trimmed");
  }
  EditWords(paragraphs, random, edits);

  std::vector<std::string> body;
  if (random.Chance(0.35)) {
    edits.push_back("one sentence per paragraph");
    for (const Sentences& paragraph : paragraphs) {
      for (const std::string& sentence : paragraph) body.push_back(sentence);
    }
  } else {
    for (const Sentences& paragraph : paragraphs) body.push_back(absl::StrJoin(paragraph, " "));
  }
  std::string headline = RewriteHeadline(article.story, random);

  if (random.Chance(0.6)) {
    edits.push_back("typography");
    const bool em = random.Chance(0.5);
    for (std::string* text : [&] {
           std::vector<std::string*> all{&headline};
           for (std::string& p : body) all.push_back(&p);
           return all;
         }()) {
      *text = absl::StrReplaceAll(CurlyQuotes(*text),
                                  {{" - ", em ? " \xE2\x80\x94 " : " \xE2\x80\x93 "},
                                   {"...", "\xE2\x80\xA6"}});
    }
  }
  if (random.Chance(0.3)) {
    edits.push_back("no-break spaces");
    for (std::string& p : body) p = absl::StrReplaceAll(p, {{" the ", " the\xC2\xA0"}});
  }
  if (random.Chance(0.3) && !body.empty()) {
    edits.push_back("lead in capitals");
    body.front() = UpperFirstWords(body.front(), 3);
  }
  if (random.Chance(0.3) && !body.empty()) {
    edits.push_back("agency dateline");
    body.front() = absl::StrCat(kDatelines[random.Below(std::size(kDatelines))], body.front());
  }
  if (random.Chance(0.5)) {
    edits.push_back("agency credit");
    body.emplace_back(kCredits[random.Below(std::size(kCredits))]);
  }

  std::vector<std::string> page;
  if (random.Chance(0.85)) {
    edits.push_back(absl::StrCat("boilerplate of ", site.name));
    page = site.before_headline;
    page.push_back(headline);
    page.insert(page.end(), site.after_headline.begin(), site.after_headline.end());
    const size_t break_at = body.size() > 3 && random.Chance(0.3) ? body.size() / 2 : 0;
    for (size_t i = 0; i < body.size(); ++i) {
      if (break_at > 0 && i == break_at) page.push_back("Advertisement");
      page.push_back(body[i]);
    }
    page.insert(page.end(), site.after_story.begin(), site.after_story.end());
    if (site.related_stories && section.size() > 3) {
      page.push_back("Related stories");
      for (int i = 0; i < 3; ++i) {
        const CorpusArticle* other = section[random.Below(section.size())];
        if (other != &article) page.push_back(other->story.headline());
      }
    }
    if (!site.login_blurb.empty()) page.push_back(site.login_blurb);
    page.push_back(site.footer);
  } else {
    page.push_back(headline);
    page.insert(page.end(), body.begin(), body.end());
  }
  copy.text = absl::StrJoin(page, "\n\n") + "\n";
  if (random.Chance(0.1)) {
    const std::string legacy = ToWindows1252IfPossible(copy.text);
    if (legacy != copy.text) edits.push_back("windows-1252");
    copy.text = legacy;
  }
  return copy;
}

}  // namespace

std::vector<Variant> MakeVariants(const std::vector<CorpusArticle>& articles,
                                  const VariantOptions& options) {
  SeededRandom random(options.seed);
  std::vector<Variant> variants;
  for (const CorpusArticle& article : articles) {
    // Drawn for every article, copied or not, so one article's copies do
    // not depend on how many copies the ones before it got.
    SeededRandom article_random(random.Next());
    if (!article_random.Chance(options.share_copied)) continue;
    std::vector<const CorpusArticle*> section;
    for (const CorpusArticle& other : articles) {
      if (other.section == article.section) section.push_back(&other);
    }
    const int copies = 1 + static_cast<int>(article_random.Below(
                               static_cast<uint64_t>(std::max(1, options.max_copies))));
    for (int n = 0; n < copies; ++n) {
      variants.push_back(MakeCopy(article, section, n, options, article_random));
    }
  }
  return variants;
}

}  // namespace newswire::dedup
