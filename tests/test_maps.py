"""Maps and timelines, checked on the Agg backend by inspecting the artists."""

from __future__ import annotations

import datetime as dt
import os
from types import SimpleNamespace

os.environ.setdefault("MPLBACKEND", "agg")

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyArrowPatch
from shapely.geometry import Point, box

from sahel_analysis import data, geo, maps, schema
from sahel_analysis.errors import ParameterError


def _facts(movements=(), places=(), events=(), title="Seed-like", published=dt.date(2022, 2, 17)):
    p = geo.places_geoframe(schema.to_frame("places", list(places)))
    return SimpleNamespace(
        places=p,
        movements=geo.movements_geoframe(schema.to_frame("movements", list(movements)), p),
        events=geo.events_geoframe(schema.to_frame("events", list(events)), p),
        article=SimpleNamespace(title=title, published=published),
    )


SEED_LIKE = {
    "places": [
        {"text": "Mali", "name": "Mali", "kind": "country", "iso3": "MLI"},
        {
            "text": "Paris",
            "name": "Paris",
            "kind": "city",
            "iso3": "FRA",
            "lat": 48.85,
            "lon": 2.35,
        },
        {
            "text": "Bamako",
            "name": "Bamako",
            "kind": "city",
            "iso3": "MLI",
            "lat": 12.65,
            "lon": -8.0,
        },
        {"text": "Niger", "name": "Niger", "kind": "country", "iso3": "NER"},
        {"text": "Chad", "name": "Chad", "kind": "country", "iso3": "TCD"},
    ],
    "movements": [
        {
            "actor": "France",
            "origin_iso3": "MLI",
            "destination_iso3": "NER",
            "status": "announced",
            "troops_low": 2400,
            "troops_high": 2400,
        },
        {
            "actor": "European allies",
            "origin_iso3": "MLI",
            "destination_iso3": "NER",
            "status": "announced",
            "troops_low": 200,
            "troops_high": 900,
        },
    ],
    "events": [
        {"type": "withdrawal", "actor": "France", "location_iso3": "MLI", "date": "2022-02-17"},
        {"type": "election", "actor": "Mali", "location_iso3": "MLI", "date": "2022-02"},
        {"type": "deployment", "actor": "European allies", "location_iso3": "MLI", "date": "2020"},
        {"type": "coup", "location_iso3": "TCD"},
    ],
}


@pytest.fixture(autouse=True, scope="module")
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def seed_like():
    return _facts(**SEED_LIKE)


@pytest.fixture(scope="module")
def seed_map(seed_like):
    return maps.movement_map(seed_like)


def _country(ax, iso3):
    hits = [c for c in ax.collections if c.get_gid() == f"country:{iso3}"]
    assert hits, f"no patch for {iso3}"
    return hits[0]


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def _shape(iso3):
    return data.countries().set_index("iso3").geometry[iso3]


def test_countries_shaded_by_role(seed_map):
    mali = _country(seed_map, "MLI").get_facecolor()[0]
    niger = _country(seed_map, "NER").get_facecolor()[0]
    chad = _country(seed_map, "TCD").get_facecolor()[0]
    assert tuple(mali) == pytest.approx(to_rgba(maps.ROLE_COLOURS["origin"]))
    assert tuple(niger) == pytest.approx(to_rgba(maps.ROLE_COLOURS["destination"]))
    assert tuple(chad) == pytest.approx(to_rgba(maps.ROLE_COLOURS["mentioned"]))


