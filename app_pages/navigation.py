"""The pages of the app and their titles in the interface language, for app.py's st.navigation."""
from __future__ import annotations

import streamlit as st

from app_pages.i18n import _

#: url_path of the default page: it is served at `/` but reserves its url_path too; "home" keeps `/explore` free.
HOME = "home"


def explore_permalink() -> None:
    # The default page answers only at `/`; `/explore?...` (a documented permalink form) would show
    # "Page not found". This hidden page hands its parameters on to the real one.
    st.switch_page(pages()[0], query_params={key: st.query_params.get_all(key) for key in st.query_params})


def pages() -> list:
    """Every page, the default first; titles are translated, url paths never change."""
    return [
        st.Page("app_pages/explore.py", title=_("Explore"), url_path=HOME, default=True),
        st.Page(explore_permalink, title=_("Explore (permalink)"), url_path="explore", visibility="hidden"),
        st.Page("app_pages/tool.py", title=_("Tool"), url_path="tool", visibility="hidden"),
        st.Page("app_pages/landscape.py", title=_("Landscape"), url_path="landscape"),
        st.Page("app_pages/gaps.py", title=_("Gaps"), url_path="gaps"),
        st.Page("app_pages/contribute.py", title=_("Contribute"), url_path="contribute"),
        st.Page("app_pages/about.py", title=_("About"), url_path="about"),
    ]
