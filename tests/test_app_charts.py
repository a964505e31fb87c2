"""app_pages.charts: figures use accessible colours, keep the table's order, and never fetch a map outline."""
from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from app_pages import charts
from catalogue import analysis
from catalogue.paths import REPO_DIR
from tests.test_analysis import TOOLS


def figure(spec: dict) -> go.Figure:
    """Validate a figure dict the way st.plotly_chart does; an unknown property raises here."""
    return go.Figure(spec)


def test_bundled_outline_is_plotly_world_110m_with_iso3_ids():
    codes = charts.mapped_countries()
    assert len(codes) > 150
    assert {"KEN", "QAT", "IND", "USA", "BRA"} <= codes
    assert "SGP" not in codes  # too small at 110m: the page names such countries under the map
    assert (REPO_DIR / "static" / "README.md").read_text(encoding="utf-8").count("Natural Earth") >= 1


def test_plotly_config_points_maps_at_our_static_folder():
    assert charts.PLOTLY_CONFIG["topojsonURL"] == "/app/static/"
    assert (REPO_DIR / "static" / "world_110m.json").is_file()


def test_world_map_uses_iso3_and_a_sequential_scale():
    table = analysis.deployment_by_country(TOOLS)
    fig = figure(charts.world_map(table))
    trace = fig.data[0]
    assert trace.locationmode == "ISO-3"
    assert list(trace.locations) == ["QAT", "IND", "KEN", "NPL", "USA"]
    assert list(trace.z) == [2, 1, 1, 1, 1]
    assert fig.layout.geo.scope == "world" and fig.layout.geo.resolution == 110
    spec = pio.to_json(fig)
    assert "cdn.plot.ly" not in spec and "http" not in json.loads(spec)["data"][0].get("hovertemplate", "")


def test_bar_chart_keeps_order_prints_counts_and_marks_global_apart():
    table = analysis.count_by(TOOLS, "ilo_region")
    trace = figure(charts.bar_chart(table)).data[0]
    assert list(trace.y) == table["label"].tolist()
    assert list(trace.text) == ["1", "1", "2", "1", "0", "1"]
    colours = list(trace.marker.color)
    assert colours[-1] == charts.OKABE_ITO["orange"]
    assert set(colours[:-1]) == {charts.OKABE_ITO["blue"]}
    assert set(colours) <= set(charts.OKABE_ITO.values())


def test_heatmap_writes_counts_or_markers_in_cells():
    matrix = analysis.coverage_matrix(TOOLS)
    counts = analysis.coverage_counts(matrix)
    grid = analysis.coverage_grid(matrix).set_index("purpose")
    trace = figure(charts.heatmap(counts, "Purpose", "Deployed in", text=grid)).data[0]
    assert trace.colorscale[0][1] != trace.colorscale[-1][1]  # a real scale, resolved by Plotly
    assert list(trace.x)[-1] == "Global (anywhere)"
    row = list(trace.y).index("Worker voice")
    column = list(trace.x).index("Europe and Central Asia")
    assert trace.text[row][column] == "0 ✗ none"
    assert trace.z[row][column] == 0


def test_grouped_bars_say_no_figure_where_data_is_missing():
    frame = pd.DataFrame({"region": ["A", "B"], "per_million": [1.234, float("nan")]})
    trace = figure(charts.grouped_bars(frame, "region", {"per_million": "Per million"}, "x")).data[0]
    assert list(trace.text) == ["1.23", "no figure"]
    assert list(trace.x) == [1.23, 0]  # an empty bar, labelled, not a gap in the axis
    assert trace.name == "Per million"


def test_every_figure_is_a_valid_plotly_spec():
    matrix = analysis.developed_vs_deployed(TOOLS).set_index("developed_in")
    specs = [charts.year_chart(analysis.launches_per_year(TOOLS).table), charts.heatmap(matrix, "a", "b"),
             charts.grouped_bars(analysis.need_coverage(TOOLS), "ilo_region",
                                 {"tools_per_million_people": "a", "tools_per_million_forced_labour": "b"}, "x")]
    for spec in specs:
        assert figure(spec).to_plotly_json()["data"]
    assert figure(specs[2]).layout.showlegend is True and figure(specs[0]).layout.showlegend is False


def test_count_colour_bars_tick_whole_numbers():
    assert charts._count_colorbar([1, 2])["dtick"] == 1
    assert charts._count_colorbar([30, 2])["dtick"] == 5
    assert charts._count_colorbar([])["dtick"] == 1
    bar = figure(charts.world_map(analysis.deployment_by_country(TOOLS))).data[0].colorbar
    assert bar.tickformat == "d" and bar.dtick == 1
