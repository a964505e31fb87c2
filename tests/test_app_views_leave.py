"""Every view can leave the app (issue 12): downloads of the current results, a link to the view,
chart images that say what they show, readable CSVs, cards that name countries."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import charts
from app_pages.common import describe_selection
from app_pages.state import ViewState
from tests.test_app_explore_tool import app, texts  # noqa: F401


def test_results_downloads_are_offered_for_any_non_empty_view(app):  # noqa: F811
    # Their content is made only on a click (a callable), so the browser test checks what they hold.
    app.query_params["technology"] = "mobile_app"
    app.run()
    assert not app.exception
    keys = [button.key for button in app.download_button]
    assert "download_results_csv" in keys and "download_results_json" in keys


def test_copy_link_holds_the_view_parameters(app):  # noqa: F811
    app.query_params["q"] = "hotline"
    app.query_params["ilo_region"] = "Africa"
    app.run()
    link = next(code.value for code in app.code if "q=hotline" in code.value)
    assert "ilo_region=Africa" in link


def test_cards_name_up_to_three_countries(app):  # noqa: F811
    app.run()
    captions = [c.value.replace("\\", "") for c in app.caption]
    assert any("Kenya, Qatar" in text for text in captions), captions


def test_selection_in_words():
    state = ViewState(query="fishing", filters={"ilo_region": ("Africa",), "sector": ("fishing_seafood",)},
                      launched_from=2015, launched_to=2020)
    text = describe_selection(state, 4, 400)
    assert text.startswith("4 of 400 tools matching “fishing”")
    assert "ILO region: Africa" in text and "Sector: Fishing" in text and "launched 2015–2020" in text


def test_a_saved_chart_image_carries_title_source_selection_and_date():
    figure = charts.bar_chart(pd.DataFrame({"label": ["A"], "tools": [3]}))
    captioned = charts.with_caption(figure, "Tools by purpose", "3 of 9 tools", today=dt.date(2026, 11, 27))
    assert captioned["layout"]["title"]["text"] == "Tools by purpose"
    note = captioned["layout"]["annotations"][-1]["text"]
    assert "Anti-Trafficking Tech Catalogue" in note and "27 November 2026" in note and "3 of 9 tools" in note
    assert figure["layout"].get("title") is None  # the original is left alone


def test_csv_tables_use_labels_rounded_numbers_and_no_none():
    table = pd.DataFrame({"ilo_region": ["Africa", "Arab States"], "tools_per_million_people": [1.23456, None],
                          "region_purpose": ["x", None]})
    frame = charts.readable_table(
        table, {"tools_per_million_people": st.column_config.NumberColumn("Tools per million")})
    assert list(frame.columns) == ["Ilo region", "Tools per million", "Region purpose"]
    assert frame.iloc[0, 1] == 1.23 and frame.iloc[1, 1] == "" and frame.iloc[1, 2] == ""
