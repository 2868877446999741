// The suite's cases aimed at one source format each, and at the stages after
// the parser. Sizes sit under the 2 MiB record limit, so each reaches its
// parser; names say the shape and its count.
#include "absl/strings/str_cat.h"
#include "tests/hostile/hostile_format_generators.h"
#include "tests/hostile/hostile_generators.h"
#include "tests/hostile/hostile_suite.h"

namespace newswire::hostile::internal {
namespace {

constexpr char kAnpaType[] = "text/x-anpa";
constexpr char kWireText[] = "text/plain; charset=us-ascii";

std::string Paragraphs(size_t count) { return Repeat("<p>a</p>", count); }

// DistinctWords, one word a paragraph.
std::string DistinctLines(size_t count) {
  std::string text = DistinctWords(count);
  std::string out;
  for (char c : text) c == ' ' ? out.append("\n\n") : out.append(1, c);
  return out;
}

// What a scraper's text dump of a page looks like: furniture lines around a
// headline and a body, with `furniture` extra share/login lines.
std::string PageText(size_t furniture) {
  return absl::StrCat("Home\nNews\nLog in\nRegister\n", Repeat("Share\nLog in\n", furniture),
                      "Harbour works start after winter\nBy Hostile Reporter\n",
                      PlainStory("The council met", 41),
                      "\nComments (0)\nNewsletter\nAccept cookies\n\xC2\xA9 2024 Hostile Media\n");
}

// Bytes from the wire control set (SOH, STX, ETX, EOT, SYN, US, RS) and
// letters, none of which makes a record binary.
std::string WireControlSoup(size_t bytes) {
  const char alphabet[] = "\x01\x02\x03\x04\x16\x1e\x1f\r\nab AP-";
  std::string soup = RandomBytes(bytes, 47);
  for (char& c : soup) c = alphabet[static_cast<unsigned char>(c) % (sizeof(alphabet) - 1)];
  return soup;
}

}  // namespace

void AddFormatCases(Suite& suite) {
  // NewsML-G2: one record, many stories; one story, many parts.
  suite.Add("g2/message-4000-items", "g2", G2Message(4000), kXml, Expect::kDlq)
      .dlq_reason = "too_costly";
  suite.Add("g2/item-240k-paragraphs", "g2", G2Item("Many paragraphs", Paragraphs(240000)), kXml,
            Expect::kDlq)
      .dlq_reason = "too_costly";
  suite.Add("g2/item-60k-subjects", "g2", G2Item("Many subjects", "<p>Body.</p>", 60000), kXml,
            Expect::kDlqOrStory);
  suite.Add("g2/headline-1.9MiB", "g2", G2Item(FillerWords(300000, 42), "<p>Body.</p>"), kXml,
            Expect::kDlqOrStory);
  // NITF.
  suite.Add("nitf/paragraphs-240k", "nitf", Nitf("Many paragraphs", Paragraphs(240000)), kXml,
            Expect::kDlq)
      .dlq_reason = "too_costly";
  suite.Add("nitf/headline-900KiB-one-word", "nitf",
            Nitf(Repeat("harbour ", 900 * kKiB / 8), "<p>Body.</p>"), kXml, Expect::kDlqOrStory);
  suite.Add("nitf/inline-markup-170k", "nitf",
            Nitf("Inline markup", absl::StrCat("<p>", Repeat("<em>a</em> ", 170000), "</p>")), kXml,
            Expect::kDlqOrStory);
  suite.Add("nitf/comments-240k", "nitf", Nitf("Comments", Repeat("<!--c-->", 240000)), kXml,
            Expect::kDlqOrStory);
  suite.Add("nitf/char-refs-300k", "nitf",
            Nitf("Char refs", absl::StrCat("<p>", Repeat("&#x41;", 300000), "</p>")), kXml,
            Expect::kDlqOrStory);
  suite.Add("nitf/processing-instructions-200k", "nitf",
            Nitf("Processing instructions", Repeat("<?pi x?>", 200000)), kXml, Expect::kDlqOrStory);
  // NewsML 1.2.
  suite.Add("newsml1/items-3000", "newsml1", NewsMl1(3000, 1), kXml, Expect::kDlq)
      .dlq_reason = "too_costly";
  suite.Add("newsml1/paragraphs-20k", "newsml1", NewsMl1(1, 20000), kXml, Expect::kDlq)
      .dlq_reason = "too_costly";
  // Ritzau: many records, and escaped HTML that becomes many tags.
  suite.Add("ritzau/items-15000", "ritzau",
            RitzauList(15000, "&lt;p&gt;Body.&lt;/p&gt;"), kXml, Expect::kDlq)
      .dlq_reason = "too_costly";
  suite.Add("ritzau/escaped-tags-90k", "ritzau",
            RitzauList(1, Repeat("&lt;p&gt;a&lt;/p&gt;", 90000)), kXml, Expect::kDlqOrStory);
  // RSS / Atom.
  suite.Add("rss/items-18000", "rss", RssFeed(18000, ""), kXml, Expect::kDlq)
      .dlq_reason = "too_costly";
  std::string empty_items = RssFeed(0, "");
  empty_items.insert(empty_items.find("</channel>"), Repeat("<item/>", 240000));
  suite.Add("rss/empty-items-240k", "rss", std::move(empty_items), kXml, Expect::kDlq)
      .dlq_reason = "too_costly";
  suite.Add("rss/description-escaped-tags-90k", "rss",
            RssFeed(1, Repeat("&lt;b&gt;a&lt;/b&gt;", 90000)), kXml, Expect::kDlqOrStory);
  suite.Add("atom/entries-18000", "atom", AtomFeed(18000), kXml, Expect::kDlq)
      .dlq_reason = "too_costly";
  // ninjs and AP Media JSON.
  suite.Add("ninjs/array-24000-items", "ninjs", NinjsArray(24000), kJson, Expect::kDlq)
      .dlq_reason = "too_costly";
  std::string subjects;
  for (size_t i = 0; i < 60000; ++i) {
    absl::StrAppend(&subjects, i == 0 ? "" : ",", "{\"name\":\"s", i, "\",\"code\":\"x:", i, "\"}");
  }
  suite.Add("ninjs/subjects-60k", "ninjs",
            NinjsItem(absl::StrCat("\"headline\":\"Subjects\",\"body_text\":\"Body.\",\"subject\":[",
                                   subjects, "]")),
            kJson, Expect::kDlqOrStory);
  suite.Add("ninjs/keywords-450k", "ninjs",
            NinjsItem(absl::StrCat("\"headline\":\"Keywords\",\"body_text\":\"Body.\",\"keywords\":[",
                                   Repeat("\"k\",", 450000), "\"k\"]")),
            kJson, Expect::kDlqOrStory);
  suite.Add("ninjs/body-html-tags-200k", "ninjs",
            NinjsItem(absl::StrCat("\"headline\":\"Body html\",\"body_html\":\"",
                                   Repeat("<p>a</p>", 200000), "\"")),
            kJson, Expect::kDlqOrStory);
  suite.Add("apmedia/feed-24000-items", "apmedia", ApMediaFeed(24000), kJson, Expect::kDlq)
      .dlq_reason = "too_costly";
  // ANPA-1312 and IPTC 7901.
  suite.Add("anpa/no-terminators-1.9MiB", "anpa",
            Anpa(CompressibleText(1900 * kKiB, 43), /*terminated=*/false), kAnpaType,
            Expect::kDlqOrStory);
  suite.Add("anpa/takes-13000", "anpa", AnpaTakes(13000), kAnpaType, Expect::kDlqOrStory);
  suite.Add("anpa/header-line-1.9MiB", "anpa",
            absl::StrCat("\x16\x16\x01" "a0001\x1f", std::string(1900 * kKiB, 'r')), kAnpaType,
            Expect::kDlqOrStory);
  suite.Add("anpa/control-soup-1.9MiB", "anpa",
            absl::StrCat("\x16\x16\x01", WireControlSoup(1900 * kKiB)), kAnpaType,
            Expect::kDlqOrStory);
  suite.Add("anpa/lines-600k", "anpa", Anpa(Repeat("a\r\n", 600000)), kAnpaType,
            Expect::kDlq)
      .dlq_reason = "too_costly";
  const char kIptcHeader[] = "eca062 4 i 211 ccccb   dpa 061";
  suite.Add("iptc7901/no-terminators-1.9MiB", "iptc7901",
            Iptc7901(kIptcHeader, CompressibleText(1900 * kKiB, 44), /*terminated=*/false),
            kWireText, Expect::kDlqOrStory);
  suite.Add("iptc7901/messages-20000", "iptc7901",
            Repeat(Iptc7901(kIptcHeader, "Take headline\r\n\r\n   The council met.\r\n"), 20000),
            kWireText, Expect::kDlqOrStory);
  suite.Add("iptc7901/header-line-1.9MiB", "iptc7901",
            Iptc7901(absl::StrCat(kIptcHeader, std::string(1900 * kKiB, ' '), "x"), "Body.\r\n"),
            kWireText, Expect::kDlqOrStory);
  suite.Add("iptc7901/lines-600k", "iptc7901", Iptc7901(kIptcHeader, Repeat("a\r\n", 600000)),
            kWireText, Expect::kDlqOrStory);
  // HTML pages.
  suite.Add("html_page/links-40000", "html_page", HtmlManyLinks(40000), kHtml, Expect::kDlqOrStory);
  suite.Add("html_page/nested-lists-240k", "html_page", HtmlNestedLists(240000), kHtml,
            Expect::kDlqOrStory);
  suite.Add("html_page/meta-charsets-10000", "html_page", HtmlManyCharsets(10000), kHtml,
            Expect::kDlqOrStory);
  suite.Add("html_page/paragraphs-240k", "html_page", HtmlPage("Many paragraphs", Paragraphs(240000)),
            kHtml, Expect::kDlqOrStory);
  suite.Add("html_page/scripts-60000", "html_page",
            HtmlPage("Many scripts", Repeat("<script>var a=1;</script><p>b</p>", 60000)), kHtml,
            Expect::kDlqOrStory);
  suite.Add("html_page/title-1.9MiB", "html_page",
            HtmlPage(FillerWords(160000, 45), "<p>Body.</p>"), kHtml, Expect::kDlqOrStory);
  suite.Add("html_page/jsonld-scripts-22000", "html_page",
            HtmlPage("Many JSON-LD scripts",
                     Repeat("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                            "\"headline\":\"x\"}</script>",
                            22000)),
            kHtml, Expect::kDlqOrStory);
  suite.Add("html_page/jsonld-array-200k", "html_page",
            HtmlPage("JSON-LD array", "",
                     absl::StrCat("<script type=\"application/ld+json\">[",
                                  Repeat("{\"@type\":\"Thing\"},", 100000), "{}]</script>")),
            kHtml, Expect::kDlqOrStory);
  suite.Add("html_page/jsonld-deep-100k", "html_page",
            HtmlPage("JSON-LD deep", "",
                     absl::StrCat("<script type=\"application/ld+json\">",
                                  Repeat("{\"@graph\":[", 100000), "</script>")),
            kHtml, Expect::kDlqOrStory);
  suite.Add("html_page/meta-keywords-900k", "html_page",
            HtmlPage("Meta keywords", "",
                     absl::StrCat("<meta name=\"keywords\" content=\"", Repeat("k,", 900000),
                                  "\">")),
            kHtml, Expect::kDlqOrStory);
  suite.Add("html_page/articles-30000", "html_page",
            HtmlPage("Many articles", Repeat("<article><h1>T</h1><p>x</p></article>", 30000)), kHtml,
            Expect::kDlqOrStory);
  // Plain page text (a scraper's dump with furniture lines).
  suite.Add("page_text/furniture-lines-150k", "page_text", PageText(150000), kText,
            Expect::kDlqOrStory);
  // Content types that lie about the body.
  suite.Add("lies/ninjs-declared-xml", "lies",
            NinjsItem("\"headline\":\"Declared XML\",\"body_text\":\"The council met.\""), kXml,
            Expect::kDlqOrStory);
  suite.Add("lies/html-page-declared-json", "lies", HtmlPage("Declared JSON", "<p>Body.</p>"),
            kJson, Expect::kDlqOrStory);
  suite.Add("lies/g2-declared-html", "lies", G2Item("Declared HTML", "<p>Body.</p>"), kHtml,
            Expect::kDlqOrStory);
  suite.Add("lies/anpa-declared-json", "lies", Anpa("Declared JSON\r\n   The council met."), kJson,
            Expect::kDlqOrStory);
}

void AddAtLimitCases(Suite& suite) {
  // Just under the item, paragraph and subject limits, with text to tag and
  // fingerprint in every story: the most work a record may still ask for.
  suite.Add("at_limit/rss-1000-items-1.8KiB", "at_limit",
            RssFeed(1000, FillerWords(280, 51)), kXml, Expect::kStory);
  std::string items = "[";
  for (size_t i = 0; i < 1000; ++i) {
    absl::StrAppend(&items, i == 0 ? "" : ",", "{\"uri\":\"urn:h:", i,
                    "\",\"type\":\"text\",\"headline\":\"Item ", i, "\",\"body_text\":\"",
                    FillerWords(280, 52 + i), "\"}");
  }
  suite.Add("at_limit/ninjs-1000-items-1.8KiB", "at_limit", items + "]", kJson, Expect::kStory);
  suite.Add("at_limit/nitf-10000-paragraphs", "at_limit",
            Nitf("Ten thousand paragraphs",
                 Repeat(absl::StrCat("<p>", FillerWords(28, 53), ".</p>"), 10000)),
            kXml, Expect::kStory);
  suite.Add("at_limit/g2-256-subjects-text", "at_limit",
            G2Item("Subjects at the cap", absl::StrCat("<p>", FillerWords(300000, 54), "</p>"), 256),
            kXml, Expect::kStory);
}

void AddAmplificationCases(Suite& suite) {
  // What a record's key and headers put into every story it makes: a 1 MiB
  // key or header on a feed of 1000 items would be 1000 copies of it.
  HostileCase& key = suite.Add("amplify/key-1MiB-rss-1000-items", "amplify",
                               RssFeed(1000, "The council met."), kXml, Expect::kDlq);
  key.key = std::string(kMiB, 'k');
  key.dlq_reason = "too_costly";
  HostileCase& url = suite.Add("amplify/source-url-1MiB-atom-1000-entries", "amplify",
                               AtomFeed(1000), kXml, Expect::kDlq);
  url.headers[0].second = "hostile://" + std::string(kMiB, 'u');
  url.dlq_reason = "too_costly";
  HostileCase& type = suite.Add("amplify/content-type-1MiB-ninjs-1000-items", "amplify",
                                NinjsArray(1000), "", Expect::kDlq);
  type.headers.emplace_back("content-type",
                            absl::StrCat("application/json; x=", std::string(kMiB, 't')));
  type.dlq_reason = "too_costly";
  HostileCase& agency = suite.Add("amplify/agency-1MiB-ninjs-1000-items", "amplify",
                                  NinjsArray(1000), kJson, Expect::kDlq);
  agency.headers.emplace_back("agency", std::string(kMiB, 'A'));
  agency.dlq_reason = "too_costly";
  // Feed-level text every item's story inherits.
  std::string rights = AtomFeed(1000);
  rights.insert(rights.find("<entry>"), absl::StrCat("<rights>", std::string(kMiB, 'r'), "</rights>"));
  suite.Add("amplify/atom-rights-1MiB-1000-entries", "amplify", std::move(rights), kXml,
            Expect::kDlq)
      .dlq_reason = "too_costly";
  std::string copyright = RssFeed(1000, "The council met.");
  copyright.insert(copyright.find("<item>"),
                   absl::StrCat("<copyright>", FillerWords(180000, 55), "</copyright>"));
  suite.Add("amplify/rss-copyright-1MiB-1000-items", "amplify", std::move(copyright), kXml,
            Expect::kDlq)
      .dlq_reason = "too_costly";
}

void AddStageCases(Suite& suite) {
  suite.Add("stage/cjk-650k-chars", "stage",
            absl::StrCat("\xE6\xB8\xAF\xE5\x8F\xA3\n\n", Repeat("\xE6\xB8\xAF", 650000)), kText,
            Expect::kDlqOrStory);
  suite.Add("stage/emoji-zwj-1.9MiB", "stage",
            absl::StrCat("Emoji story\n\n",
                         Repeat("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
                                "\xF0\x9F\x91\xA7 ",
                                1900 * kKiB / 19)),
            kText, Expect::kDlqOrStory);
  suite.Add("stage/punctuation-1.9MiB", "stage",
            absl::StrCat("Punctuation story\n\n", Repeat("!?.,;:-", 1900 * kKiB / 7)), kText,
            Expect::kDlqOrStory);
  suite.Add("stage/dateline-prefix-100k", "stage",
            absl::StrCat("Dateline story\n\n", Repeat("WASHINGTON (AP) \xE2\x80\x94 ", 100000),
                         "The council met.\n"),
            kText, Expect::kDlqOrStory);
  suite.Add("stage/one-word-repeated-1.9MiB", "stage",
            absl::StrCat("One word\n\n", Repeat("harbour ", 1900 * kKiB / 8)), kText,
            Expect::kDlqOrStory);
  suite.Add("stage/distinct-words-380k", "stage",
            absl::StrCat("Distinct words\n\n", DistinctWords(380000)), kText, Expect::kDlqOrStory);
  suite.Add("stage/headline-1MiB", "stage",
            absl::StrCat(FillerWords(150000, 46), "\n\n", PlainStory("Body", 47)), kText,
            Expect::kDlqOrStory);
  suite.Add("stage/distinct-paragraphs-120k", "stage",
            absl::StrCat("Distinct paragraphs\n\n", DistinctLines(120000)), kText,
            Expect::kDlq)
      .dlq_reason = "too_costly";
}

}  // namespace newswire::hostile::internal
