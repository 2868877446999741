#include "services/ingest/normalize/xml/xml_doc.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::xml {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string Message(const absl::Status& status) { return std::string(status.message()); }

// Everything a parse exposes, for "must not leak" assertions.
std::string AllOutput(const absl::StatusOr<Document>& doc) {
  if (!doc.ok()) return std::string(Message(doc.status()));
  std::string out = doc->Root().Text();
  for (Node node = doc->Root(); node; node = node.FirstChild()) {
    for (const char* name : {"a", "title", "href"}) absl::StrAppend(&out, node.AttrOr(name));
  }
  return out;
}

TEST(XmlDocumentTest, ReadsElementsAttributesTextAndNamespaces) {
  auto doc = Document::Parse(
      "<?xml version=\"1.0\"?>\n"
      "<m:root xmlns:m=\"urn:test\" xml:lang=\"de\" id=\"r1\">\n"
      "  <item n=\"1\">one <b>bold</b> &amp; more</item>\n"
      "  <item n=\"2\"><![CDATA[<raw> & text]]></item>\n"
      "  <other><deep><item n=\"3\"/></deep></other>\n"
      "</m:root>");
  ASSERT_TRUE(doc.ok()) << doc.status();
  Node root = doc->Root();
  EXPECT_EQ(root.Name(), "root");
  EXPECT_EQ(root.Namespace(), "urn:test");
  EXPECT_EQ(root.AttrOr("id"), "r1");
  EXPECT_FALSE(root.Attr("missing").has_value());
  std::vector<Node> items = root.Children("item");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].Text(), "one bold & more");
  EXPECT_EQ(items[1].Text(), "<raw> & text");
  EXPECT_EQ(items[1].Lang(), "de");
  EXPECT_EQ(root.Find("item").AttrOr("n"), "1");
  EXPECT_EQ(root.Child("other").Find("item").AttrOr("n"), "3");
  EXPECT_FALSE(root.Child("nothing"));
  EXPECT_EQ(root.Child("nothing").Text(), "");
  EXPECT_EQ(items[0].Parent().Name(), "root");
}

TEST(XmlDocumentTest, MalformedIsInvalidArgumentWithLine) {
  auto doc = Document::Parse("<a>\n<b>text</a>");
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(doc.status()));
  EXPECT_THAT(Message(doc.status()), StartsWith("xml: not well-formed: "));
  EXPECT_THAT(Message(doc.status()), HasSubstr("(line 2)"));
}

