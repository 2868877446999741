#include "services/ingest/normalize/xml/xml_limits.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/normalize/xml/xml_doc.h"

namespace newswire::xml {
namespace {

using ::testing::HasSubstr;

std::string Document(absl::string_view body) {
  return absl::StrCat("<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [ <!-- <a> --> ]>\n<nitf>", body,
                      "</nitf>");
}

// One element with `count` attributes, `xmlns:` ones when `prefix` says so.
std::string Attributes(int count, absl::string_view prefix = "a") {
  std::string element = "<p";
  for (int i = 0; i < count; ++i) absl::StrAppend(&element, " ", prefix, i, "=\"urn:", i, "\"");
  return element + ">x</p>";
}

std::string Nested(int depth) {
  std::string open, close;
  for (int i = 0; i < depth; ++i) {
    open += "<d>";
    close += "</d>";
  }
  return open + "x" + close;
}

std::string Repeated(absl::string_view unit, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out.append(unit.data(), unit.size());
  return out;
}

// Just under each limit passes the scan and parses; just over is refused
// with a message naming the figure and the limit.
void ExpectLimit(const std::string& under, const std::string& over, absl::string_view reason) {
  EXPECT_TRUE(CheckXmlLimits(under).ok()) << CheckXmlLimits(under);
  absl::StatusOr<xml::Document> parsed = xml::Document::Parse(under);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  absl::Status refused = CheckXmlLimits(over);
  EXPECT_TRUE(IsTooCostly(refused)) << refused;
  EXPECT_EQ(refused.message(), absl::StrCat("too costly: ", reason));
  // Document::Parse refuses it the same way, before libxml2.
  EXPECT_EQ(xml::Document::Parse(over).status(), refused);
}

TEST(XmlLimitsTest, AttributesPerElement) {
  const int limit = XmlLimits().max_attributes_per_element;
  ExpectLimit(Document(Attributes(limit)), Document(Attributes(limit + 1)),
              absl::StrCat(limit + 1, " attributes on one element (limit ", limit, ")"));
}

TEST(XmlLimitsTest, NamespaceDeclarationsInTheDocument) {
  const int limit = XmlLimits().max_namespace_declarations;
  // Spread over elements, so only the document's total can exceed.
  std::string under, over;
  for (int i = 0; i < limit; ++i) absl::StrAppend(&under, "<p xmlns:n", i, "=\"urn:x\">x</p>");
  over = under + "<p xmlns=\"urn:y\">x</p>";
  ExpectLimit(Document(under), Document(over),
              absl::StrCat(limit + 1, " XML namespace declarations (limit ", limit, ")"));
}

TEST(XmlLimitsTest, NestingDepth) {
  const int limit = XmlLimits().max_depth;
  // The root element counts: nitf plus depth - 1 levels.
  ExpectLimit(Document(Nested(limit - 1)), Document(Nested(limit)),
              absl::StrCat("XML elements nested ", limit + 1, " deep (limit ", limit, ")"));
}

TEST(XmlLimitsTest, Elements) {
  const size_t limit = XmlLimits().max_elements;
  ExpectLimit(Document(Repeated("<br/>", limit - 1)), Document(Repeated("<br/>", limit)),
              absl::StrCat(limit + 1, " XML elements (limit ", limit, ")"));
}

TEST(XmlLimitsTest, AttributeValueBytes) {
  const size_t limit = XmlLimits().max_attribute_value_bytes;
  ExpectLimit(Document(absl::StrCat("<p title='", std::string(limit, 'v'), "'/>")),
              Document(absl::StrCat("<p title='", std::string(limit + 1, 'v'), "'/>")),
              absl::StrCat("XML attribute value of ", limit + 1, " bytes (limit ", limit, ")"));
}

TEST(XmlLimitsTest, DocumentBytes) {
  XmlLimits limits;
  limits.max_bytes = 100;
  const std::string doc = Document("<p>x</p>");
  EXPECT_TRUE(CheckXmlLimits(doc + std::string(100 - doc.size(), ' '), limits).ok());
  EXPECT_EQ(CheckXmlLimits(doc + std::string(101 - doc.size(), ' '), limits).message(),
            "too costly: XML document of 101 bytes (limit 100)");
}

// Markup inside comments, CDATA, processing instructions and attribute
// values is not counted: libxml2 does not parse it as elements either.
TEST(XmlLimitsTest, MarkupOutsideElementsIsNotCounted) {
  const std::string hidden = Attributes(XmlLimits().max_attributes_per_element + 1);
  const std::string doc = Document(absl::StrCat("<!--", hidden, "--><![CDATA[", hidden,
                                                "]]><?pi ", hidden, "?><p title='", hidden,
                                                "'>x</p>"));
  EXPECT_TRUE(CheckXmlLimits(doc).ok()) << CheckXmlLimits(doc);
}

// Malformed markup stops the scan quietly; libxml2 reports it.
TEST(XmlLimitsTest, MalformedIsLibxml2sToReport) {
  EXPECT_TRUE(CheckXmlLimits("<nitf><p a=\"unterminated").ok());
  absl::StatusOr<xml::Document> doc = xml::Document::Parse("<nitf><p a=\"unterminated");
  EXPECT_TRUE(absl::IsInvalidArgument(doc.status()));
  EXPECT_THAT(doc.status().message(), HasSubstr("not well-formed"));
}

}  // namespace
}  // namespace newswire::xml
