#include "services/ingest/normalize/page/page_formats.h"

#include "services/ingest/normalize/page/html_page.h"
#include "services/ingest/normalize/page/page_text.h"

namespace newswire {

std::vector<FormatParser> PageFormatParsers() {
  return {
      {v1::SOURCE_FORMAT_HTML_PAGE, &LooksLikeHtmlPage, &ParseHtmlPage},
      {v1::SOURCE_FORMAT_PAGE_TEXT, &LooksLikePageText, &ParsePageText},
  };
}

}  // namespace newswire
