"""Streamlit entry point: a short router. The pages live in app_pages/, the logic in catalogue/ and search/."""
import streamlit as st

st.set_page_config(page_title="Anti-Trafficking Tech Catalogue", page_icon="🧭", layout="wide")

# st.navigation comes first: a widget drawn before it loses the user's first change (platform notes).
PAGES = [
    st.Page("app_pages/explore.py", title="Explore", url_path="explore", default=True),
    st.Page("app_pages/tool.py", title="Tool", url_path="tool", visibility="hidden"),
    st.Page("app_pages/landscape.py", title="Landscape", url_path="landscape"),
    st.Page("app_pages/gaps.py", title="Gaps", url_path="gaps"),
    st.Page("app_pages/contribute.py", title="Contribute", url_path="contribute"),
    st.Page("app_pages/about.py", title="About", url_path="about"),
]
st.navigation(PAGES).run()
