#include "tests/fuzz/input_mutator.h"

#include <algorithm>

#include "absl/strings/string_view.h"

namespace newswire::fuzz {
namespace {

// Single bytes that mean something to one of the formats.
constexpr char kSpecialBytes[] = {'<', '>', '&', '{', '}', '[', '"', '\\', '\0', '\xFF',
                                  '\x01', '\x02', '\x03', '\x04', '\x16', '\x1F', '\x1E',
                                  '^', '=', '\n', '\r', '\t', '\xC3', '\xE2', '\x80'};

// Fragments that have broken parsers before: entities that name nothing or
// invalid code points, CDATA edges, DTD tricks, JSON escapes of surrogates,
// control characters spelled as references, overlong UTF-8.
constexpr absl::string_view kFragments[] = {
    "&#0;", "&#x0;", "&#xD800;", "&#1114112;", "&#x110000;", "&#99999999999;", "&amp;",
    "&lt;", "&nbsp;", "&unknown;", "&#", "&", "]]>", "<![CDATA[", "<!-- ", "-->",
    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>", "&b;",
    "<!ENTITY x SYSTEM \"file:///etc/passwd\">", "<?xml version=\"1.0\" encoding=\"EBCDIC\"?>",
    "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>", "\\u0000", "\\ud800", "\\udc00x",
    "\\uD83D\\uDE00", "\"\":", ",null", "[[[[[[[[", "{\"a\":{\"b\":{", "\xC0\x80", "\xED\xA0\x80",
    "\xF4\x90\x80\x80", "\xEF\xBB\xBF", "\xC2\x85", "\xE2\x80\xA8", "\x16\x16\x01", "\x02^",
    "<\r\n", " (AP) _ ", "WASHINGTON (AP) --", "\x03", "</p><p>", "<br/>", "<p>", "</body>",
    "<html><body>", "<script>", "<table><tr><td>", "=\r\n", "<\r\n^", "1stLd-Writethru",
    "T99:99:99Z", "2022-13-45T25:61:61+99:99", "99999999T999999", "-0001-01-01T00:00:00Z"};

// Tags to nest or repeat when the input has none to copy.
constexpr absl::string_view kTags[] = {"<p>", "<div>", "<b>", "<block>", "<a>", "<x:y>"};

}  // namespace

size_t InputMutator::Below(size_t n) {
  if (n == 0) return 0;
  return static_cast<size_t>(random_() % n);
}

std::string InputMutator::Mutate(const std::string& input, const std::vector<std::string>& others,
                                 size_t max_size) {
  std::string data = input;
  size_t edits = 1 + Below(4);
  for (size_t i = 0; i < edits; ++i) {
    EditOnce(data, others);
    if (data.size() > max_size) data.resize(max_size);
  }
  return data;
}

void InputMutator::EditOnce(std::string& data, const std::vector<std::string>& others) {
  size_t at = Below(data.size() + 1);
  switch (Below(10)) {
    case 0: {  // flip a few bytes
      for (size_t n = 1 + Below(8); n > 0 && !data.empty(); --n) {
        data[Below(data.size())] ^= static_cast<char>(1 + Below(255));
      }
      break;
    }
    case 1:  // truncate
      data.resize(at);
      break;
    case 2: {  // insert a byte that means something to some format, maybe many times
      char c = kSpecialBytes[Below(sizeof(kSpecialBytes))];
      data.insert(at, Below(4) == 0 ? 1 + Below(4096) : 1, c);
      break;
    }
    case 3: {  // insert a hostile fragment
      absl::string_view fragment = kFragments[Below(std::size(kFragments))];
      data.insert(at, fragment.data(), fragment.size());
      break;
    }
    case 4: {  // repeat a tag of the input (or a stock one) many times: deep nesting
      std::string tag(kTags[Below(std::size(kTags))]);
      size_t open = data.find('<', Below(data.size() + 1));
      if (open != std::string::npos) {
        size_t close = data.find('>', open);
        if (close != std::string::npos && close - open < 64) tag = data.substr(open, close - open + 1);
      }
      size_t copies = 1 + Below(Below(2) == 0 ? 16 : 20000);
      std::string repeated;
      repeated.reserve(tag.size() * copies);
      for (size_t i = 0; i < copies; ++i) repeated += tag;
      data.insert(at, repeated);
      break;
    }
    case 5: {  // delete a range
      size_t length = Below(std::min<size_t>(data.size() - std::min(at, data.size()), 512) + 1);
      data.erase(std::min(at, data.size()), length);
      break;
    }
    case 6: {  // duplicate a chunk of the input
      if (data.empty()) break;
      size_t from = Below(data.size());
      size_t length = 1 + Below(std::min<size_t>(data.size() - from, 1024));
      std::string chunk = data.substr(from, length);
      data.insert(at, chunk);
      break;
    }
    case 7: {  // splice in part of another seed
      if (others.empty()) break;
      const std::string& other = others[Below(others.size())];
      if (other.empty()) break;
      size_t from = Below(other.size());
      size_t length = 1 + Below(std::min<size_t>(other.size() - from, 4096));
      data.insert(at, other, from, length);
      break;
    }
    case 8: {  // overwrite bytes with random ones
      size_t end = std::min(data.size(), at + 1 + Below(16));
      for (size_t i = at; i < end; ++i) data[i] = static_cast<char>(Below(256));
      break;
    }
    default: {  // one very long line
      data.insert(at, 1 + Below(200000), static_cast<char>('a' + Below(26)));
      break;
    }
  }
}

}  // namespace newswire::fuzz
