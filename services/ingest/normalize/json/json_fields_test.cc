#include "services/ingest/normalize/json/json_fields.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::json {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(LooksLikeJsonTest, ObjectsAndArraysOnly) {
  EXPECT_TRUE(LooksLikeJson(R"({"headline": "x"})"));
  EXPECT_TRUE(LooksLikeJson("\xEF\xBB\xBF  \n [{\"uri\": 1}]"));
  EXPECT_TRUE(LooksLikeJson("[[[["));
  EXPECT_TRUE(LooksLikeJson("{"));
  EXPECT_FALSE(LooksLikeJson("[Updated] Quake hits coast\n\nBody."));
  EXPECT_FALSE(LooksLikeJson("{Curly} headline"));
  EXPECT_FALSE(LooksLikeJson("Plain headline"));
  EXPECT_FALSE(LooksLikeJson("   "));
}

TEST(ParseTest, RefusesMalformedDocumentsWithJsonReason) {
  simdjson::dom::parser parser;
  for (const std::string& bad : {std::string(R"({"headline": "cut off)"), std::string("{"),
                                 std::string(R"({"a": 1,})"), std::string("")}) {
    absl::StatusOr<Element> root = Parse(parser, bad);
    ASSERT_FALSE(root.ok()) << bad;
    EXPECT_EQ(root.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(root.status().message(), HasSubstr("json: "));
  }
}

TEST(ParseTest, DeepNestingIsAnErrorNotACrash) {
  simdjson::dom::parser parser;
  std::string deep = std::string(10000, '[') + std::string(10000, ']');
  absl::StatusOr<Element> root = Parse(parser, deep);
  ASSERT_FALSE(root.ok());
  EXPECT_THAT(root.status().message(), HasSubstr("deep"));
  // Within the limit is fine.
  std::string shallow = std::string(kMaxDepth - 1, '[') + std::string(kMaxDepth - 1, ']');
  EXPECT_TRUE(Parse(parser, shallow).ok());
}

TEST(ParseTest, InvalidUtf8InStringIsRefused) {
  simdjson::dom::parser parser;
  EXPECT_FALSE(Parse(parser, "{\"headline\": \"caf\xE9\"}").ok());
}

TEST(ParseTest, ParserIsReusable) {
  simdjson::dom::parser parser;
  ASSERT_FALSE(Parse(parser, "[[[").ok());
  absl::StatusOr<Element> root = Parse(parser, R"({"headline": "ok"})");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(Text(*root, {"headline"}), "ok");
}

TEST(FieldsTest, WrongTypesReadAsAbsent) {
  simdjson::dom::parser parser;
  absl::StatusOr<Element> root = Parse(parser, R"({
    "headline": 5, "byline": ["a"], "urgency": "three", "version": {"n": 1},
    "keywords": "single", "subjects": "not an array", "embargoed": 12, "nothing": null
  })");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(Text(*root, {"headline"}), "");
  EXPECT_EQ(Text(*root, {"byline"}), "");
  EXPECT_FALSE(Integer(*root, {"urgency"}).has_value());
  EXPECT_FALSE(Integer(*root, {"version"}).has_value());
  EXPECT_THAT(Strings(*root, {"keywords"}), ElementsAre("single"));
  EXPECT_TRUE(Array(*root, {"subjects"}).empty());
  google::protobuf::Timestamp time;
  EXPECT_FALSE(Time(*root, {"embargoed"}, &time));
  EXPECT_FALSE(Field(*root, {"nothing"}).has_value());
  EXPECT_FALSE(Field(*root, {"missing"}).has_value());
  // Getters on a non-object read nothing.
  EXPECT_EQ(Text(*Field(*root, {"headline"}), {"x"}), "");
}

TEST(FieldsTest, FirstPresentKeyWins) {
  simdjson::dom::parser parser;
  absl::StatusOr<Element> root =
      Parse(parser, R"({"versionCreated": "2022-11-07T12:30:00Z", "byline": null, "by": "Jo"})");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(Text(*root, {"byline", "by"}), "Jo");
  google::protobuf::Timestamp time;
  ASSERT_TRUE(Time(*root, {"versioncreated", "versionCreated"}, &time));
  EXPECT_EQ(time.seconds(), 1667824200);
}

TEST(FieldsTest, IntegersFromNumbersAndDigitStrings) {
  simdjson::dom::parser parser;
  absl::StatusOr<Element> root = Parse(parser, R"({
    "a": 3, "b": "2", "c": 4.0, "d": 4.5, "e": 18446744073709551615, "f": -1e300,
    "g": 1e308, "h": "99999999999999999999999"
  })");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(Integer(*root, {"a"}), 3);
  EXPECT_EQ(Integer(*root, {"b"}), 2);
  EXPECT_EQ(Integer(*root, {"c"}), 4);
  EXPECT_FALSE(Integer(*root, {"d"}).has_value());
  EXPECT_FALSE(Integer(*root, {"e"}).has_value());  // above int64
  EXPECT_FALSE(Integer(*root, {"f"}).has_value());
  EXPECT_FALSE(Integer(*root, {"g"}).has_value());
  EXPECT_FALSE(Integer(*root, {"h"}).has_value());
}

