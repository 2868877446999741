// Byte generators for hostile raw records, one function per attack shape,
// each parametrised by its size. Pure and deterministic: the same arguments
// always give the same bytes (filler words come from a fixed-seed engine),
// so a failing case can be rebuilt exactly.
//
//   std::string xml = hostile::XmlManyAttributes(150000);
//
// The suite that picks sizes and expectations is hostile_records.h.
#ifndef NEWSWIRE_TESTS_HOSTILE_HOSTILE_GENERATORS_H_
#define NEWSWIRE_TESTS_HOSTILE_HOSTILE_GENERATORS_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace newswire::hostile {

// `piece` `count` times.
std::string Repeat(const std::string& piece, size_t count);
// `count` words of English-looking filler drawn with `seed` (space separated).
std::string FillerWords(size_t count, uint64_t seed);
// About `bytes` bytes of filler text, paragraphs drawn from a small pool so
// that it compresses well (what a compressed oversized record needs).
std::string CompressibleText(size_t bytes, uint64_t seed);
// `bytes` bytes from a fixed-seed engine, every byte value possible.
std::string RandomBytes(size_t bytes, uint64_t seed);
// `text` as a gzip stream (RFC 1952).
std::string Gzip(const std::string& text);

// A small, valid plain-text story: headline line, blank line, paragraphs.
std::string PlainStory(const std::string& headline, uint64_t seed);

// ---- XML (NITF envelopes, so the NITF parser is the one that reads them) --
// A NITF document whose <body.content> holds `content` and whose title and
// hl1 are `headline` (both inserted as given: markup allowed).
std::string Nitf(const std::string& headline, const std::string& content,
                 const std::string& prolog = "");
// `count` distinct attributes on one element.
std::string XmlManyAttributes(size_t count);
// `depth` nested elements inside the body.
std::string XmlDeepNesting(size_t depth);
// `count` empty elements in one paragraph.
std::string XmlTinyElements(size_t count);
// One attribute value of `bytes` bytes.
std::string XmlHugeAttributeValue(size_t bytes);
// `count` namespace declarations on the root.
std::string XmlManyNamespaces(size_t count);
// Classic entity expansion: `levels` levels of ten references each.
std::string XmlBillionLaughs(int levels);
// One entity of `bytes` bytes referenced `references` times.
std::string XmlQuadraticBlowup(size_t bytes, size_t references);
// An external entity pointing at a local file.
std::string XmlExternalEntity();
// A DOCTYPE naming an external DTD (unreachable address).
std::string XmlExternalDtd();
// An XInclude of a local file.
std::string XmlXInclude();
// An element name of `bytes` bytes.
std::string XmlLongElementName(size_t bytes);
// A parameter entity that pulls in an external DTD (unreachable address).
std::string XmlExternalParameterEntity();
// One CDATA section of `bytes` bytes.
std::string XmlHugeCdata(size_t bytes);
// `text` as UTF-16LE with a byte order mark.
std::string Utf16Le(const std::string& ascii_text);

// ---- HTML pages (start with a doctype, so the page parser reads them) -----
// A page with `headline` in <title> and <h1> and `body` after it.
std::string HtmlPage(const std::string& headline, const std::string& body,
                     const std::string& head_extra = "");
std::string HtmlDeepNesting(size_t depth);
// `count` unclosed formatting elements (<b><i><u><s>...), then text: the
// adoption agency algorithm's worst case.
std::string HtmlUnclosedFormatting(size_t count);
std::string HtmlManyAttributes(size_t count);
// One text node of about `bytes` bytes.
std::string HtmlHugeTextNode(size_t bytes);
// A <script> (or <style>) of about `bytes` bytes before a short article.
std::string HtmlScriptBomb(size_t bytes, const std::string& tag);
// `depth` nested tables.
std::string HtmlNestedTables(size_t depth);
// A comment opened and never closed, `bytes` long.
std::string HtmlUnterminatedComment(size_t bytes);

// ---- JSON (ninjs) ----------------------------------------------------------
// A ninjs item: `fields` is spliced into the object as given.
std::string NinjsItem(const std::string& fields);
std::string JsonDeepNesting(size_t depth);
std::string JsonHugeArray(size_t count);

// ---- text ------------------------------------------------------------------
// One line of about `bytes` bytes of words (no newline).
std::string TextSingleLine(size_t bytes);
// A headline then `count` one-word paragraphs.
std::string TextManyParagraphs(size_t count);
// One "word" of `bytes` letters.
std::string TextOneHugeWord(size_t bytes);
// A headline letter carrying `count` combining marks.
std::string TextCombiningMarks(size_t count);

}  // namespace newswire::hostile

#endif  // NEWSWIRE_TESTS_HOSTILE_HOSTILE_GENERATORS_H_