TEST(XmlDocumentTest, EmptyAndNonXmlAreErrors) {
  EXPECT_TRUE(absl::IsInvalidArgument(Document::Parse("").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(Document::Parse("   \n").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(Document::Parse("just text").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(Document::Parse("<a></a><b></b>").status()));
}

TEST(XmlDocumentTest, BillionLaughsDoesNotExpand) {
  std::string dtd = "<!DOCTYPE r [<!ENTITY l0 \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    absl::StrAppend(&dtd, "<!ENTITY l", i, " \"");
    for (int j = 0; j < 10; ++j) absl::StrAppend(&dtd, "&l", i - 1, ";");
    absl::StrAppend(&dtd, "\">");
  }
  dtd += "]>";
  for (const std::string& body : {std::string("<r><p>x &l9; y</p></r>"),
                                  std::string("<r a=\"&l9;\"><p>x</p></r>")}) {
    auto doc = Document::Parse(dtd + body);
    EXPECT_THAT(AllOutput(doc), Not(HasSubstr("lollol")));
    if (!doc.ok()) {
      EXPECT_THAT(Message(doc.status()), StartsWith("xml: "));
    }
  }
}

TEST(XmlDocumentTest, DeclaredEntitiesAreRefusedWithoutExpansion) {
  std::string big(20000, 'A');
  std::string refs;
  for (int i = 0; i < 5000; ++i) refs += "&big;";
  auto doc = Document::Parse(absl::StrCat("<!DOCTYPE r [<!ENTITY big \"", big, "\">]><r>[",
                                          refs, "]</r>"));
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(std::string(doc.status().message()), HasSubstr("DOCTYPE declares entities"));
  EXPECT_THAT(std::string(doc.status().message()), Not(HasSubstr("AAAA")));
}

TEST(XmlDocumentTest, DoctypeNamingARemoteDtdIsFine) {
  auto doc = Document::Parse(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf SYSTEM \"http://www.nitf.org/nitf-3-4.dtd\">\n"
      "<nitf><p>text</p></nitf>");
  ASSERT_TRUE(doc.ok()) << doc.status();
}

TEST(XmlDocumentTest, NeverReadsLocalFiles) {
  const std::string refused[] = {
      "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
      "<r a=\"&xxe;\"><p>a &xxe; b</p></r>",
      // An internal parameter entity declares markup of the document's own.
      "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY % p \"<!ENTITY x SYSTEM "
      "'file:///etc/passwd'>\"> %p;]>\n<r><p>a &x;</p></r>",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> "
      "<!ENTITY y \"z\"> %p;]>\n<r><p>a &y;</p></r>",
      // Parameter entities of its own, even ones that declare no entity.
      "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY % a \"<!ELEMENT r ANY>\">]>\n"
      "<r><p>a</p></r>",
  };
  for (const std::string& document : refused) {
    auto doc = Document::Parse(document);
    EXPECT_FALSE(doc.ok()) << "a DOCTYPE declaring entities is refused: " << document;
    std::string output = AllOutput(doc);
    EXPECT_THAT(output, Not(HasSubstr("root:"))) << document;
    EXPECT_THAT(output, Not(HasSubstr("/bin/"))) << document;
  }
  // A DTD named by a local path is never read: the document parses around it.
  const std::string parsed[] = {
      "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf SYSTEM \"file:///etc/passwd\">\n"
      "<nitf><p>text</p></nitf>",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE r PUBLIC \"-//x//y\" \"/etc/passwd\">\n<r>&x;</r>",
      // NewsML 1 names the NITF DTD it embeds by an external parameter entity.
      "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n"
      "<r><p>a</p></r>",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE NewsML PUBLIC \"urn:newsml:iptc.org:20031010:NewsMLv1.2.dtd:1\" "
      "\"NewsML-1.2.dtd\" [<!ENTITY % nitf SYSTEM \"nitf-3-0.dtd\"> %nitf; ]>\n"
      "<NewsML><p>text</p></NewsML>",
  };
  for (const std::string& document : parsed) {
    auto doc = Document::Parse(document);
    EXPECT_TRUE(doc.ok()) << doc.status() << ": " << document;
    std::string output = AllOutput(doc);
    EXPECT_THAT(output, Not(HasSubstr("root:"))) << document;
    EXPECT_THAT(output, Not(HasSubstr("/bin/"))) << document;
  }
}

// Issue 18 class 6: agencies name their DTD by a relative or absolute path
// (NITF `SYSTEM "nitf-3-4.dtd"`, NewsML 1.2 `"../dtd/NewsMLv1.2.dtd"`); the
// story is read and the DTD never is.
TEST(XmlDocumentTest, DoctypeNamingALocalDtdParsesWithoutReadingIt) {
  const std::string doctypes[] = {
      "<!DOCTYPE nitf SYSTEM \"nitf-3-4.dtd\">",
      "<!DOCTYPE nitf SYSTEM \"../dtd/nitf-3-4.dtd\">",
      "<!DOCTYPE nitf PUBLIC \"-//IPTC//DTD NITF 3.4//EN\" \"/opt/dtd/nitf-3-4.dtd\">",
      "<!DOCTYPE nitf SYSTEM \"file:///usr/share/xml/nitf-3-4.dtd\">",
      "<!DOCTYPE nitf SYSTEM \"C:\\dtd\\nitf-3-4.dtd\">",
      "<!DOCTYPE nitf SYSTEM \"nitf.dtd\" [ <!ATTLIST docdata management-status CDATA #IMPLIED> ]>",
  };
  for (const std::string& doctype : doctypes) {
    auto doc = Document::Parse(absl::StrCat(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", doctype,
        "\n<nitf><head><docdata management-status=\"canceled\"/></head>"
        "<body><p>Killed story.</p></body></nitf>"));
    ASSERT_TRUE(doc.ok()) << doctype << ": " << doc.status();
    EXPECT_EQ(doc->Root().Find("docdata").AttrOr("management-status"), "canceled") << doctype;
    EXPECT_EQ(doc->Root().Find("p").Text(), "Killed story.") << doctype;
  }
}

// libxml2 reports an "entity reference loop" past 10,000 references to
// undeclared entities; HTML names are still read as their characters.
TEST(XmlDocumentTest, ManyHtmlEntityReferencesParse) {
  std::string doc = "<r>";
  for (int i = 0; i < 20000; ++i) doc += "&eacute;";
  auto parsed = Document::Parse(doc + "</r>");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->Root().Text().size(), 2u * 20000);
}

// Refused by the structural limits before libxml2 (xml_limits.h).
TEST(XmlDocumentTest, TenThousandNestedTagsIsTooCostly) {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<p>";
  deep += "x";
  for (int i = 0; i < 10000; ++i) deep += "</p>";
  auto doc = Document::Parse(deep);
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(absl::IsResourceExhausted(doc.status()));
  EXPECT_EQ(Message(doc.status()), "too costly: XML elements nested 10000 deep (limit 256)");
}

