// Story families end to end (issue 19), with the real broker and ingestd:
// an urgent, its write-thru (the urgent's two paragraphs and two more) and
// two republished copies of the write-thru trimmed of its last paragraph,
// published in that order under four ids. A subscriber sees the urgent as
// a new story, the write-thru as a fuller text containing it, the copies
// as duplicates of the write-thru, all in the urgent's family; asking for
// the newest fullest text per family it gets only the urgent and the
// write-thru; GetStory lists the family.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "tests/e2e/e2e_fixture.h"

namespace newswire::e2e {
namespace {

using FamiliesE2eTest = E2eFixture;

// A fictional wire story, written for this test.
const char* const kLead =
    "Rescue teams reached the flooded village of Kettlebridge on Tuesday morning after the "
    "river burst its banks overnight, forcing hundreds of residents onto rooftops and into "
    "the upper floors of the parish school.";
const char* const kSecond =
    "The regional fire service said four helicopters and a dozen boats were ferrying people "
    "to a sports hall in the neighbouring town, where volunteers had set up beds, hot food "
    "and a first aid post.";
const char* const kThird =
    "Residents described water rising faster than anyone could remember, with cars swept "
    "along the main street and the old stone bridge closed after engineers found cracks in "
    "two of its arches.";
const char* const kFourth =
    "The county council opened an emergency fund for families who lost their homes, and the "
    "weather agency warned that further heavy rain was expected across the valley before "
    "the weekend, with more rivers close to their banks.";

std::string Page(const std::string& headline, const std::vector<std::string>& paragraphs) {
  return absl::StrCat(headline, "\n\n", absl::StrJoin(paragraphs, "\n\n"), "\n");
}

TEST_F(FamiliesE2eTest, UrgentWriteThruAndTrimmedCopiesFormOneFamily) {
  StartIngestd(0);
  const std::string tag = raw_topic_;  // unique per test run
  const std::string urgent = absl::StrCat("e2e://", tag, "/urgent");
  const std::string writethru = absl::StrCat("e2e://", tag, "/writethru");
  const std::string copy1 = absl::StrCat("e2e://", tag, "/courier-copy");
  const std::string copy2 = absl::StrCat("e2e://", tag, "/herald-copy");
  const std::vector<std::pair<std::string, std::string>> records = {
      {urgent, Page("URGENT: Floods cut off Kettlebridge", {kLead, kSecond})},
      {writethru, Page("Floods cut off Kettlebridge, hundreds rescued from rooftops",
                       {kLead, kSecond, kThird, kFourth})},
      {copy1, Page("Hundreds rescued as river floods village", {kLead, kSecond, kThird})},
      {copy2, Page("Village flood: rooftop rescues",
                   {absl::StrCat("KETTLEBRIDGE (AP) -- ", kLead), kSecond, kThird,
                    "Share this article"})},
  };
  v1::SubscribeRequest all;
  all.set_from_beginning(true);
  all.set_include_duplicates(true);
  // One at a time, each folded before the next is published: the stories
  // log has them in this order (raw records of different keys may
  // otherwise overtake each other on their partitions).
  for (size_t i = 0; i < records.size(); ++i) {
    Publish({records[i]}, {{"content-type", "text/plain"}});
    ASSERT_EQ(Collect(all, i + 1, absl::Seconds(1)).size(), i + 1) << records[i].first;
  }

  const std::vector<v1::StoryEvent> events = Collect(all, 4);
  ASSERT_EQ(events.size(), 4u);
  const std::string urgent_id = "url:" + urgent;
  const std::string writethru_id = "url:" + writethru;
  EXPECT_EQ(events[0].story().id(), urgent_id);
  EXPECT_EQ(events[0].kind(), v1::EVENT_KIND_NEW_STORY);
  EXPECT_EQ(events[1].story().id(), writethru_id);
  EXPECT_EQ(events[1].kind(), v1::EVENT_KIND_FULLER_TEXT);
  EXPECT_EQ(events[1].story().dedup().kind(), v1::DEDUP_KIND_CONTAINS_EARLIER);
  EXPECT_EQ(events[1].story().dedup().duplicate_of(), urgent_id);
  for (size_t i = 2; i < 4; ++i) {
    SCOPED_TRACE(events[i].story().id());
    EXPECT_EQ(events[i].kind(), v1::EVENT_KIND_DUPLICATE);
    EXPECT_EQ(events[i].story().dedup().kind(), v1::DEDUP_KIND_NEAR_DUPLICATE);
    EXPECT_EQ(events[i].story().dedup().duplicate_of(), writethru_id);
  }
  for (const v1::StoryEvent& event : events) {
    EXPECT_EQ(event.story().family_id(), urgent_id) << event.story().id();
  }

  // Without duplicates, the default: the urgent and the fuller text.
  v1::SubscribeRequest by_default;
  by_default.set_from_beginning(true);
  const std::vector<v1::StoryEvent> plain = Collect(by_default, 2);
  ASSERT_EQ(plain.size(), 2u);
  EXPECT_EQ(plain[1].kind(), v1::EVENT_KIND_FULLER_TEXT);

  // Newest fullest text per family, duplicates asked for: the copies are
  // shorter than the write-thru already sent.
  v1::SubscribeRequest fullest = all;
  fullest.set_newest_fullest_per_family(true);
  const std::vector<v1::StoryEvent> chosen = Collect(fullest, 2);
  ASSERT_EQ(chosen.size(), 2u);
  EXPECT_EQ(chosen[0].story().id(), urgent_id);
  EXPECT_EQ(chosen[1].story().id(), writethru_id);

  // GetStory lists the family, in log order, with kinds and sizes.
  auto stub = v1::NewsService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", instance(0).grpc_port), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  v1::GetStoryRequest get;
  get.set_id("url:" + copy2);
  get.set_include_family(true);
  v1::Story story;
  ASSERT_TRUE(stub->GetStory(&context, get, &story).ok());
  ASSERT_EQ(story.dedup().family_members_size(), 4);
  EXPECT_EQ(story.dedup().family_members(0).id(), urgent_id);
  EXPECT_EQ(story.dedup().family_members(1).kind(), v1::DEDUP_KIND_CONTAINS_EARLIER);
  EXPECT_GT(story.dedup().family_members(1).canonical_words(),
            story.dedup().family_members(2).canonical_words());
  EXPECT_EQ(story.dedup().family_members(3).id(), "url:" + copy2);
}

}  // namespace
}  // namespace newswire::e2e
