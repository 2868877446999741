// The repository's own sample stories (testdata/stories/*.txt: headline,
// blank line, paragraphs), compiled into wirectl by a genrule so that
// `wirectl bench` has real text without any folder beside it.
#ifndef NEWSWIRE_SERVICES_WIRECTL_BUILTIN_STORIES_H_
#define NEWSWIRE_SERVICES_WIRECTL_BUILTIN_STORIES_H_

#include <vector>

namespace newswire {

struct BuiltinStory {
  const char* name;  // file name, like "story-01.txt"
  const char* text;  // its bytes
};

// In file-name order.
const std::vector<BuiltinStory>& BuiltinStories();

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_WIRECTL_BUILTIN_STORIES_H_
