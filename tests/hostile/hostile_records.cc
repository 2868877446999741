#include "tests/hostile/hostile_records.h"

#include <cstdint>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/ingest/common/text/utf8.h"
#include "tests/hostile/hostile_generators.h"
#include "tests/hostile/hostile_suite.h"

namespace newswire::hostile {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;
using internal::kHtml;
using internal::kJson;
using internal::kKiB;
using internal::kMiB;
using internal::kText;
using internal::kUtf8Text;
using internal::kXml;
using internal::Suite;

// Every text field a reader sees, one per line.
std::string AllText(const v1::Story& story) {
  std::vector<std::string> parts = {story.headline(), story.subheadline(), story.byline(),
                                    story.slugline(), story.dateline().text()};
  parts.insert(parts.end(), story.paragraphs().begin(), story.paragraphs().end());
  return absl::StrJoin(parts, "\n");
}

StoryCheck HeadlineLacks(const std::string& what, const std::string& bytes) {
  return {absl::StrCat("headline has no ", what), [bytes, what](const v1::Story& story) {
            return absl::StrContains(story.headline(), bytes)
                       ? absl::StrCat("headline \"", story.headline(), "\" keeps ", what)
                       : std::string();
          }};
}

StoryCheck TextLacks(const std::string& what, const std::string& bytes) {
  return {absl::StrCat("no ", what, " in any text field"), [bytes, what](const v1::Story& story) {
            return absl::StrContains(AllText(story), bytes)
                       ? absl::StrCat("a text field keeps ", what, ": \"",
                                      AllText(story).substr(0, 200), "\"")
                       : std::string();
          }};
}

StoryCheck HeadlineIs(const std::string& expected) {
  return {absl::StrCat("headline is \"", expected, "\""), [expected](const v1::Story& story) {
            return story.headline() == expected
                       ? std::string()
                       : absl::StrCat("headline is \"", story.headline().substr(0, 200), "\"");
          }};
}

StoryCheck HeadlineHas(const std::string& expected) {
  return {absl::StrCat("headline contains \"", expected, "\""), [expected](const v1::Story& story) {
            return absl::StrContains(story.headline(), expected)
                       ? std::string()
                       : absl::StrCat("headline is \"", story.headline().substr(0, 200), "\"");
          }};
}

StoryCheck LanguageIsNot(const std::string& language) {
  return {absl::StrCat("language is not ", language), [language](const v1::Story& story) {
            return story.language() == language ? absl::StrCat("tagged ", language)
                                                : std::string();
          }};
}

// A string literal with its NUL bytes kept.
template <size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

// Headers a producer has no business setting on a raw record: the DLQ's own.
Headers SpoofedHeaders(const std::string& prefix) {
  return {{prefix + "error", "spoofed error"},
          {prefix + "origin-topic", "spoofed.topic"},
          {prefix + "origin-partition", "77"},
          {prefix + "origin-offset", "999999999"},
          {prefix + "stage", "spoofed"},
          {prefix + "dlq-kind", "spoofed"}};
}

void AddKafkaCases(Suite& suite) {
  HostileCase& tombstone = suite.Add("kafka/tombstone", "kafka", "", kText, Expect::kDlq);
  tombstone.value.reset();
  suite.Add("kafka/empty-value", "kafka", "", kText, Expect::kDlq);
  HostileCase& null_key =
      suite.Add("kafka/null-key", "kafka", PlainStory("Null key story", 11), kText, Expect::kStory);
  null_key.key.reset();
  // A key or a header copied into every story is refused over 8 KiB.
  HostileCase& huge_key = suite.Add("kafka/huge-key-1MiB", "kafka", PlainStory("Huge key story", 12),
                                    kText, Expect::kDlq);
  huge_key.key = std::string(kMiB, 'k');
  huge_key.dlq_reason = "too_costly";
  HostileCase& headers = suite.Add("kafka/many-headers-20000", "kafka",
                                   PlainStory("Many headers story", 13), kText, Expect::kDlqOrStory);
  for (int i = 0; i < 20000; ++i) headers.headers.emplace_back(absl::StrCat("h", i), "v");
  HostileCase& spoof_story = suite.Add("kafka/spoofed-headers-story", "kafka",
                                       PlainStory("Spoofed headers story", 14), kText, Expect::kStory);
  for (auto& header : SpoofedHeaders("x-newswire-")) spoof_story.headers.push_back(header);
  HostileCase& spoof_dlq = suite.Add("kafka/spoofed-headers-binary", "kafka",
                                     RandomBytes(4 * kKiB, 15), "", Expect::kDlq);
  for (auto& header : SpoofedHeaders("x-newswire-")) spoof_dlq.headers.push_back(header);
  // The project's DLQ readers look headers up case-insensitively.
  HostileCase& spoof_case = suite.Add("kafka/spoofed-headers-mixed-case", "kafka",
                                      RandomBytes(4 * kKiB, 16), "", Expect::kDlq);
  for (auto& header : SpoofedHeaders("X-Newswire-")) spoof_case.headers.push_back(header);
  suite.Add("kafka/binary-garbage-64KiB", "kafka", RandomBytes(64 * kKiB, 17), "", Expect::kDlq);
  suite.Add("kafka/gzip-bytes", "kafka", Gzip(PlainStory("Gzipped story", 18)), kText,
            Expect::kDlqOrStory);
  HostileCase& binary_headers = suite.Add("kafka/binary-header-values", "kafka",
                                          PlainStory("Binary header values story", 19), "",
                                          Expect::kDlqOrStory);
  binary_headers.headers = {{"source-url", Bytes("hostile://bin\0\xff\xfe\n")},
                            {"content-type", Bytes("text/\xff\0plain; charset=\x80")},
                            {"agency", Bytes("\x01\x02\xc3(\0AP")}};
  HostileCase& long_url = suite.Add("kafka/source-url-1MiB", "kafka",
                                    PlainStory("Long source url story", 20), kText,
                                    Expect::kDlq);
  long_url.headers[0].second = "hostile://" + std::string(kMiB, 'u');
  long_url.dlq_reason = "too_costly";
  HostileCase& long_header = suite.Add("kafka/header-value-1MiB", "kafka",
                                       PlainStory("Long header value story", 21), kText,
                                       Expect::kDlqOrStory);
  long_header.headers.emplace_back("x-trace", std::string(kMiB, 't'));
  suite.Add("kafka/content-type-json-body-nitf", "kafka",
            Nitf("Mislabelled NITF story", "<p>The council met after the storm.</p>"), kJson,
            Expect::kDlqOrStory);
}

void AddTextCases(Suite& suite) {
  suite.Add("text/single-line-10MB", "text", TextSingleLine(10 * 1000 * 1000), kText,
            Expect::kDlqOrStory);
  suite
      .Add("text/cr-only-line-endings", "text",
           "Harbour reopens after storm\rThe council said on Monday.\r\rThe harbour reopened "
           "after the storm, officials said.\r\rFerries will run again from Tuesday.\r",
           kText, Expect::kStory)
      .story_checks.push_back(HeadlineIs("Harbour reopens after storm"));
  HostileCase& shy = suite.Add(
      "text/soft-hyphens", "text",
      "Soft in\xC2\xAD" "formation headline\n\nThe in\xC2\xAD" "formation age began in the "
      "har\xC2\xAD" "bour town.\n",
      kText, Expect::kStory);
  shy.story_checks.push_back(TextLacks("U+00AD", "\xC2\xAD"));
  shy.story_checks.push_back(HeadlineHas("information"));
  shy.story_checks.push_back(HeadlineLacks("\"in formation\"", "in formation"));
  HostileCase& bidi = suite.Add(
      "text/bidi-override-headline", "text",
      "Minister \xE2\x80\xAE" "gnorw si siht\xE2\x80\xAC resigns\n\nThe minister resigned on "
      "Monday.\n",
      kText, Expect::kStory);
  bidi.story_checks.push_back(HeadlineLacks("U+202E", "\xE2\x80\xAE"));
  suite.Add("text/nul-bytes", "text",
            Bytes("NUL byte headline\n\nThe council\0 met\0 on Monday.\n"), kText,
            Expect::kDlqOrStory)
      .story_checks.push_back(TextLacks("NUL", std::string(1, '\0')));
  HostileCase& declared = suite.Add(
      "text/invalid-utf8-declared-utf8", "text",
      "Caf\xE9 owners meet in Z\xC3\xBCrich\n\nThe caf\xE9 owners met in the \x93old town\x94 "
      "on Monday.\n",
      kUtf8Text, Expect::kStory);
  declared.story_checks.push_back(HeadlineIs("Caf\xC3\xA9 owners meet in Z\xC3\xBCrich"));
  HostileCase& sjis = suite.Add(
      "text/shift-jis-declared-valid-utf8", "text",
      HtmlPage("Caf\xC3\xA9 owners meet in Z\xC3\xBCrich",
               "<p>The caf\xC3\xA9 owners met in Z\xC3\xBCrich on Monday to talk about the "
               "winter season and the new railway timetable.</p>",
               "<meta charset=\"shift_jis\">"),
      "text/html; charset=shift_jis", Expect::kStory);
  sjis.story_checks.push_back(HeadlineHas("Caf\xC3\xA9 owners meet in Z\xC3\xBCrich"));
  sjis.story_checks.push_back(LanguageIsNot("ja"));
  suite.Add("text/lone-surrogates", "text",
            "Surrogate \xED\xA0\x80 headline\n\nThe council \xED\xB0\x80 met on Monday.\n", kText,
            Expect::kStory);
  suite.Add("text/lone-surrogates-declared-utf8", "text",
            "Surrogate \xED\xA0\x80 headline\n\nThe council \xED\xB0\x80 met on Monday.\n",
            kUtf8Text, Expect::kStory);
  HostileCase& overlong = suite.Add(
      "text/overlong-encodings-declared-utf8", "text",
      "Overlong \xC0\xBCscript\xC0\xBE headline\n\nThe path \xC0\xAE\xC0\xAE\xC0\xAF" "etc met "
      "\xE0\x80\xAF the council.\n",
      kUtf8Text, Expect::kStory);
  overlong.story_checks.push_back(HeadlineLacks("a decoded overlong '<'", "<script"));
  overlong.story_checks.push_back(TextLacks("a decoded overlong \"../\"", "../"));
  suite.Add("text/many-paragraphs-600k", "text", TextManyParagraphs(600000), kText, Expect::kDlq)
      .dlq_reason = "too_costly";
  suite.Add("text/one-huge-word-1.5MiB", "text", TextOneHugeWord(1536 * kKiB), kText,
            Expect::kDlqOrStory);
  suite.Add("text/wire-control-soup", "text",
            Bytes("\x01\x16\x16\x01a0001 r AP-Headline\x02\x1e\x1f\x03\x04\x01\x02"
                  "Body\x03\x01\x04 \x1f\x1e\x03 AP-Headline\x02\x02\x02\n"),
            kText, Expect::kDlqOrStory);
  suite.Add("text/invisible-headline", "text",
            "\xE2\x80\x8B\xE2\x81\xA6\xE2\x80\x8D\xEF\xBB\xBF\xE2\x81\xA9\n\nThe council met on "
            "Monday.\n",
            kText, Expect::kDlqOrStory);
  suite.Add("text/combining-marks-100k", "text", TextCombiningMarks(100000), kText,
            Expect::kDlqOrStory);
}

void AddJsonCases(Suite& suite) {
  suite.Add("json/deep-nesting-100k", "json", JsonDeepNesting(100000), kJson, Expect::kDlqOrStory);
  suite.Add("json/huge-array-900k", "json", JsonHugeArray(900000), kJson, Expect::kDlqOrStory);
  // Small ninjs items with broken fields: name, then the item's fields.
  const std::pair<const char*, const char*> items[] = {
      {"json/headline-number", "\"headline\": 12345, \"body_text\": \"The council met on Monday.\""},
      {"json/wrong-field-types",
       "\"headline\": [\"Wrong\", \"types\"], \"body_text\": {\"a\": 1}, "
       "\"versioncreated\": true, \"urgency\": \"high\""},
      {"json/nan-infinity",
       "\"headline\": \"NaN story\", \"body_text\": \"Body.\", \"urgency\": NaN, "
       "\"priority\": Infinity"},
      {"json/huge-numbers",
       "\"headline\": \"Huge numbers story\", \"body_text\": \"The council met.\", "
       "\"urgency\": 1e999999, \"priority\": -123456789012345678901234567890, "
       "\"version\": 1.7976931348623157e309"},
      {"json/duplicate-keys",
       "\"headline\": \"First headline\", \"headline\": \"Second headline\", "
       "\"body_text\": \"The council met.\", \"body_text\": \"Twice.\""},
      {"json/lone-surrogate-escapes",
       "\"headline\": \"Escape \\ud800 story \\udfff end\", "
       "\"body_text\": \"The council \\ud83d met.\""},
  };
  for (const auto& [name, fields] : items) {
    suite.Add(name, "json", NinjsItem(fields), kJson, Expect::kDlqOrStory);
  }
}

void AddHtmlCases(Suite& suite) {
  suite.Add("html/deep-nesting-100k", "html", HtmlDeepNesting(100000), kHtml, Expect::kDlqOrStory);
  suite.Add("html/unclosed-formatting-50k", "html", HtmlUnclosedFormatting(50000), kHtml,
            Expect::kDlqOrStory);
  suite.Add("html/many-attributes-150k", "html", HtmlManyAttributes(150000), kHtml,
            Expect::kDlqOrStory);
  suite.Add("html/huge-text-node-1.9MiB", "html", HtmlHugeTextNode(1900 * kKiB), kHtml,
            Expect::kDlqOrStory);
  suite.Add("html/script-bomb-1.9MiB", "html", HtmlScriptBomb(1900 * kKiB, "script"), kHtml,
            Expect::kDlqOrStory);
  suite.Add("html/style-bomb-1.9MiB", "html", HtmlScriptBomb(1900 * kKiB, "style"), kHtml,
            Expect::kDlqOrStory);
  suite.Add("html/nested-tables-20k", "html", HtmlNestedTables(20000), kHtml, Expect::kDlqOrStory);
  suite.Add("html/unterminated-comment-1.9MiB", "html", HtmlUnterminatedComment(1900 * kKiB), kHtml,
            Expect::kDlqOrStory);
}

void AddXmlCases(Suite& suite) {
  HostileCase& attributes =
      suite.Add("xml/many-attributes-150k", "xml", XmlManyAttributes(150000), kXml, Expect::kDlq);
  attributes.dlq_reason = "too_costly";
  // Refused today; they must stay refused.
  suite.Add("xml/deep-nesting-10k", "xml", XmlDeepNesting(10000), kXml, Expect::kDlq);
  suite.Add("xml/billion-laughs", "xml", XmlBillionLaughs(9), kXml, Expect::kDlq);
  suite.Add("xml/quadratic-blowup", "xml", XmlQuadraticBlowup(8 * kKiB, 200000), kXml, Expect::kDlq);
  suite.Add("xml/external-entity-file", "xml", XmlExternalEntity(), kXml, Expect::kDlq);
  suite.Add("xml/xinclude-file", "xml", XmlXInclude(), kXml, Expect::kDlqOrStory)
      .story_checks.push_back(TextLacks("/etc/passwd's content", "root:"));
  suite.Add("xml/external-dtd-doctype", "xml", XmlExternalDtd(), kXml, Expect::kDlqOrStory);
  suite.Add("xml/tiny-elements-450k", "xml", XmlTinyElements(450000), kXml, Expect::kDlqOrStory);
  suite.Add("xml/huge-attribute-value-1.9MiB", "xml", XmlHugeAttributeValue(1900 * kKiB), kXml,
            Expect::kDlqOrStory);
  suite.Add("xml/many-namespaces-50k", "xml", XmlManyNamespaces(50000), kXml, Expect::kDlqOrStory);
  suite.Add("xml/long-element-name-512KiB", "xml", XmlLongElementName(512 * kKiB), kXml,
            Expect::kDlqOrStory);
  suite.Add("xml/invalid-char-refs", "xml",
            Nitf("Char refs &#0; &#xD800; &#x1F; end", "<p>The council &#xFFFE; met.</p>"), kXml,
            Expect::kDlqOrStory);
  // An external parameter entity (NewsML 1 names its NITF DTD so) is never
  // read: the story is made without it.
  suite.Add("xml/external-parameter-entity", "xml", XmlExternalParameterEntity(), kXml,
            Expect::kStory);
  suite.Add("xml/cdata-1.9MiB", "xml", XmlHugeCdata(1900 * kKiB), kXml, Expect::kDlqOrStory);
  auto declaring = [](const std::string& encoding) {
    std::string doc = Nitf(absl::StrCat(encoding, " story"), "<p>The council met on Monday.</p>");
    return doc.replace(doc.find("UTF-8"), 5, encoding);
  };
  // UTF-16 XML is read (issue 18); UTF-16 garbage stays binary.
  suite.Add("xml/utf16le-bom", "xml", Utf16Le(declaring("UTF-16")), kXml, Expect::kStory)
      .story_checks.push_back(HeadlineIs("UTF-16 story"));
  suite.Add("xml/utf16le-bom-garbage", "xml", "\xFF\xFE" + RandomBytes(4 * kKiB, 41), kXml,
            Expect::kDlq);
  // A DOCTYPE naming its DTD by a local path: the DTD is never read, the
  // story is (issue 18).
  suite.Add("xml/local-dtd-doctype", "xml",
            Nitf("Local DTD story", "<p>The council met on Monday.</p>",
                 "<!DOCTYPE nitf SYSTEM \"file:///etc/passwd\">\n"),
            kXml, Expect::kStory)
      .story_checks.push_back(TextLacks("/etc/passwd's content", "root:"));
  suite.Add("xml/bogus-encoding", "xml", declaring("x-bogus-42"), kXml, Expect::kDlqOrStory);
  HostileCase& repaired = suite.Add(
      "xml/invalid-utf8-declared-utf8", "xml",
      Nitf("Caf\xE9 owners meet in Z\xC3\xBCrich", "<p>The caf\xE9 owners met.</p>"), kXml,
      Expect::kStory);
  repaired.story_checks.push_back(HeadlineIs("Caf\xC3\xA9 owners meet in Z\xC3\xBCrich"));
}

void AddOversizedCases(Suite& suite) {
  // Over the service's record limit (2 MiB by default), small enough to copy.
  suite.Add("oversized/3MiB-plain", "oversized", CompressibleText(3 * kMiB, 31), kText,
            Expect::kDlq);
  // Accepted by the broker only because they are compressed.
  // Just under the broker's limit: its DLQ copy, headers added, may not fit.
  HostileCase& at_limit =
      suite.Add("oversized/16MiB-less-1KiB-gzip", "oversized", CompressibleText(16 * kMiB - kKiB, 34),
                kText, Expect::kDlq);
  at_limit.compression = "gzip";
  HostileCase& over16 = suite.Add("oversized/17MiB-lz4", "oversized",
                                  CompressibleText(17 * kMiB, 32), kText, Expect::kDlq);
  over16.compression = "lz4";
  over16.dlq_kind = "reference";
  HostileCase& over40 = suite.Add("oversized/40MiB-zstd", "oversized",
                                  CompressibleText(40 * kMiB, 33), kText, Expect::kDlq);
  over40.compression = "zstd";
  over40.dlq_kind = "reference";
  // A reference's value shrinks when the record's headers are large.
  HostileCase& headers = suite.Add("oversized/17MiB-20000-headers-lz4", "oversized",
                                   CompressibleText(17 * kMiB, 35), kText, Expect::kDlq);
  headers.compression = "lz4";
  headers.dlq_kind = "reference";
  for (int i = 0; i < 20000; ++i) headers.headers.emplace_back(absl::StrCat("h", i), "v");
}

}  // namespace

