#include "services/ingest/tag/tagger.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/tag/default_model.h"
#include "services/ingest/tag/taxonomy.h"

namespace newswire::tag {
namespace {

// Where a section can come from, in priority order (see tagger.h).
enum Step {
  kSourceMedtop = 0,
  kMappedCode,
  kSectionLabel,
  kSubjectLabel,
  kUrlSegment,
  kSteps,
};

// A section one piece of evidence points to; also the section decided.
struct Candidate {
  int topic = -1;
  float confidence = 0.0f;
  std::string evidence;
};

// The candidates of each step.
using Steps = std::array<std::vector<Candidate>, kSteps>;

// The topic with the largest sum of confidences (ties: the first named). Its
// confidence is its best single confidence times its share of the votes.
std::optional<Candidate> Decide(const std::vector<Candidate>& candidates) {
  if (candidates.empty()) return std::nullopt;
  std::array<float, kTopicCount> sums{};
  std::array<float, kTopicCount> best{};
  float total = 0;
  for (const Candidate& candidate : candidates) {
    sums[candidate.topic] += candidate.confidence;
    best[candidate.topic] = std::max(best[candidate.topic], candidate.confidence);
    total += candidate.confidence;
  }
  const Candidate* winner = &candidates[0];
  for (const Candidate& candidate : candidates) {
    if (sums[candidate.topic] > sums[winner->topic]) winner = &candidate;
  }
  Candidate decision;
  decision.topic = winner->topic;
  decision.evidence = winner->evidence;
  decision.confidence = total > 0 ? best[winner->topic] * (sums[winner->topic] / total) : 0.0f;
  return decision;
}

// Subjects the source gave (not ones a tagger added on an earlier pass).
bool FromSource(const v1::Subject& subject) {
  return subject.origin() == v1::CLASSIFICATION_ORIGIN_SOURCE ||
         subject.origin() == v1::CLASSIFICATION_ORIGIN_UNSPECIFIED;
}

absl::string_view WithoutPrefix(absl::string_view code, absl::string_view prefix) {
  if (absl::StartsWithIgnoreCase(code, prefix)) code.remove_prefix(prefix.size());
  return code;
}

// The candidates of the steps that read what the source said: its subject
// codes and labels, its section name and its URL.
Steps CandidatesFromSource(const v1::Story& story, const MappingTables& mapping) {
  Steps steps;
  for (const v1::Subject& subject : story.subjects()) {
    if (!FromSource(subject) || subject.code().empty()) continue;
    const float given = subject.confidence() > 0 ? std::min(subject.confidence(), 1.0f) : 1.0f;
    const std::optional<std::string> table = mapping.TableForScheme(subject.scheme());
    const bool medtop = absl::StartsWithIgnoreCase(subject.code(), "medtop:") ||
                        (table && *table == "medtop");
    if (medtop) {
      if (std::optional<MappedTopic> mapped = mapping.ExpandMedtop(subject.code())) {
        if (mapped->topical()) {
          steps[kSourceMedtop].push_back(
              {mapped->topic, 1.0f,
               absl::StrCat("medtop:", WithoutPrefix(subject.code(), "medtop:"))});
        }
        continue;
      }
    } else if (std::optional<MappedTopic> mapped = mapping.MapCode(subject.scheme(),
                                                                     subject.code())) {
      if (mapped->topical()) {
        const std::string scheme =
            subject.scheme().empty() ? table.value_or("subj") : subject.scheme();
        steps[kMappedCode].push_back(
            {mapped->topic, mapped->confidence * given, absl::StrCat(scheme, ":", subject.code())});
      }
      continue;
    }
    // A code no table knows: its label may still say what it is about.
    if (!subject.name().empty()) {
      if (std::optional<MappedTopic> mapped = mapping.MapLabel(subject.name());
          mapped && mapped->topical()) {
        steps[kSubjectLabel].push_back({mapped->topic, mapped->confidence * given * 0.9f,
                                        absl::StrCat("label:", subject.name())});
      }
    }
  }
  if (!story.source_section().empty()) {
    if (std::optional<MappedTopic> mapped = mapping.MapLabel(story.source_section());
        mapped && mapped->topical()) {
      steps[kSectionLabel].push_back(
          {mapped->topic, mapped->confidence, absl::StrCat("label:", story.source_section())});
    }
  }
  if (!story.source_url().empty()) {
    if (std::optional<UrlMatch> match = mapping.MapUrl(story.source_url())) {
      steps[kUrlSegment].push_back(
          {match->mapped.topic, match->mapped.confidence, absl::StrCat("url:", match->segment)});
    }
  }
  return steps;
}

// What the classifier reads of a story.
StoryText TextOf(const v1::Story& story) {
  StoryText text;
  text.headline = story.headline();
  text.subheadline = story.subheadline();
  text.paragraphs.reserve(story.paragraphs_size());
  for (const std::string& paragraph : story.paragraphs()) text.paragraphs.push_back(paragraph);
  return text;
}

// Subjects besides the section: the other topics the source's codes map to,
// and the classifier's runner-up when it is confident enough.
void AddSecondarySubjects(const Steps& steps, const Classification& classified,
                          const MappingTables& mapping, const std::vector<int>& topic_of_label,
                          int section_topic, float min_confidence, v1::Story& story) {
  // Medtop subjects already there are not repeated.
  std::array<bool, kTopicCount> present{};
  for (const v1::Subject& subject : story.subjects()) {
    const std::optional<std::string> table = mapping.TableForScheme(subject.scheme());
    if (!absl::StartsWithIgnoreCase(subject.code(), "medtop:") && !(table && *table == "medtop")) {
      continue;
    }
    if (std::optional<int> t = TopicFromCode(subject.code())) present[*t] = true;
  }
  auto add = [&](int topic_index, v1::ClassificationOrigin origin, float confidence) {
    if (present[topic_index]) return;
    present[topic_index] = true;
    v1::Subject* subject = story.add_subjects();
    subject->set_scheme("medtop");
    subject->set_code(std::string(kTopics[topic_index].code));
    subject->set_name(std::string(kTopics[topic_index].name));
    subject->set_origin(origin);
    subject->set_confidence(confidence);
  };
  for (int s : {kSourceMedtop, kMappedCode}) {
    for (const Candidate& candidate : steps[s]) {
      float confidence = 0;
      for (const Candidate& other : steps[s]) {
        if (other.topic == candidate.topic) confidence = std::max(confidence, other.confidence);
      }
      add(candidate.topic, v1::CLASSIFICATION_ORIGIN_MAPPED, confidence);
    }
  }
  if (classified.has_evidence) {
    for (const ClassScore& score : classified.ranked) {
      const int topic_index = topic_of_label[score.label];
      if (topic_index == section_topic) continue;
      if (score.probability >= min_confidence) {
        add(topic_index, v1::CLASSIFICATION_ORIGIN_CLASSIFIED, score.probability);
      }
      break;
    }
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<Tagger>> Tagger::Create(const TaggerOptions& options) {
  absl::StatusOr<MappingTables> mapping = MappingTables::LoadDefault(options.mapping_path);
  if (!mapping.ok()) return mapping.status();
  absl::StatusOr<NaiveBayesModel> model =
      options.model_path.empty()
          ? NaiveBayesModel::Parse(DefaultModelBytes(), "built-in default model")
          : NaiveBayesModel::Load(options.model_path);
  if (!model.ok()) return model.status();
  std::vector<int> topic_of_label;
  for (const std::string& label : model->labels()) {
    std::optional<int> topic = TopicFromCode(label);
    if (!topic) {
      return absl::InvalidArgumentError(absl::StrCat(
          "model ", model->name(), ": label '", label, "' is not a top-level media topic"));
    }
    topic_of_label.push_back(*topic);
  }
  return std::unique_ptr<Tagger>(new Tagger(*std::move(mapping), TextClassifier(*std::move(model)),
                                            std::move(topic_of_label), options));
}

void Tagger::Tag(v1::Story& story) const {
  const Steps steps = CandidatesFromSource(story, mapping_);
  const Classification classified = classifier_.Classify(TextOf(story));

  std::optional<Candidate> decision;
  int step = 0;
  for (; step < kSteps && !decision; ++step) decision = Decide(steps[step]);
  --step;

  v1::Section section;
  if (decision) {
    section.set_origin(step == kSourceMedtop ? v1::CLASSIFICATION_ORIGIN_SOURCE
                                             : v1::CLASSIFICATION_ORIGIN_MAPPED);
    section.set_confidence(step == kSourceMedtop ? 1.0f : decision->confidence);
    section.set_evidence(decision->evidence);
    if (classified.has_evidence) {
      const ClassScore& best = classified.ranked[0];
      section.set_classified_code(std::string(kTopics[topic_of_label_[best.label]].qcode));
      section.set_classified_confidence(best.probability);
    }
  } else if (!classifier_.model().ServesLanguage(story.language())) {
    // No codes, and text in a language the model never learnt: a guess from
    // the odd shared word would be noise, so say so instead.
    story.clear_section();
    story.mutable_section()->set_origin(v1::CLASSIFICATION_ORIGIN_UNCLASSIFIED);
    story.mutable_section()->set_evidence(absl::StrCat("language:", story.language()));
    return;
  } else if (classified.has_evidence) {
    const ClassScore& best = classified.ranked[0];
    decision = Candidate{topic_of_label_[best.label], best.probability, ""};
    section.set_origin(v1::CLASSIFICATION_ORIGIN_CLASSIFIED);
    section.set_confidence(best.probability);
    section.set_evidence(absl::StrCat("model:", classifier_.model().name()));
    section.set_low_confidence(best.probability < classifier_.model().low_confidence_below());
  } else {
    story.clear_section();
    return;
  }
  const Topic& topic = kTopics[decision->topic];
  section.set_code(std::string(topic.qcode));
  section.set_name(std::string(topic.name));
  *story.mutable_section() = std::move(section);

  AddSecondarySubjects(steps, classified, mapping_, topic_of_label_, decision->topic,
                       options_.secondary_min_confidence, story);
}

}  // namespace newswire::tag
