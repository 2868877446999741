#include "services/ingest/normalize/xml/xml_doc.h"

#include <libxml/entities.h>
#include <libxml/globals.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <map>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/xml/xml_entities.h"
#include "services/ingest/normalize/xml/xml_limits.h"

namespace newswire::xml {
namespace {

// Never DTD loading or validation, never entity substitution, never network,
// never the HUGE limits; errors are collected per parse, never printed.
constexpr int kParseOptions =
    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
    XML_PARSE_COMPACT;
static_assert((kParseOptions & XML_PARSE_HUGE) == 0,
              "libxml2's default limits (depth 256, text 10 MB, names 50,000) must stay on");

void InitLibxmlOnce() {
  static const bool initialized = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialized;
}

// The first error of one parse; the context's userData points at it.
struct ParseErrors {
  bool seen = false;
  int code = 0;
  int line = 0;
  std::string message;
  bool only_undeclared_entities = true;
};

void CollectError(void* user_data, xmlErrorPtr error) {
  if (error == nullptr || error->level < XML_ERR_ERROR) return;
  auto* errors = static_cast<ParseErrors*>(user_data);
  // Past 10,000 references to undeclared entities libxml2 also reports an
  // "entity reference loop": still only undeclared entities (a document
  // that declares any is refused whole after the parse).
  if (error->code != XML_ERR_UNDECLARED_ENTITY && error->code != XML_ERR_ENTITY_LOOP) {
    errors->only_undeclared_entities = false;
  }
  if (errors->seen) return;
  errors->seen = true;
  errors->code = error->code;
  errors->line = error->line;
  std::string message = error->message != nullptr ? error->message : "unknown error";
  message = message.substr(0, message.find('\n'));  // libxml2 adds "Bytes: 0x.." lines
  errors->message = std::string(absl::StripAsciiWhitespace(message));
}

void IgnoreGenericError(void*, const char*, ...) {}

// libxml2 reports a few errors (encoding conversion) without a parser
// context, through the calling thread's own handlers (thread-local in
// libxml2). For the duration of one parse they go to that parse's collector
// instead of stderr; the thread's handlers are restored afterwards.
class ThreadErrorHandlers {
 public:
  explicit ThreadErrorHandlers(ParseErrors* errors)
      : generic_(xmlGenericError),
        generic_context_(xmlGenericErrorContext),
        structured_(xmlStructuredError),
        structured_context_(xmlStructuredErrorContext) {
    xmlSetGenericErrorFunc(nullptr, &IgnoreGenericError);
    xmlSetStructuredErrorFunc(errors, &CollectError);
  }
  ThreadErrorHandlers(const ThreadErrorHandlers&) = delete;
  ThreadErrorHandlers& operator=(const ThreadErrorHandlers&) = delete;
  ~ThreadErrorHandlers() {
    xmlSetGenericErrorFunc(generic_context_, generic_);
    xmlSetStructuredErrorFunc(structured_context_, structured_);
  }

 private:
  xmlGenericErrorFunc generic_;
  void* generic_context_;
  xmlStructuredErrorFunc structured_;
  void* structured_context_;
};

// External entities and subsets are refused even if an option slipped in.
xmlParserInputPtr RefuseEntity(void*, const xmlChar*, const xmlChar*) { return nullptr; }
void IgnoreExternalSubset(void*, const xmlChar*, const xmlChar*, const xmlChar*) {}

struct ParseAttempt {
  xmlDocPtr doc = nullptr;
  ParseErrors errors;
};

ParseAttempt ParseOnce(absl::string_view bytes, const char* forced_encoding) {
  ParseAttempt attempt;
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) {
    attempt.errors.seen = true;
    attempt.errors.only_undeclared_entities = false;
    attempt.errors.message = "out of memory";
    return attempt;
  }
  ctxt->sax->resolveEntity = RefuseEntity;
  ctxt->sax->externalSubset = IgnoreExternalSubset;
  int options = kParseOptions;
  if (forced_encoding != nullptr) options |= XML_PARSE_IGNORE_ENC;
  // serror receives ctxt->userData, which SAX2 tree building needs to be the
  // context itself: reach the collector through _private instead.
  ctxt->_private = &attempt.errors;
  ctxt->sax->serror = [](void* data, xmlErrorPtr error) {
    auto* context = static_cast<xmlParserCtxtPtr>(data);
    CollectError(context->_private, error);
  };
  xmlDocPtr doc;
  bool well_formed;
  {
    ThreadErrorHandlers handlers(&attempt.errors);
    doc = xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()), nullptr,
                            forced_encoding, options);
    well_formed = ctxt->wellFormed != 0;
    xmlFreeParserCtxt(ctxt);
  }
  if (doc != nullptr && !well_formed) {
    xmlFreeDoc(doc);
    doc = nullptr;
  }
  if (doc == nullptr && !attempt.errors.seen) {
    attempt.errors.seen = true;
    attempt.errors.only_undeclared_entities = false;
    attempt.errors.message = "no document element";
  }
  attempt.doc = doc;
  return attempt;
}