TEST(FieldsTest, NumbersBeyondDoubleAreAnErrorNotACrash) {
  simdjson::dom::parser parser;
  for (const char* huge : {R"({"urgency": 1e999999})",
                           R"({"urgency": 123456789012345678901234567890})"}) {
    absl::StatusOr<Element> root = Parse(parser, huge);
    ASSERT_FALSE(root.ok()) << huge;
    EXPECT_THAT(root.status().message(), HasSubstr("number"));
  }
}

TEST(FieldsTest, TextIsCollapsedAndFreeOfControls) {
  simdjson::dom::parser parser;
  absl::StatusOr<Element> root =
      Parse(parser, R"({"headline": "  Quake\u0000 hits\n\tcoast\u0007 ", "k": ["a", 1, " ", "b"]})");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(Text(*root, {"headline"}), "Quake hits coast");
  EXPECT_THAT(Strings(*root, {"k"}), ElementsAre("a", "b"));
}

TEST(PubStatusTest, KnownSpellings) {
  EXPECT_EQ(PubStatusFromText("usable"), v1::PUB_STATUS_USABLE);
  EXPECT_EQ(PubStatusFromText("Withheld"), v1::PUB_STATUS_WITHHELD);
  EXPECT_EQ(PubStatusFromText("cancelled"), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(PubStatusFromText("stat:canceled"), v1::PUB_STATUS_UNSPECIFIED);
  EXPECT_EQ(UrgencyFrom(9), 9);
  EXPECT_EQ(UrgencyFrom(0), 0);
  EXPECT_EQ(UrgencyFrom(10), 0);
  EXPECT_EQ(UrgencyFrom(std::nullopt), 0);
}

TEST(FeedResultTest, ReasonSumsUpItemsWithoutText) {
  FeedResult one;
  one.AddNoStory("picture item: no text story");
  EXPECT_EQ(std::move(one).Finish().no_story_reason, "picture item: no text story");

  FeedResult many;
  many.AddNoStory("picture item: no text story");
  many.AddNoStory("picture item: no text story");
  many.AddNoStory("video item: no text story");
  EXPECT_EQ(std::move(many).Finish().no_story_reason,
            "3 items, none with text: picture item: no text story; video item: no text story");

  FeedResult mixed;
  mixed.AddNoStory("picture item: no text story");
  mixed.AddStory(v1::Story());
  ParseResult result = std::move(mixed).Finish();
  EXPECT_EQ(result.stories.size(), 1u);
  EXPECT_EQ(result.no_story_reason, "");
}

}  // namespace
}  // namespace newswire::json
