"""The app's URL schema, built the way the frame builds it: from every page's declaration."""

from __future__ import annotations

from components.page_spec import params_by_page
from components.url_state import UrlSchema
from pages import declared

PAGES = {page.id: page for page in declared()}
SCHEMA = UrlSchema(params_by_page(tuple(PAGES.values())))
SECTION_PARAMS = {page.id: page.section_param for page in PAGES.values() if page.section_param is not None}
ALL_PARAMS = SCHEMA.all
parse_query = SCHEMA.parse
to_query = SCHEMA.to_query