// The encoding named in the XML declaration, lower case ("" when none).
std::string DeclaredEncoding(absl::string_view bytes) {
  if (absl::StartsWith(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (!absl::StartsWith(bytes, "<?xml")) return "";
  size_t end = bytes.find("?>");
  if (end == absl::string_view::npos) return "";
  absl::string_view decl = bytes.substr(0, end);
  size_t at = decl.find("encoding");
  if (at == absl::string_view::npos) return "";
  size_t quote = decl.find_first_of("\"'", at);
  if (quote == absl::string_view::npos) return "";
  size_t close = decl.find(decl[quote], quote + 1);
  if (close == absl::string_view::npos) return "";
  return absl::AsciiStrToLower(decl.substr(quote + 1, close - quote - 1));
}

// Encodings whose bytes Windows-1252 reads right (it is what feeds declaring
// ISO-8859-1 really carry: 0x80-0x9F are quotes and dashes, not controls).
bool IsWindows1252Compatible(const std::string& encoding) {
  return encoding == "iso-8859-1" || encoding == "iso8859-1" || encoding == "latin1" ||
         encoding == "latin-1" || encoding == "windows-1252" || encoding == "cp1252";
}

bool HasNonAscii(absl::string_view bytes) {
  for (unsigned char c : bytes) {
    if (c >= 0x80) return true;
  }
  return false;
}

// "&nbsp;" -> "&#160;" for the HTML names the table knows, so that a
// document using them without a DTD parses; XML's own five stay.
std::string NumberHtmlEntities(absl::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '&') {
      // Searched no further than the longest name: linear in ampersands.
      size_t semi = bytes.substr(0, i + 11).find(';', i + 1);
      if (semi != absl::string_view::npos) {
        absl::string_view name = bytes.substr(i + 1, semi - i - 1);
        std::optional<char32_t> cp = HtmlEntityCodePoint(name);
        bool xml_name = name == "amp" || name == "lt" || name == "gt" || name == "quot" ||
                        name == "apos";
        if (cp.has_value() && !xml_name) {
          absl::StrAppend(&out, "&#", static_cast<uint32_t>(*cp), ";");
          i = semi;
          continue;
        }
      }
    }
    out.push_back(bytes[i]);
  }
  return out;
}

// Text of an attribute's or entity reference's value without expanding any
// entity declared in the document.
void AppendNodeText(const xmlNode* node, std::string* out) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (node->content != nullptr) out->append(reinterpret_cast<const char*>(node->content));
  } else if (node->type == XML_ENTITY_REF_NODE && node->name != nullptr) {
    std::optional<std::string> value =
        HtmlEntityText(reinterpret_cast<const char*>(node->name));
    if (value.has_value()) out->append(*value);
  }
}

absl::string_view View(const xmlChar* text) {
  return text == nullptr ? absl::string_view() : reinterpret_cast<const char*>(text);
}

std::string AttrValue(const xmlAttr* attr) {
  std::string value;
  for (const xmlNode* child = attr->children; child != nullptr; child = child->next) {
    AppendNodeText(child, &value);
  }
  return value;
}

}  // namespace

