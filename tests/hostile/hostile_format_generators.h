// Byte generators aimed at the code of one source format each (NewsML-G2,
// NITF, NewsML 1.2, Ritzau, RSS/Atom, ninjs, AP Media JSON, ANPA-1312,
// IPTC 7901, HTML pages, page text) and at the stages after the parser
// (tagging, fingerprints): many items in one record, many paragraphs,
// subjects or links, long header lines, missing terminators. Pure and
// deterministic like hostile_generators.h; sizes are arguments.
//
//   std::string feed = hostile::RssFeed(100000, /*description=*/"");
#ifndef NEWSWIRE_TESTS_HOSTILE_HOSTILE_FORMAT_GENERATORS_H_
#define NEWSWIRE_TESTS_HOSTILE_HOSTILE_FORMAT_GENERATORS_H_

#include <cstddef>
#include <string>

namespace newswire::hostile {

// `count` distinct lower-case letter words ("a" ... "zz" ...), space separated.
std::string DistinctWords(size_t count);

// ---- NewsML-G2 -------------------------------------------------------------
// One text newsItem: `headline` (markup allowed), `subjects` <subject>
// elements, `body` inside its XHTML body.
std::string G2Item(const std::string& headline, const std::string& body, size_t subjects = 0,
                   size_t id = 0);
// A newsMessage with `items` small text newsItems.
std::string G2Message(size_t items);

// ---- NewsML 1.2 ------------------------------------------------------------
// A NewsML document with `items` NewsItems, each with `paragraphs` <p>.
std::string NewsMl1(size_t items, size_t paragraphs);

// ---- Ritzau ----------------------------------------------------------------
// A ListOfRBNews with `items` RBNews, each with `content` (escaped HTML).
std::string RitzauList(size_t items, const std::string& content);

// ---- RSS / Atom -------------------------------------------------------------
// An RSS 2.0 channel with `items` items, each described by `description`.
std::string RssFeed(size_t items, const std::string& description);
// An Atom feed with `entries` entries.
std::string AtomFeed(size_t entries);

// ---- JSON ------------------------------------------------------------------
// A top-level array of `items` small ninjs items.
std::string NinjsArray(size_t items);
// An AP Media feed envelope with `items` text items.
std::string ApMediaFeed(size_t items);

// ---- wire text -------------------------------------------------------------
// An ANPA-1312 message: SYN SYN SOH header, STX, `body`, and ETX/EOT only
// when `terminated`.
std::string Anpa(const std::string& body, bool terminated = true);
// An IPTC 7901 message: SOH, header line `header`, STX, `body`, ETX when
// `terminated`.
std::string Iptc7901(const std::string& header, const std::string& body, bool terminated = true);
// `count` ANPA messages back to back in one record.
std::string AnpaTakes(size_t count);

// ---- HTML pages ------------------------------------------------------------
// A page with `count` links in a list before its article.
std::string HtmlManyLinks(size_t count);
// `depth` nested <ul><li> lists.
std::string HtmlNestedLists(size_t depth);
// A page whose head holds `count` conflicting <meta charset> declarations.
std::string HtmlManyCharsets(size_t count);

}  // namespace newswire::hostile

#endif  // NEWSWIRE_TESTS_HOSTILE_HOSTILE_FORMAT_GENERATORS_H_