def test_curved_arrow_from_mali_to_niger_labelled_with_actor_and_troops(seed_map):
    arrows = [p for p in seed_map.patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == 2
    for arrow in arrows:
        (x0, y0), (x1, y1) = arrow._posA_posB
        assert _shape("MLI").contains(Point(x0, y0))
        assert _shape("NER").contains(Point(x1, y1))
        assert "arc3" in str(arrow.get_connectionstyle().__class__).lower()
    widths = sorted(a.get_linewidth() for a in arrows)
    assert widths[0] < widths[1], "the larger force should have the wider arrow"
    labels = _texts(seed_map)
    assert any("France: 2,400 troops" in t for t in labels)
    assert any("European allies: 200–900 troops" in t for t in labels)


def test_capitals_and_places_labelled_without_overlap(seed_map):
    labels = [t for t in seed_map.texts if (t.get_gid() or "").startswith("label:")]
    names = {t.get_text() for t in labels}
    assert {"Bamako", "Niamey"} <= names
    assert "Paris" not in names  # outside the extent
    renderer = seed_map.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_legend_credit_graticule_north_scale_and_inset(seed_map):
    legend = [t.get_text() for t in seed_map.get_legend().get_texts()]
    assert "Origin country" in legend and "Destination country" in legend
    assert any(t.startswith("Troop movement") for t in legend)
    assert maps.CREDIT in _texts(seed_map)
    assert "Natural Earth; GeoNames" in maps.CREDIT
    assert any(label.get_text().endswith("°N") for label in seed_map.get_yticklabels())
    assert "N" in _texts(seed_map)
    assert any(t.endswith(" km") for t in _texts(seed_map))
    insets = [a for a in seed_map.child_axes if a.get_gid() == "inset"]
    assert len(insets) == 1
    (x0, x1), (y0, y1) = insets[0].get_xlim(), insets[0].get_ylim()
    assert x0 <= -17 and x1 >= 51 and y0 <= -34 and y1 >= 37  # all of Africa


def test_auto_extent_contains_mali_and_niger_only_with_margin(seed_map):
    (x0, x1), (y0, y1) = seed_map.get_xlim(), seed_map.get_ylim()
    view = box(x0, y0, x1, y1)
    assert view.contains(_shape("MLI")) and view.contains(_shape("NER"))
    assert not view.contains(Point(2.35, 48.85))  # Paris is mentioned, not moved to
    assert x1 - x0 < 45


def test_extent_bbox_region_and_errors(seed_like):
    ax = maps.movement_map(seed_like, extent=(-10, 5, 20, 25))
    assert ax.get_xlim() == (-10, 20) and ax.get_ylim() == (5, 25)
    ax = maps.movement_map(seed_like, extent="Liptako-Gourma", inset=False)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert x0 < -2 and x1 > 1 and y0 < 13 and y1 > 15
    assert maps.map_extent(seed_like, "-10, 5, 20, 25") == (-10, 5, 20, 25)
    with pytest.raises(ParameterError, match=r"parameter 'extent'.*unknown region 'Mordor'"):
        maps.movement_map(seed_like, extent="Mordor")
    with pytest.raises(ParameterError, match="extent"):
        maps.movement_map(seed_like, extent=(20, 5, -10, 25))
    with pytest.raises(ParameterError, match="four numbers"):
        maps.map_extent(seed_like, "1,2,x,4")
    with pytest.raises(ParameterError, match="facts"):
        maps.movement_map(object())


def test_places_only_map():
    facts = _facts(places=SEED_LIKE["places"][:3])
    ax = maps.movement_map(facts)
    assert not [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert "Bamako" in _texts(ax) and "Paris" in _texts(ax)
    assert tuple(_country(ax, "MLI").get_facecolor()[0]) == pytest.approx(
        to_rgba(maps.ROLE_COLOURS["mentioned"])
    )


def test_empty_map_says_so():
    for facts in (None, _facts()):
        ax = maps.movement_map(facts)
        assert "No places or movements were found" in _texts(ax)
        assert maps.CREDIT in _texts(ax)


def test_unlocated_movement_is_noted_not_drawn():
    facts = _facts(movements=[{"actor": "Wagner Group", "destination_iso3": "MLI"}])
    ax = maps.movement_map(facts)
    assert not [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert any("Not drawn: 1 movement" in t for t in _texts(ax))


def test_movement_lines_from_town_to_town():
    places = [
        {"text": "Gao", "name": "Gao", "kind": "city", "iso3": "MLI", "lat": 16.27, "lon": -0.04},
        {
            "text": "Niamey",
            "name": "Niamey",
            "kind": "city",
            "iso3": "NER",
            "lat": 13.51,
            "lon": 2.11,
        },
    ]
    facts = _facts(
        places=places,
        movements=[
            {
                "actor": "France",
                "origin_iso3": "MLI",
                "destination_iso3": "NER",
                "origin": "Gao",
                "destination": "Niamey",
            }
        ],
    )
    ax = maps.movement_map(facts)
    (arrow,) = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert arrow._posA_posB == [(-0.04, 16.27), (2.11, 13.51)]
    assert arrow.get_linestyle() != "-"  # strength not stated: dashed
    assert any("strength not stated" in t for t in _texts(ax))


def test_timeline_precision_and_spans(seed_like):
    ax = maps.timeline(seed_like)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [
        "deployment · European allies · MLI",
        "election · Mali · MLI",
        "withdrawal · France · MLI",
    ]
    bars = {b.get_gid(): b for b in ax.patches}
    year, month = bars["row:0"], bars["row:1"]
    assert year.get_width() == pytest.approx(366)  # 2020 is a leap year
    assert month.get_width() == pytest.approx(28)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"date (day)", "year", "month", "published 2022-02-17"} <= set(legend)
    assert any("3 undated" in t.get_text() for t in ax.texts)  # coup, 2 movements


def test_timeline_movement_span_and_empty():
    facts = _facts(
        movements=[
            {
                "actor": "France",
                "origin_iso3": "NER",
                "destination_iso3": "FRA",
                "date_start": "2023-10",
                "date_end": "2023-12-22",
            }
        ]
    )
    ax = maps.timeline(facts)
    (bar,) = ax.patches
    assert bar.get_width() == pytest.approx(31 + 30 + 22)
    assert "movement span" in [t.get_text() for t in ax.get_legend().get_texts()]
    empty = maps.timeline(None)
    assert "No dated events or movements" in _texts(empty)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-02-16", (dt.date(2022, 2, 16), dt.date(2022, 2, 16), "day")),
        ("2023-SU", (dt.date(2023, 6, 1), dt.date(2023, 8, 31), "season")),
        ("201X", (dt.date(2010, 1, 1), dt.date(2019, 12, 31), "decade")),
        ("2013/2022", (dt.date(2013, 1, 1), dt.date(2022, 12, 31), "interval")),
        ("2023-12", (dt.date(2023, 12, 1), dt.date(2023, 12, 31), "month")),
        ("PXM", None),
        ("X", None),
        (None, None),
        ("2022-13", None),
    ],
)
def test_parse_timex(value, expected):
    assert maps.parse_timex(value) == expected