// ---- Node -------------------------------------------------------------------

bool Node::IsElement() const { return node_ != nullptr && node_->type == XML_ELEMENT_NODE; }

bool Node::IsText() const {
  return node_ != nullptr &&
         (node_->type == XML_TEXT_NODE || node_->type == XML_CDATA_SECTION_NODE);
}

absl::string_view Node::Name() const { return IsElement() ? View(node_->name) : ""; }

absl::string_view Node::Namespace() const {
  return IsElement() && node_->ns != nullptr ? View(node_->ns->href) : "";
}

std::optional<std::string> Node::Attr(absl::string_view name) const {
  if (!IsElement()) return std::nullopt;
  for (const xmlAttr* attr = node_->properties; attr != nullptr; attr = attr->next) {
    if (View(attr->name) == name) return AttrValue(attr);
  }
  return std::nullopt;
}

std::string Node::Lang() const {
  for (const xmlNode* node = node_; node != nullptr; node = node->parent) {
    if (node->type != XML_ELEMENT_NODE) continue;
    for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
      if (View(attr->name) == "lang" && attr->ns != nullptr &&
          View(attr->ns->href) == reinterpret_cast<const char*>(XML_XML_NAMESPACE)) {
        return AttrValue(attr);
      }
    }
  }
  return "";
}

Node Node::FirstChild() const {
  if (node_ == nullptr || node_->type == XML_ENTITY_REF_NODE) return Node();
  return Node(node_->children);
}

Node Node::Next() const { return node_ == nullptr ? Node() : Node(node_->next); }

Node Node::Parent() const {
  if (node_ == nullptr || node_->parent == nullptr ||
      node_->parent->type != XML_ELEMENT_NODE) {
    return Node();
  }
  return Node(node_->parent);
}

std::vector<Node> Node::Children(absl::string_view name) const {
  std::vector<Node> children;
  for (Node child = FirstChild(); child; child = child.Next()) {
    if (child.IsElement() && (name.empty() || child.Name() == name)) children.push_back(child);
  }
  return children;
}

Node Node::Child(absl::string_view name) const {
  for (Node child = FirstChild(); child; child = child.Next()) {
    if (child.Is(name)) return child;
  }
  return Node();
}

