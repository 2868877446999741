// `wirectl train --out MODEL DIR`: trains the section classifier on a folder
// of labelled stories, reports its cross-validated accuracy and writes the
// model that `ingestd --tagger_model=MODEL` and `wirectl normalize` load.
//
//   absl::Status status = TrainCommand("bbc.nwtm", "corpus/bbc", std::cout);
//
// DIR holds one sub-folder per section label (mapped through the tagger's
// tables: "business" -> medtop:04000000, "tech" -> medtop:13000000, or a
// media topic code or short name), one story per file. The report lists the
// labels, each fold's accuracy and their mean (5 folds, fixed seed: the same
// figures on every run), then calibrates the model's confidence: a model
// trained on 90% of the stories gives the temperature that fits the other
// 10% best (tag/calibration.h; ECE before and after is reported), and the
// model trained on all of them is written with it, the low-confidence
// threshold and the languages. Then it loads MODEL back and prints the load
// time. Flags are read by main.cc only; everything arrives here.
#ifndef NEWSWIRE_SERVICES_WIRECTL_TRAIN_H_
#define NEWSWIRE_SERVICES_WIRECTL_TRAIN_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/status/status.h"

namespace newswire {

struct TrainCommandOptions {
  std::string mapping_path;  // --tagger_mapping: rows over the built-in tables
  int folds = 5;             // 0 or 1: no cross-validation
  uint64_t seed = 20240607;  // fold shuffle
  int hash_bits = 20;
  double alpha = 0.1;        // naive Bayes smoothing
  std::string model_name;    // default: the file name of out_path
  // --learner: "naive-bayes" or "logistic" (tag/linear_trainer.h).
  std::string learner = "naive-bayes";
  float low_confidence_below = 0.6f;  // --low_confidence_below
  std::string languages;     // --languages: "en,de"; empty: any language
};

absl::Status TrainCommand(const std::string& out_path, const std::string& dir,
                          const TrainCommandOptions& options, std::ostream& report);

// The same with the default options.
absl::Status TrainCommand(const std::string& out_path, const std::string& dir,
                          std::ostream& report);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_WIRECTL_TRAIN_H_
