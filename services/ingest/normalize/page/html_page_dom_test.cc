#include "services/ingest/normalize/page/html_page_dom.h"

#include <string>

#include "gtest/gtest.h"
#include "services/ingest/normalize/page/html_page_meta.h"

namespace newswire::html {
namespace {

// The tags of the children of `parent`, in order.
std::vector<Tag> ChildTags(const HtmlPageDom& dom, uint32_t parent) {
  std::vector<Tag> tags;
  for (uint32_t i = parent + 1; i < dom.node(parent).end; i = dom.node(i).end) {
    tags.push_back(dom.node(i).tag);
  }
  return tags;
}

TEST(HtmlPageDomTest, BuildsTreeInDocumentOrder) {
  HtmlPageDom dom = HtmlPageDom::Parse(
      "<!DOCTYPE html><html><head><title>T &amp; U</title></head>"
      "<body><div class='a'><p>One<p>Two</div><ul><li>x<li>y</ul></body></html>");
  uint32_t body = dom.Find(Tag::kBody);
  ASSERT_NE(body, 0u);
  uint32_t div = dom.Find(Tag::kDiv);
  EXPECT_EQ(dom.Attr(div, "class"), "a");
  // <p>One<p>Two: the second p closes the first.
  EXPECT_EQ(ChildTags(dom, div), (std::vector<Tag>{Tag::kP, Tag::kP}));
  uint32_t ul = dom.Find(Tag::kUl);
  EXPECT_EQ(ChildTags(dom, ul), (std::vector<Tag>{Tag::kLi, Tag::kLi}));
  EXPECT_EQ(NodeText(dom, body), "One Two x y");
  EXPECT_EQ(dom.node(dom.Find(Tag::kTitle)).text, "T &amp; U");
}

TEST(HtmlPageDomTest, RawTextElementsAreNotParsed) {
  HtmlPageDom dom = HtmlPageDom::Parse(
      "<body><script>if (a<b) document.write('<p>no</p>')</script><p>yes</p>"
      "<style>p{}</style><textarea><b>raw</b></textarea></body>");
  EXPECT_EQ(NodeText(dom, dom.Find(Tag::kBody)), "yes");
  EXPECT_EQ(dom.node(dom.Find(Tag::kScript)).text, "if (a<b) document.write('<p>no</p>')");
}

TEST(HtmlPageDomTest, BodyClosesHeadAndStrayEndTagsAreIgnored) {
  HtmlPageDom dom = HtmlPageDom::Parse(
      "<html><head><meta charset=utf-8><body><div><span>a</div></span>b</div>c");
  uint32_t body = dom.Find(Tag::kBody);
  ASSERT_NE(body, 0u);
  EXPECT_NE(dom.node(dom.node(body).parent).tag, Tag::kHead);
  EXPECT_EQ(NodeText(dom, body), "a bc");  // the second </div> closes nothing
}

TEST(HtmlPageDomTest, AttributesInEveryQuotingStyle) {
  HtmlPageDom dom = HtmlPageDom::Parse(
      "<div ID=\"x y\" data-a='1' class=plain hidden title=\"a &quot;b&quot;\"></div>");
  uint32_t div = dom.Find(Tag::kDiv);
  EXPECT_EQ(dom.Attr(div, "id"), "x y");
  EXPECT_EQ(dom.Attr(div, "data-a"), "1");
  EXPECT_EQ(dom.Attr(div, "class"), "plain");
  bool present = false;
  EXPECT_EQ(dom.Attr(div, "hidden", &present), "");
  EXPECT_TRUE(present);
  EXPECT_EQ(DecodeAttribute(dom.Attr(div, "title")), "a \"b\"");
}

TEST(HtmlPageDomTest, DecodesCharacterReferences) {
  std::string out;
  DecodeHtmlText("a&nbsp;b &#8217; &#x2014; &amp &lt;x&gt; &bogus; &#0; &#150; AT&T", &out);
  EXPECT_EQ(out, "a\xC2\xA0" "b \xE2\x80\x99 \xE2\x80\x94 & <x> &bogus; \xEF\xBF\xBD \xE2\x80\x93 AT&T");
}

// WHATWG HTML, "numeric character reference end state": references to 0x80
// .. 0x9F are read through its replacement table (0x80 -> U+20AC, 0x9F ->
// U+0178); 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no entry and stay as they are.
TEST(HtmlPageDomTest, C1ReferencesReadAsWindows1252) {
  std::string out;
  DecodeHtmlText("&#128;&#x81;&#141;&#x8F;&#144;&#157;&#159;", &out);
  EXPECT_EQ(out, "\xE2\x82\xAC\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D\xC5\xB8");
}

TEST(HtmlPageDomTest, CollapseSpaces) {
  EXPECT_EQ(CollapseSpaces("  a \t\n b\xC2\xA0" "c\xE2\x80\x8B" "d\xE3\x80\x80 "), "a b cd");
}

// Untrusted input: no crash, bounded depth and work.
TEST(HtmlPageDomBadInputTest, DeepNesting) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep";
  for (int i = 0; i < 100000; ++i) html += "</div>";
  HtmlPageDom dom = HtmlPageDom::Parse(html);
  int max_depth = 0;
  for (uint32_t i = 0; i < dom.size(); ++i) max_depth = std::max<int>(max_depth, dom.node(i).depth);
  EXPECT_LE(max_depth, 257);
  EXPECT_EQ(NodeText(dom, 0), "deep");
}

TEST(HtmlPageDomBadInputTest, UnclosedEverything) {
  for (const char* html :
       {"<div><p><a href='x", "<!-- never closed", "<script>var a = 1;", "<p class=\"a",
        "<", "</", "<!", "<?xml", "&", "&#", "&#x", "<a\x01\x02>", "<table><tr><td>x"}) {
    HtmlPageDom dom = HtmlPageDom::Parse(html);
    EXPECT_GE(dom.size(), 1u) << html;
    EXPECT_EQ(dom.node(0).end, dom.size()) << html;
  }
}

TEST(HtmlPageDomBadInputTest, BinaryGarbageAndHugeAttribute) {
  std::string garbage;
  uint32_t x = 12345;
  for (int i = 0; i < 200000; ++i) {
    x = x * 1103515245 + 12345;
    garbage.push_back(static_cast<char>(x >> 16));
  }
  HtmlPageDom dom = HtmlPageDom::Parse(garbage);
  EXPECT_EQ(dom.node(0).end, dom.size());
  std::string huge = "<div title=\"" + std::string(4 << 20, 'a') + "\">t</div>";
  HtmlPageDom big = HtmlPageDom::Parse(huge);
  EXPECT_EQ(big.Attr(big.Find(Tag::kDiv), "title").size(), 4u << 20);
}

TEST(HtmlPageDomBadInputTest, NodeLimit) {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<b>x</b>";
  DomLimits limits;
  limits.max_nodes = 1000;
  HtmlPageDom dom = HtmlPageDom::Parse(html, limits);
  EXPECT_LE(dom.size(), 1000u);
  EXPECT_EQ(dom.node(0).end, dom.size());
}

}  // namespace
}  // namespace newswire::html