Node Node::Find(absl::string_view name) const {
  // Iterative, so a deep tree costs no stack.
  if (node_ == nullptr) return Node();
  const xmlNode* node = node_->children;
  while (node != nullptr) {
    if (node->type == XML_ELEMENT_NODE && View(node->name) == name) return Node(node);
    if (node->type == XML_ELEMENT_NODE && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (node != nullptr && node->next == nullptr) {
      node = node->parent;
      if (node == node_) return Node();
    }
    if (node != nullptr) node = node->next;
  }
  return Node();
}

std::string Node::OwnText() const {
  std::string text;
  AppendOwnText(&text);
  return text;
}

void Node::AppendOwnText(std::string* out) const {
  if (node_ != nullptr) AppendNodeText(node_, out);
}

std::string Node::Text() const {
  std::string text;
  if (node_ == nullptr) return text;
  if (node_->type != XML_ELEMENT_NODE) {
    AppendNodeText(node_, &text);
    return text;
  }
  const xmlNode* node = node_->children;
  while (node != nullptr) {
    AppendNodeText(node, &text);
    if (node->type == XML_ELEMENT_NODE && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (node != nullptr && node->next == nullptr) {
      node = node->parent;
      if (node == node_) return text;
    }
    if (node != nullptr) node = node->next;
  }
  return text;
}

// ---- Document -----------------------------------------------------------------

void Document::FreeDoc::operator()(_xmlDoc* doc) const { xmlFreeDoc(doc); }

Document::Document(_xmlDoc* doc) : doc_(doc) {}
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;
Document::~Document() = default;

Node Document::Root() const {
  return doc_ == nullptr ? Node() : Node(xmlDocGetRootElement(doc_.get()));
}

absl::StatusOr<Document> Document::Parse(absl::string_view bytes) {
  if (bytes.size() > static_cast<size_t>(INT_MAX / 2)) {
    return RecordRefused(DlqReason::kTooLarge, "xml: document too large");
  }
  // libxml2 cannot be interrupted: shapes it is superlinear on are refused
  // before it sees them.
  if (absl::Status limits = CheckXmlLimits(bytes); !limits.ok()) return limits;
  InitLibxmlOnce();
  std::string declared = DeclaredEncoding(bytes);
  bool utf8_declared = declared.empty() || declared == "utf-8" || declared == "utf8";
  std::string repaired;
  const char* forced = nullptr;
  bool single_byte = IsWindows1252Compatible(declared) || declared == "iso-8859-15";
  // UTF-16 markup is half NUL bytes; a document declared UTF-16 without any
  // was transcoded to UTF-8 by its reader (utf16_xml.h) or mislabelled.
  const bool utf16_declared = absl::StartsWith(declared, "utf-16") ||
                              absl::StartsWith(declared, "utf16") ||
                              absl::StartsWith(declared, "ucs-2") ||
                              declared == "iso-10646-ucs-2";
  if (utf16_declared && bytes.find('\0') == absl::string_view::npos) {
    if (!text::IsValidUtf8(bytes)) {
      repaired = text::RepairUtf8(bytes);
      bytes = repaired;
    }
    forced = "UTF-8";
  } else if (single_byte && HasNonAscii(bytes) && text::IsValidUtf8(bytes)) {
    forced = "UTF-8";  // the declaration is wrong: these bytes are UTF-8
  } else if (IsWindows1252Compatible(declared) && HasNonAscii(bytes)) {
    repaired = text::Windows1252ToUtf8(bytes);
    bytes = repaired;
    forced = "UTF-8";
  } else if (utf8_declared && !text::IsValidUtf8(bytes)) {
    repaired = text::RepairUtf8(bytes);
    bytes = repaired;
    forced = "UTF-8";
  }
  ParseAttempt attempt = ParseOnce(bytes, forced);
  if (attempt.doc == nullptr && attempt.errors.code == XML_ERR_UNDECLARED_ENTITY &&
      attempt.errors.only_undeclared_entities) {
    // HTML entity names used without a DTD: retry with them as numbers.
    std::string numbered = NumberHtmlEntities(bytes);
    ParseAttempt retry = ParseOnce(numbered, forced);
    if (retry.doc != nullptr) attempt = std::move(retry);
  }
  if (attempt.doc == nullptr) {
    return RecordRefused(DlqReason::kMalformedXml, absl::StrCat("xml: not well-formed: ",
                                                   attempt.errors.message, " (line ",
                                                   attempt.errors.line, ")"));
  }
  if (xmlDocGetRootElement(attempt.doc) == nullptr) {
    xmlFreeDoc(attempt.doc);
    return RecordRefused(DlqReason::kMalformedXml, "xml: no document element");
  }
  // News formats declare no entities of their own. A DOCTYPE that does is
  // an attack (XXE, entity expansion), never a story: refuse it whole rather
  // than parse around it. A DOCTYPE that only names its DTD (`SYSTEM
  // "nitf-3-4.dtd"`, `"../dtd/NewsMLv1.2.dtd"`, `"/etc/passwd"`) is the
  // document's business: the DTD is never read (no DTD loading, external
  // subsets and entities refused above), so the story is parsed whatever
  // path it names. So is NewsML 1's way of naming the NITF DTD it embeds,
  // an external parameter entity (`<!ENTITY % nitf SYSTEM "nitf-3-0.dtd">
  // %nitf;`): its file is never read either, and it expands to nothing.
  if (const xmlDtd* dtd = attempt.doc->intSubset; dtd != nullptr) {
    auto declares = [](void* table) {
      return table != nullptr && xmlHashSize(static_cast<xmlHashTablePtr>(table)) > 0;
    };
    auto only_external_parameter_entities = [](void* table) {
      bool only_external = true;
      xmlHashScan(
          static_cast<xmlHashTablePtr>(table),
          [](void* payload, void* data, const xmlChar*) {
            const auto* entity = static_cast<const xmlEntity*>(payload);
            if (entity == nullptr || entity->etype != XML_EXTERNAL_PARAMETER_ENTITY) {
              *static_cast<bool*>(data) = false;
            }
          },
          &only_external);
      return only_external;
    };
    if (declares(dtd->entities) ||
        (declares(dtd->pentities) && !only_external_parameter_entities(dtd->pentities))) {
      xmlFreeDoc(attempt.doc);
      return RecordRefused(DlqReason::kMalformedXml, "xml: DOCTYPE declares entities: refused");
    }
  }
  return Document(attempt.doc);
}

// ---- Sniffing -------------------------------------------------------------------

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Position after the construct at `pos` ending with `terminator`, or npos.
size_t SkipPast(absl::string_view text, size_t pos, absl::string_view terminator) {
  size_t end = text.find(terminator, pos);
  return end == absl::string_view::npos ? end : end + terminator.size();
}

}  // namespace

std::optional<RootElement> SniffRoot(absl::string_view bytes) {
  constexpr size_t kLimit = 64 * 1024;
  absl::string_view text = bytes.substr(0, kLimit);
  if (absl::StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  size_t pos = 0;
  while (true) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    if (pos >= text.size() || text[pos] != '<') return std::nullopt;
    absl::string_view rest = text.substr(pos);
    if (absl::StartsWith(rest, "<?")) {
      pos = SkipPast(text, pos, "?>");
    } else if (absl::StartsWith(rest, "<!--")) {
      pos = SkipPast(text, pos + 4, "-->");
    } else if (absl::StartsWithIgnoreCase(rest, "<!DOCTYPE")) {
      pos = SkipDoctype(text, pos + 9);
    } else if (absl::StartsWith(rest, "<!")) {
      return std::nullopt;
    } else {
      break;
    }
    if (pos == absl::string_view::npos) return std::nullopt;
  }
  ++pos;  // '<'
  size_t name_end = pos;
  while (name_end < text.size() && !IsSpace(text[name_end]) && text[name_end] != '>' &&
         text[name_end] != '/') {
    ++name_end;
  }
  absl::string_view qname = text.substr(pos, name_end - pos);
  if (qname.empty()) return std::nullopt;
  // Namespace declarations on the root element.
  std::map<std::string, std::string> namespaces;  // prefix ("" default) -> URI
  size_t i = name_end;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i >= text.size() || text[i] == '>' || text[i] == '/') break;
    size_t eq = i;
    while (eq < text.size() && text[eq] != '=' && !IsSpace(text[eq]) && text[eq] != '>') ++eq;
    absl::string_view attr = text.substr(i, eq - i);
    while (eq < text.size() && IsSpace(text[eq])) ++eq;
    if (eq >= text.size() || text[eq] != '=') break;
    size_t quote = eq + 1;
    while (quote < text.size() && IsSpace(text[quote])) ++quote;
    if (quote >= text.size() || (text[quote] != '"' && text[quote] != '\'')) break;
    size_t close = text.find(text[quote], quote + 1);
    if (close == absl::string_view::npos) break;
    absl::string_view value = text.substr(quote + 1, close - quote - 1);
    if (attr == "xmlns") namespaces[""] = std::string(value);
    if (absl::StartsWith(attr, "xmlns:")) namespaces[std::string(attr.substr(6))] = std::string(value);
    i = close + 1;
  }
  RootElement root;
  size_t colon = qname.find(':');
  std::string prefix = colon == absl::string_view::npos ? "" : std::string(qname.substr(0, colon));
  root.name = std::string(colon == absl::string_view::npos ? qname : qname.substr(colon + 1));
  auto it = namespaces.find(prefix);
  if (it != namespaces.end()) root.namespace_uri = it->second;
  return root;
}

bool HeadContains(absl::string_view bytes, absl::string_view needle) {
  return bytes.substr(0, 8 * 1024).find(needle) != absl::string_view::npos;
}

}  // namespace newswire::xml