size_t HostileCase::WireBytes() const {
  size_t bytes = (key ? key->size() : 0) + (value ? value->size() : 0);
  for (const auto& [name, header_value] : headers) bytes += name.size() + header_value.size();
  return bytes;
}

std::vector<HostileCase> AllHostileCases() {
  Suite suite;
  AddKafkaCases(suite);
  AddTextCases(suite);
  AddJsonCases(suite);
  AddHtmlCases(suite);
  AddXmlCases(suite);
  internal::AddFormatCases(suite);
  internal::AddStageCases(suite);
  internal::AddAtLimitCases(suite);
  internal::AddAmplificationCases(suite);
  AddOversizedCases(suite);
  return suite.Take();
}

std::string CheckStoryText(const v1::Story& story) {
  std::vector<std::pair<std::string, const std::string*>> fields = {
      {"headline", &story.headline()}, {"subheadline", &story.subheadline()},
      {"byline", &story.byline()},     {"slugline", &story.slugline()},
      {"language", &story.language()}, {"origin.key", &story.origin().key()}};
  for (int i = 0; i < story.paragraphs_size(); ++i) {
    fields.emplace_back(absl::StrCat("paragraph ", i), &story.paragraphs(i));
  }
  for (const auto& [name, text] : fields) {
    for (size_t i = 0; i < text->size();) {
      size_t n = utf8::SequenceLength(*text, i);
      if (n == 0 || (*text)[i] == '\0') {
        return absl::StrCat(name, " has a NUL or ill-formed UTF-8 at byte ", i);
      }
      i += n;
    }
  }
  return "";
}

const char* ExpectName(Expect expect) {
  switch (expect) {
    case Expect::kDlq:
      return "dlq";
    case Expect::kStory:
      return "story";
    case Expect::kDlqOrStory:
      return "dlq_or_story";
  }
  return "?";
}

}  // namespace newswire::hostile
