"""Streamlit entry point: a short router. The pages live in app_pages/, the logic in catalogue/ and search/."""
import streamlit as st

st.set_page_config(page_title="Anti-Trafficking Tech Catalogue", page_icon="🧭", layout="wide")

# The default page is served at `/` but reserves its url_path too: "home" keeps `/explore` free.
EXPLORE = st.Page("app_pages/explore.py", title="Explore", url_path="home", default=True)


def explore_permalink() -> None:
    # The default page answers only at `/`; `/explore?...` (a documented permalink form) would show
    # "Page not found". This hidden page hands its parameters on to the real one.
    st.switch_page(EXPLORE, query_params={key: st.query_params.get_all(key) for key in st.query_params})


# st.navigation comes first: a widget drawn before it loses the user's first change (platform notes).
PAGES = [
    EXPLORE,
    st.Page(explore_permalink, title="Explore (permalink)", url_path="explore", visibility="hidden"),
    st.Page("app_pages/tool.py", title="Tool", url_path="tool", visibility="hidden"),
    st.Page("app_pages/landscape.py", title="Landscape", url_path="landscape"),
    st.Page("app_pages/gaps.py", title="Gaps", url_path="gaps"),
    st.Page("app_pages/contribute.py", title="Contribute", url_path="contribute"),
    st.Page("app_pages/about.py", title="About", url_path="about"),
]
page = st.navigation(PAGES)
from app_pages.common import stylesheet  # noqa: E402 - after st.navigation (see above)

stylesheet()
page.run()