def test_save_figure_writes_png_and_svg_atomically(tmp_path, seed_map):
    paths = maps.save_figure(seed_map, tmp_path / "movements.png")
    assert [p.name for p in paths] == ["movements.png", "movements.svg"]
    assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = paths[1].read_text()
    assert "<svg" in svg and "Natural Earth" in svg
    assert not list(tmp_path.glob(".tmp-*"))
    with pytest.raises(ParameterError):
        maps.save_figure("not a figure", tmp_path / "x.png")


def test_seed_article_map():
    import sahel_analysis as sa

    facts = sa.extract(sa.read_seed())
    ax = maps.movement_map(facts)
    assert tuple(_country(ax, "MLI").get_facecolor()[0]) == pytest.approx(
        to_rgba(maps.ROLE_COLOURS["origin"])
    )
    assert tuple(_country(ax, "NER").get_facecolor()[0]) == pytest.approx(
        to_rgba(maps.ROLE_COLOURS["destination"])
    )
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert any(
        _shape("MLI").contains(Point(a._posA_posB[0]))
        and _shape("NER").contains(Point(a._posA_posB[1]))
        for a in arrows
    )
    labels = {t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("label:")}
    assert {"Bamako", "Niamey"} <= labels
    assert ax.get_title(loc="left") == facts.article.title


def _inside_figure(fig, artists):
    """The artists whose drawn box sticks out of the saved picture."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    frame = frame.expanded(1.001, 1.001)
    boxes = [(artist, artist.get_window_extent(renderer)) for artist in artists]
    out = [
        artist
        for artist, bb in boxes
        if bb.width and not (frame.contains(bb.x0, bb.y0) and frame.contains(bb.x1, bb.y1))
    ]
    return [a.get_text() if hasattr(a, "get_text") else a for a in out]


def test_map_title_credit_and_graticule_labels_are_inside_the_picture(seed_like):
    ax = maps.movement_map(seed_like, title="A long title for the troop movements map")
    artists = [ax.title, *ax.texts, *ax.get_xticklabels(), *ax.get_yticklabels()]
    assert _inside_figure(ax.figure, artists) == []


def test_timeline_labels_and_legend_are_inside_the_picture():
    events = [
        {
            "type": "withdrawal",
            "actor": "A rather long actor name",
            "location_iso3": iso3,
            "date": date,
        }
        for iso3, date in [("MLI", "2022-08-15"), ("NER", "2023-12"), ("BFA", "2023")]
    ]
    ax = maps.timeline(_facts(events=events))
    legend = ax.get_legend()
    artists = [*ax.get_yticklabels(), *ax.get_xticklabels(), ax.title, legend, *ax.texts]
    assert _inside_figure(ax.figure, artists) == []
    # the plot keeps most of the width for the dates
    assert ax.get_position().width > 0.3
