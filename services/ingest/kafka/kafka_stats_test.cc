#include "gtest/gtest.h"
#include "services/ingest/kafka/kafka_client.h"

namespace newswire {
namespace {

TEST(KafkaStatsTest, ConsumerLagPerAssignedPartition) {
  const std::string json = R"({
    "name": "newswire#consumer-1", "type": "consumer",
    "topics": {
      "newswire.raw": {
        "topic": "newswire.raw",
        "partitions": {
          "0": {"partition": 0, "consumer_lag": 12},
          "1": {"partition": 1, "consumer_lag": -1},
          "2": {"partition": 2, "consumer_lag": 0},
          "-1": {"partition": -1, "consumer_lag": -1}
        }
      }
    }
  })";
  std::vector<PartitionLag> lags = ParseConsumerLag(json);
  ASSERT_EQ(lags.size(), 2u);
  EXPECT_EQ(lags[0].topic, "newswire.raw");
  EXPECT_EQ(lags[0].partition, 0);
  EXPECT_EQ(lags[0].lag, 12);
  EXPECT_EQ(lags[1].partition, 2);
  EXPECT_EQ(lags[1].lag, 0);
}

TEST(KafkaStatsTest, GarbageGivesNothing) {
  EXPECT_TRUE(ParseConsumerLag("not json").empty());
  EXPECT_TRUE(ParseConsumerLag("{\"topics\": 5}").empty());
}

}  // namespace
}  // namespace newswire
