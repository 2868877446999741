// A safe, read-only XML document for untrusted agency feeds, and a cheap
// root-element sniffer. This is the only code that includes libxml2.
//
//   absl::StatusOr<xml::Document> doc = xml::Document::Parse(bytes);
//   if (!doc.ok()) return doc.status();  // InvalidArgument "xml: ..."
//   for (xml::Node item : doc->Root().Children("newsItem")) { ... }
//
// Parsing never reads the network or a file (no DTD loading, no external
// entities), never substitutes entities declared in a DTD (an entity
// reference stays a reference; only the XML predefined ones, character
// references and a table of common HTML entity names become text), keeps
// libxml2's nesting limit (256) and collects errors per parse, so it is
// thread-safe. A DOCTYPE that declares entities is refused; one that only
// names its DTD, by a URL or any local path, is parsed (the DTD never read). Text is always UTF-8: the declared encoding is honoured, with
// the repairs news feeds need: ISO-8859-1 is read as its superset
// Windows-1252 (0x80-0x9F are quotes and dashes there, controls in Latin-1),
// a document declared Latin-1 whose bytes are valid multi-byte UTF-8 is read
// as UTF-8, stray invalid bytes in a UTF-8 document as Windows-1252, and a
// document declared UTF-16 whose bytes hold no NUL (transcoded to UTF-8 by
// utf16_xml.h, or mislabelled) as UTF-8.
//
// Nodes are cheap views into their Document and must not outlive it.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_DOC_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_DOC_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct _xmlDoc;   // libxml2's xmlDoc
struct _xmlNode;  // libxml2's xmlNode

namespace newswire::xml {

// A node of a parsed Document: an element, a run of text (text or CDATA), an
// entity reference or something else (comment, PI). A default-constructed
// Node is null; every accessor of a null Node returns an empty value.
class Node {
 public:
  Node() = default;

  explicit operator bool() const { return node_ != nullptr; }
  bool IsElement() const;
  bool IsText() const;

  // Local name of an element (without prefix); empty for other nodes.
  absl::string_view Name() const;
  // Namespace URI of an element, empty when it has none.
  absl::string_view Namespace() const;
  // True for an element with local name `name` (case-sensitive).
  bool Is(absl::string_view name) const { return IsElement() && Name() == name; }

  // Value of the attribute with local name `name` (any namespace prefix);
  // nullopt when absent. Entity references in the value are not expanded.
  std::optional<std::string> Attr(absl::string_view name) const;
  // Attr(name), or "" when absent.
  std::string AttrOr(absl::string_view name) const { return Attr(name).value_or(""); }
  // The xml:lang in scope (this element's or the nearest ancestor's).
  std::string Lang() const;

  Node FirstChild() const;
  Node Next() const;
  Node Parent() const;

  // Element children, all or those with local name `name`.
  std::vector<Node> Children(absl::string_view name = {}) const;
  // First element child with local name `name` (null Node when none).
  Node Child(absl::string_view name) const;
  // First element with local name `name` below this one, depth first.
  Node Find(absl::string_view name) const;

  // Text of a text node, or the text of an entity reference this parser
  // resolves (HTML entity names); empty otherwise.
  std::string OwnText() const;
  // OwnText() appended to `out`, without a string of its own.
  void AppendOwnText(std::string* out) const;
  // All descendant text in document order, as it is (not collapsed).
  std::string Text() const;

 private:
  friend class Document;
  explicit Node(const _xmlNode* node) : node_(node) {}
  const _xmlNode* node_ = nullptr;
};

// A parsed XML document. Move-only; owns the libxml2 tree.
class Document {
 public:
  // InvalidArgument "xml: not well-formed: <message> (line N)" for anything
  // libxml2 rejects: malformed markup, entity loops, unsupported encodings.
  // ResourceExhausted "too costly: ..." for a document over the structural
  // limits of xml_limits.h (nesting, attributes per element, namespaces,
  // ...), checked before libxml2 sees it.
  static absl::StatusOr<Document> Parse(absl::string_view bytes);

  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  ~Document();

  Node Root() const;

 private:
  struct FreeDoc {
    void operator()(_xmlDoc* doc) const;
  };
  explicit Document(_xmlDoc* doc);
  std::unique_ptr<_xmlDoc, FreeDoc> doc_;
};

// The root element as a cheap scan of the first bytes sees it: after a BOM,
// the XML declaration, comments, processing instructions and a DOCTYPE.
struct RootElement {
  std::string name;           // local name, "nitf", "newsMessage", "rss"
  std::string namespace_uri;  // of the element's prefix (or default), may be empty
};

// nullopt when the bytes do not start like an XML document (allowing
// whitespace). Looks at no more than the first 64 KiB. Pure and thread-safe.
std::optional<RootElement> SniffRoot(absl::string_view bytes);

// True when the first 8 KiB after the root element's start contain `needle`
// (a cheap look one level deeper, e.g. for "<ListOfRBNews").
bool HeadContains(absl::string_view bytes, absl::string_view needle);

}  // namespace newswire::xml

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_DOC_H_
