#include "services/ingest/normalize/xml/xml_text.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/normalize/xml/xml_doc.h"

namespace newswire::xml {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> ParagraphsOf(const std::string& xml) {
  absl::StatusOr<Document> doc = Document::Parse(xml);
  EXPECT_TRUE(doc.ok()) << doc.status();
  return doc.ok() ? BodyParagraphs(doc->Root()) : std::vector<std::string>();
}

TEST(BodyParagraphsTest, BlocksInlineMarkupAndEntities) {
  EXPECT_THAT(ParagraphsOf("<body><p>First <person>Ann</person> &amp; <a href='x'>co</a>.</p>"
                           "<hl2>Sub head</hl2><p/><p>  </p>"
                           "<block><p>In a block</p></block><p>o&amp;#39;clock</p></body>"),
              ElementsAre("First Ann & co.", "Sub head", "In a block", "o'clock"));
}

TEST(BodyParagraphsTest, OneBreakWrapsALineTwoStartAParagraph) {
  EXPECT_THAT(ParagraphsOf("<body><p>   SEOUL - line one<br/>line two<br />line three.</p>"
                           "<p>first<br/><br/>second</p></body>"),
              ElementsAre("SEOUL - line one line two line three.", "first", "second"));
}

TEST(BodyParagraphsTest, TablesAreRowsListsAreItemsPreIsLines) {
  EXPECT_THAT(ParagraphsOf("<body><table><tr><th></th><th>G</th><th>AB</th></tr>"
                           "<tr><td>Smith NYM</td><td>72</td><td>271</td></tr></table>"
                           "<ul><li>one</li><li>two</li></ul>"
                           "<pre>Team A 1\nTeam B 2\n</pre></body>"),
              ElementsAre("G AB", "Smith NYM 72 271", "one", "two", "Team A 1", "Team B 2"));
}

// PA's team lines: a list wrapped after a comma goes on in the next line.
TEST(BodyParagraphsTest, PreLineEndingInACommaGoesOnInTheNext) {
  EXPECT_THAT(ParagraphsOf("<body><pre>International Match\nMexico v Panama\n"
                           "Mexico: Talavera, M. Herrera, Rivas,\nJonathan, Vela.\n"
                           "Replacements: Munoz, Reyes.\n</pre></body>"),
              ElementsAre("International Match", "Mexico v Panama",
                          "Mexico: Talavera, M. Herrera, Rivas, Jonathan, Vela.",
                          "Replacements: Munoz, Reyes."));
}

// A line break written into the text (&#10;) after a line no wrap would
// make starts a paragraph; the pretty-printer's indented breaks do not.
TEST(BodyParagraphsTest, WrittenLineBreakAfterALongLineIsAParagraph) {
  const std::string first =
      "Det stemmer ikke at punktlisten i et dokument som har spredd seg p\xC3\xA5 Facebook, har noe "
      "med FNs Agenda 21 eller Agenda 2030 \xC3\xA5 gj\xC3\xB8re.";
  EXPECT_THAT(ParagraphsOf("<body><p>" + first + "&#10;S\xC3\xB8k i dokumentene.</p>"
                           "<p>\n   Ved \xC3\xA5 s\xC3\xB8ke, " + first + " &#10;N\xC3\xA5r det gjelder "
                           "<a href='x'>side 13</a>\n   (oversettelse):\n</p>"
                           "<p>Short line.\nWraps here.</p></body>"),
              ElementsAre(first, "S\xC3\xB8k i dokumentene.", "Ved \xC3\xA5 s\xC3\xB8ke, " + first,
                          "N\xC3\xA5r det gjelder side 13 (oversettelse):",
                          "Short line. Wraps here."));
}

TEST(BodyParagraphsTest, SkipsMediaHeadHeaderAndScripts) {
  EXPECT_THAT(ParagraphsOf("<html><head><title>T</title></head><body>"
                           "<header><h1>Headline again</h1><ul><li>tag</li></ul></header>"
                           "<p>Text</p><media><media-reference source='x.jpg'/>"
                           "<media-caption>Photo caption</media-caption></media>"
                           "<figure><img src='y.jpg'/><figcaption>Cap</figcaption></figure>"
                           "<script>var x;</script><p>More</p></body></html>"),
              ElementsAre("Text", "More"));
}

TEST(BodyParagraphsTest, SplitsWireCopyInsideOneBlock) {
  EXPECT_THAT(ParagraphsOf("<p>(Adds detail)\n    * Bullet one\n    * Bullet two\n\n"
                           "    By A Writer\n    LONDON (Agency) - Text that\nwraps at column"
                           " zero.\n    Second paragraph\nwraps too.\n \n\n (Reporting by X)</p>"),
              ElementsAre("(Adds detail)", "* Bullet one", "* Bullet two", "By A Writer",
                          "LONDON (Agency) - Text that wraps at column zero.",
                          "Second paragraph wraps too.", "(Reporting by X)"));
}

TEST(BodyParagraphsTest, KeepsPrettyPrintedBlocksWhole) {
  EXPECT_THAT(ParagraphsOf("<body><p class='x'>\n        BILDE: \n        <a href='u'>A caption"
                           "</a>\n      </p><p>\n        One sentence&#10;and a stray break, on\n"
                           "        <a href='v'>a link</a>\n         and more.\n      </p></body>"),
              ElementsAre("BILDE: A caption",
                          "One sentence and a stray break, on a link and more."));
}

// Issue 18, class 7: a results table set as text inside one block keeps
// its rows (Reuters/Gracenote results, OPTA fixtures); a rule is no row.
TEST(BodyParagraphsTest, TextLaidOutInRowsKeepsItsRows) {
  EXPECT_THAT(ParagraphsOf("<body><p>Jan 30 (Gracenote) - Results from the league on Monday \n"
                           "Monday, January 30  \n"
                           "Adanaspor           2 Kasimpasa            0  \n"
                           "Besiktas            5 Konyaspor            1  \n"
                           "-------------------------\n"
                           "Sunday, January 29  \n</p></body>"),
              ElementsAre("Jan 30 (Gracenote) - Results from the league on Monday",
                          "Monday, January 30", "Adanaspor 2 Kasimpasa 0", "Besiktas 5 Konyaspor 1",
                          "Sunday, January 29"));
}

// nitf-ntb: the embed code of a fact-check site, escaped in the body, is
// no text, and the label above it ("Embed (stor):") goes with it. Escaped
// markup with text is read as HTML.
TEST(BodyParagraphsTest, EscapedEmbedCodeIsNoBody) {
  EXPECT_THAT(ParagraphsOf("<body><p>Les faktasjekken.</p><hl2>Embed (stor):</hl2>"
                           "<p>&#60;div class=&#34;faktisk-embed&#34; data-id=&#34;a0G&#34;&#62;"
                           "&#60;/div&#62;&#60;script async defer src=&#34;https://x/embed.js"
                           "&#34;&#62;&#60;/script&#62;</p>"
                           "<p>&lt;p&gt;Escaped &lt;b&gt;text&lt;/b&gt;&lt;/p&gt;</p></body>"),
              ElementsAre("Les faktasjekken.", "Escaped text"));
}

TEST(BodyParagraphsTest, PseudoMarkupElementsAreTheirCharacters) {
  EXPECT_THAT(ParagraphsOf("<body><p>Helsinki <endash>-</endash> Turku <emdash/> ok</p></body>"),
              ElementsAre("Helsinki \xE2\x80\x93 Turku \xE2\x80\x94 ok"));
}

TEST(PlainTextParagraphsTest, WireLayoutBlankLinesOrLines) {
  EXPECT_THAT(PlainTextParagraphs("<p>\n   (AGENCY) - Rome - The minister\nsaid it is\nunacceptable.\n"
                                  "   \"Quote,\" he said.\n   Last one\nends here.\n</p>"),
              ElementsAre("(AGENCY) - Rome - The minister said it is unacceptable.",
                          "\"Quote,\" he said.", "Last one ends here."));
  EXPECT_THAT(PlainTextParagraphs("  First para\nwrapped.\n\n  Second para.\n"),
              ElementsAre("First para wrapped.", "Second para."));
  EXPECT_THAT(PlainTextParagraphs("Line one\nLine two"), ElementsAre("Line one", "Line two"));
  EXPECT_THAT(PlainTextParagraphs("  \n\t\n"), IsEmpty());
}

// Text with CR or CR LF line ends (an escaped &#13;, or text not from XML's
// own line-end normalisation) is laid out the same way.
TEST(PlainTextParagraphsTest, CrAndCrLfLineEnds) {
  EXPECT_THAT(PlainTextParagraphs("   (AGENCY) - The minister\rsaid it.\r"
                                  "   Last one\rends here.\r"),
              ElementsAre("(AGENCY) - The minister said it.", "Last one ends here."));
  EXPECT_THAT(PlainTextParagraphs("  First para\r\nwrapped.\r\n\r\n  Second para.\r\n"),
              ElementsAre("First para wrapped.", "Second para."));
}

TEST(HtmlTextParagraphsTest, DecodesTwiceEscapedText) {
  EXPECT_THAT(HtmlTextParagraphs("<P></P>\r\n\t<P>Spire&amp;apos;s &#xC2;&#xA3;4m</P><p>two</p>"),
              ElementsAre("Spire's \xC3\x82\xC2\xA3" "4m", "two"));
}

TEST(RepairMojibakeTest, UndoesUtf8ReadAsLatin1) {
  EXPECT_EQ(RepairMojibake("\xC3\x82\xC2\xA3" "4 caf\xC3\x83\xC2\xA9"), "\xC2\xA3" "4 caf\xC3\xA9");
  EXPECT_EQ(RepairMojibake("\xC3\x82ge \xC3\xA9t\xC3\xA9"), "\xC3\x82ge \xC3\xA9t\xC3\xA9");
}

TEST(CleanLineTest, OneLineValidUtf8) {
  EXPECT_EQ(CleanLine("  a\n\tb&nbsp;c  "), "a b c");
  EXPECT_EQ(CleanLine("bad \xFF byte"), "bad \xC3\xBF byte");
}

}  // namespace
}  // namespace newswire::xml