TEST(XmlDocumentTest, InvalidUtf8BytesReadAsWindows1252) {
  auto doc = Document::Parse(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><r>caf\xE9 \xC3\xA9t\xE9 \x93q\x94</r>");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->Root().Text(), "caf\xC3\xA9 \xC3\xA9t\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");
}

TEST(XmlDocumentTest, HonoursDeclaredLatin1) {
  auto doc = Document::Parse(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>\xA3" "5 \xE6\xF8\xE5 \x96 \x93q\x94</r>");
  ASSERT_TRUE(doc.ok()) << doc.status();
  // £5 æøå – “q”: the C1 range read as Windows-1252, as feeds mean it.
  EXPECT_EQ(doc->Root().Text(), "\xC2\xA3" "5 \xC3\xA6\xC3\xB8\xC3\xA5 \xE2\x80\x93 \xE2\x80\x9Cq\xE2\x80\x9D");
}

TEST(XmlDocumentTest, Latin1DeclarationOnUtf8BytesReadsUtf8) {
  auto doc = Document::Parse("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><r>D\xC3\xA9" "c\xC3\xA8s</r>");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->Root().Text(), "D\xC3\xA9" "c\xC3\xA8s");  // Décès, not DÃ©cÃ¨s
}

TEST(XmlDocumentTest, UnreadableEncodingsAreErrors) {
  for (const std::string& doc :
       {std::string("<?xml version=\"1.0\" encoding=\"NO-SUCH-CHARSET\"?><r>a</r>"),
        std::string("<?xml version=\"1.0\" encoding=\"EUC-JP\"?><r>\xFF\xFE\xFD abc</r>")}) {
    ::testing::internal::CaptureStderr();
    auto parsed = Document::Parse(doc);
    std::string printed = ::testing::internal::GetCapturedStderr();
    ASSERT_FALSE(parsed.ok());
    EXPECT_THAT(Message(parsed.status()), StartsWith("xml: not well-formed: "));
    EXPECT_EQ(printed, "");  // errors are values, never printed
  }
}

TEST(XmlDocumentTest, HtmlEntityNamesWithoutDtdAreRead) {
  auto doc = Document::Parse("<r a=\"x&eacute;\">a&nbsp;b &mdash; &amp; &#8220;c&#x201D;</r>");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->Root().Text(), "a\xC2\xA0" "b \xE2\x80\x94 & \xE2\x80\x9C" "c\xE2\x80\x9D");
  EXPECT_EQ(doc->Root().AttrOr("a"), "x\xC3\xA9");
  EXPECT_FALSE(Document::Parse("<r>&nosuchentity;</r>").ok());
}

TEST(XmlDocumentTest, HtmlEntityNamesWithUnreadExternalDtdAreRead) {
  auto doc = Document::Parse(
      "<!DOCTYPE nitf SYSTEM \"nitf-3-4.dtd\"><nitf>a&nbsp;b&rsquo;s</nitf>");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->Root().Text(), "a\xC2\xA0" "b\xE2\x80\x99s");
}

TEST(XmlDocumentTest, ErrorsStayWithTheirOwnParseAcrossThreads) {
  std::vector<std::thread> threads;
  std::vector<std::string> messages(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([t, &messages] {
      std::string doc(static_cast<size_t>(t + 1), '\n');
      doc = "<r>" + doc + "<x></r>";  // the error is on line t + 2
      for (int i = 0; i < 200; ++i) {
        auto parsed = Document::Parse(doc);
        messages[t] = parsed.ok() ? "ok" : std::string(parsed.status().message());
        if (!absl::StrContains(messages[t], absl::StrCat("(line ", t + 2, ")"))) return;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < 8; ++t) {
    EXPECT_THAT(messages[t], HasSubstr(absl::StrCat("(line ", t + 2, ")"))) << t;
  }
}

TEST(SniffRootTest, FindsTheRootElementCheaply) {
  auto root = SniffRoot(
      "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- a > comment -->\n"
      "<!DOCTYPE x [ <!ENTITY a \"<b>\"> ]>\n<?pi data?>"
      "<ns0:newsMessage xmlns:ns0=\"http://iptc.org/std/nar/2006-10-01/\" a='1'>");
  ASSERT_TRUE(root.has_value());
  EXPECT_EQ(root->name, "newsMessage");
  EXPECT_EQ(root->namespace_uri, "http://iptc.org/std/nar/2006-10-01/");

  root = SniffRoot("  <nitf version=\"x\"><head/>");
  ASSERT_TRUE(root.has_value());
  EXPECT_EQ(root->name, "nitf");
  EXPECT_EQ(root->namespace_uri, "");

  root = SniffRoot("<!DOCTYPE html><html lang=\"en\"><body>");
  ASSERT_TRUE(root.has_value());
  EXPECT_EQ(root->name, "html");

  EXPECT_FALSE(SniffRoot("{\"a\": 1}").has_value());
  EXPECT_FALSE(SniffRoot("Headline\n\nBody <b>text</b>").has_value());
  EXPECT_FALSE(SniffRoot("<!-- never closed").has_value());
  EXPECT_FALSE(SniffRoot("").has_value());
}

}  // namespace
}  // namespace newswire::xml
