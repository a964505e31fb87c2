"""Streamlit entry point: a short router. The pages live in app_pages/, the logic in catalogue/ and search/."""
import streamlit as st

from app_pages.i18n import _
from app_pages.navigation import pages

st.set_page_config(page_title=_("Anti-Trafficking Tech Catalogue"), page_icon="🧭", layout="wide")
# st.navigation comes first: a widget drawn before it loses the user's first change (platform notes).
# The language selector is drawn by each page (app_pages/i18n.py), as shared widgets must be.
page = st.navigation(pages())
from app_pages.common import stylesheet  # noqa: E402 - after st.navigation (see above)

stylesheet()
page.run()
