"""Reports: parameterised notebooks run by papermill, exported to HTML, with data files.

The last stage of the pipeline. :func:`run_reports` executes a notebook template (by
default ``article_report.ipynb``) once per article with papermill, in parallel
processes, and writes for each article a directory ``<out_dir>/<id>/`` holding the
executed ``report.ipynb``, ``report.html`` (no code, images embedded), the map as
``movements.png``/``movements.svg``, the facts as ``facts.gpkg``, ``movements.geojson``
and one CSV per table; ``<out_dir>/index.html`` links the reports of the run.

The notebooks hold no logic: they call the rendering functions of this module
(:func:`summary_paragraph`, :func:`fact_sheet_html`, :func:`write_data`...) and of
:mod:`sahel_analysis.maps`. Templates are looked up in the checkout's ``notebooks/``
directory, else in the copy shipped inside the package; :data:`TEMPLATES` lists them.

Examples
--------
>>> from sahel_analysis import reports, schema
>>> sorted(reports.TEMPLATES)
['article', 'corpus']
>>> sorted(reports.notebook_parameters("article"))
['article', 'extent', 'facts', 'model', 'output_dir', 'published', 'source', 'title']
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import html
import math
import os
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_analysis.atomic import atomic_path, remove_stale, write_text
from sahel_analysis.errors import ArticleError, ParameterError, ReportError

__all__ = [
    "TEMPLATES",
    "ReportResult",
    "ReportRun",
    "Template",
    "article_header_html",
    "export_html",
    "fact_sheet_html",
    "files_html",
    "load_article",
    "load_facts",
    "notebook_parameters",
    "notebook_path",
    "run_reports",
    "summary_html",
    "summary_paragraph",
    "validate_parameters",
    "write_data",
]

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT_NOTEBOOKS = _PACKAGE.parent / "notebooks"
_PACKAGED_NOTEBOOKS = _PACKAGE / "notebooks"
_HTML_TEMPLATE = _PACKAGE / "templates" / "report.html.j2"
KERNEL = "python3"


# --------------------------------------------------------------------------- templates
@dataclass(frozen=True)
class Template:
    """A notebook template :func:`run_reports` knows how to run.

    Parameters
    ----------
    notebook : str
        File name in ``notebooks/`` (or a path to any notebook with a ``parameters``
        cell).
    input_parameter : str
        Notebook parameter that receives the input path (per-input templates) or the
        list of input paths (``per_input=False``).
    output_parameter : str
        Notebook parameter that receives the report's output directory.
    per_input : bool
        One report per input path (``article``) or one report for all of them
        (a corpus report).
    facts_parameter : str or None
        Notebook parameter that receives the facts :func:`run_reports` extracted in
        its own process (the JSON export), so that kernels need not load the language
        pipeline; None for templates that read no article.
    description : str
        One line for ``--help`` and error messages.
    """

    notebook: str
    input_parameter: str = "article"
    output_parameter: str = "output_dir"
    per_input: bool = True
    description: str = ""
    facts_parameter: str | None = None


#: Known report templates by name. A corpus template registers itself here with
#: ``per_input=False``.
TEMPLATES: dict[str, Template] = {
    "article": Template(
        "article_report.ipynb",
        description="one report per article: summary, map, timeline, facts with evidence",
        facts_parameter="facts",
    ),
    "corpus": Template(
        "corpus_report.ipynb",
        input_parameter="store",
        per_input=False,
        description="one report on a fact store (give its directory as the input): "
        "reconciled movements map, troop levels, events timeline, conflicts, sources",
    ),
}


def notebook_path(name: str) -> Path:
    """Return the path of notebook ``name``, from the checkout or the installed package.

    A repository checkout's ``notebooks/`` directory wins (so edits made in JupyterLab
    take effect); an installed package uses the identical copy shipped in
    ``sahel_analysis/notebooks/``.

    Parameters
    ----------
    name : str
        File name such as ``"article_report.ipynb"``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ReportError
        When neither location has the notebook.

    Examples
    --------
    >>> notebook_path("article_report.ipynb").name
    'article_report.ipynb'
    """
    for folder in (_CHECKOUT_NOTEBOOKS, _PACKAGED_NOTEBOOKS):
        if (folder / name).is_file():
            return folder / name
    raise ReportError(
        f"notebook {name!r} is neither in {_CHECKOUT_NOTEBOOKS} nor in {_PACKAGED_NOTEBOOKS}; "
        "reinstall sahel-analysis or restore the file"
    )


def _template(template: str | os.PathLike[str] | Template) -> tuple[Template, Path]:
    if isinstance(template, Template):
        return template, Path(template.notebook) if Path(
            template.notebook
        ).is_file() else notebook_path(template.notebook)
    if isinstance(template, str) and template in TEMPLATES:
        spec = TEMPLATES[template]
        return spec, notebook_path(spec.notebook)
    path = Path(template)
    if path.suffix == ".ipynb" and path.is_file():
        return Template(str(path)), path
    raise ParameterError(
        "template",
        f"{str(template)!r} is neither a known template ({', '.join(TEMPLATES)}) nor an "
        "existing .ipynb file",
    )


# --------------------------------------------------------------------------- parameters
def notebook_parameters(
    template: str | os.PathLike[str] | Template = "article",
) -> dict[str, dict[str, Any]]:
    """Return the parameters a template's ``parameters`` cell declares.

    Parameters
    ----------
    template : str, path or Template
        A name from :data:`TEMPLATES` or a notebook path.

    Returns
    -------
    dict
        Parameter name to ``{name, inferred_type_name, default, help}`` as
        :func:`papermill.inspect_notebook` returns them.

    Examples
    --------
    >>> notebook_parameters("article")["extent"]["inferred_type_name"]
    'str'
    """
    _spec, path = _template(template)
    try:
        declared = _inspect(str(path), path.stat().st_mtime_ns)
    except Exception as exc:  # unreadable JSON, no kernelspec...
        raise ParameterError(
            "template",
            f"cannot read the parameters of {path}: {exc}; the notebook needs a "
            "kernelspec (python3) and a cell tagged 'parameters'",
        ) from exc
    return {name: dict(spec) for name, spec in declared.items()}


@cache
def _inspect(path: str, mtime_ns: int) -> dict[str, dict[str, Any]]:
    """Papermill's reading of a notebook's parameters, once per version of the file."""
    import papermill

    return papermill.inspect_notebook(path)


def _declared_types(declared: Mapping[str, Any]) -> tuple[type, ...] | None:
    """Python types a parameter accepts; None when anything goes."""
    name = str(declared.get("inferred_type_name") or "None").replace(" ", "")
    optional = False
    if name.startswith("Optional[") and name.endswith("]"):
        name, optional = name[len("Optional[") : -1], True
    parts = [p for p in name.split("|") if p]
    if "None" in parts:
        optional = True
        parts = [p for p in parts if p != "None"]
    if not parts:  # no annotation: infer from the default's literal
        try:
            default = ast.literal_eval(str(declared.get("default")))
        except (ValueError, SyntaxError):
            return None
        if default is None:
            return None
        parts = [type(default).__name__]
    known = {
        "str": (str,),
        "int": (int,),
        "float": (int, float),
        "bool": (bool,),
        "list": (list, tuple),
        "dict": (dict,),
    }
    types: tuple[type, ...] = ()
    for part in parts:
        if part not in known:
            return None
        types += known[part]
    return types + ((type(None),) if optional else ())


def _describe(parameters: Mapping[str, Mapping[str, Any]]) -> str:
    items = []
    for name, p in parameters.items():
        help_text = f" - {p['help']}" if p.get("help") else ""
        items.append(
            f"{name} ({p.get('inferred_type_name')}, default {p.get('default')}{help_text})"
        )
    return "; ".join(items) or "none"


def validate_parameters(
    template: str | os.PathLike[str] | Template,
    parameters: Mapping[str, Any],
    required: Sequence[str] = (),
) -> dict[str, Any]:
    """Check ``parameters`` against a template's ``parameters`` cell, before any kernel runs.

    Parameters
    ----------
    template : str, path or Template
        A name from :data:`TEMPLATES` or a notebook path.
    parameters : mapping
        Values to inject. Paths are turned into strings.
    required : sequence of str
        Names the notebook must declare (the input and output parameters).

    Returns
    -------
    dict
        The parameters, ready for papermill.

    Raises
    ------
    ParameterError
        For an unknown parameter, one the notebook lacks, or a value of the wrong type;
        the message lists the notebook's parameters with their types and defaults.

    Examples
    --------
    >>> validate_parameters("article", {"extent": "Sahel"})
    {'extent': 'Sahel'}
    >>> validate_parameters("article", {"zoom": 3})
    Traceback (most recent call last):
    ...
    sahel_analysis.errors.ParameterError: parameter 'zoom': article_report.ipynb has no such ...
    """
    spec, path = _template(template)
    declared = notebook_parameters(spec)
    if not declared:
        raise ParameterError(
            "template",
            f"{path} has no cell tagged 'parameters'; tag the cell that sets the "
            "notebook's parameters (papermill needs it)",
        )
    listing = f"its parameters are: {_describe(declared)}"
    for name in required:
        if name not in declared:
            raise ParameterError(name, f"{path.name} does not declare it; {listing}")
    clean = {}
    for name, value in parameters.items():
        if name not in declared:
            raise ParameterError(name, f"{path.name} has no such parameter; {listing}")
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
        types = _declared_types(declared[name])
        wrong_bool = isinstance(value, bool) and bool not in (types or (bool,))
        if types is not None and (not isinstance(value, types) or wrong_bool):
            raise ParameterError(
                name,
                f"{path.name} expects {declared[name]['inferred_type_name']}, got "
                f"{type(value).__name__} {value!r}; {listing}",
            )
        clean[name] = value
    return clean


# --------------------------------------------------------------------------- loading
def _blank(value: str | None) -> str | None:
    return value if value else None


def load_article(
    article: str | os.PathLike[str] = "",
    *,
    published: str = "",
    source: str = "",
    title: str = "",
) -> Any:
    """Read an article for a report; empty strings mean "not given".

    Parameters
    ----------
    article : str or path
        Article file; ``""`` reads the embedded seed article.
    published, source, title : str
        Metadata overriding the article's own; ``""`` keeps it.

    Returns
    -------
    Article

    Examples
    --------
    >>> load_article("").source
    'Brussels Morning Newspaper'
    """
    from sahel_analysis.article import read_article, seed_path

    path = Path(article) if article else seed_path()
    return read_article(
        path, published=_blank(published), source=_blank(source), title=_blank(title)
    )


def load_facts(
    article: str | os.PathLike[str] = "",
    *,
    published: str = "",
    source: str = "",
    title: str = "",
    model: str = "",
    facts: str | os.PathLike[str] = "",
) -> Any:
    """Read an article and extract its facts; empty strings mean "not given".

    Parameters
    ----------
    article : str or path
        Article file; ``""`` is the embedded seed article.
    published, source, title : str
        Metadata overriding the article's own.
    model : str
        Installed spaCy pipeline to add under the rules; ``""`` for the rules alone.
    facts : str or path
        Facts already extracted (the JSON export, as :func:`run_reports` writes it);
        when given, they are read instead of extracting the article again.

    Returns
    -------
    ArticleFacts

    Examples
    --------
    >>> load_facts("").movements["destination_iso3"].tolist()[:1]
    ['NER']
    """
    from sahel_analysis.facts import ArticleFacts, extract

    if facts:
        return ArticleFacts.read_json(facts)
    art = load_article(article, published=published, source=source, title=title)
    return extract(art, model=_blank(model))


# --------------------------------------------------------------------------- rendering
def _value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    return value


def _long_date(value: dt.date | None) -> str | None:
    return None if value is None else f"{value.day} {value:%B %Y}"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def summary_paragraph(facts: Any) -> str:
    """Summarise an article's facts in one plain-text paragraph.

    Says who reported what and when, each troop movement (actor, strength, origin,
    destination, status), what else the article holds (places, troop strengths,
    events, dates, quotes) and its first quotation.

    Parameters
    ----------
    facts : ArticleFacts

    Returns
    -------
    str
        Plain text; escape it before putting it in HTML (:func:`summary_html` does).

    Examples
    --------
    >>> from sahel_analysis import extract
    >>> facts = extract("French troops left Mali for Niger on Monday.", published="2022-08-17")
    >>> print(summary_paragraph(facts))  # doctest: +NORMALIZE_WHITESPACE
    An article of 17 August 2022 reports one troop movement: France from Mali to Niger.
    It names 2 places in 2 countries (Mali, Niger), 1 event (withdrawal) and 1 time
    expression.
    """
    from sahel_analysis import data
    from sahel_analysis.maps import troop_range

    names = data.country_names()
    a = facts.article
    who = a.source or "An article"
    when = _long_date(a.published)
    lead = (
        f"{who} reports"
        if not when
        else (f"{who} ({when}) reports" if a.source else f"An article of {when} reports")
    )
    sentences = []
    moves = []
    for row in facts.movements.itertuples(index=False):
        actor = _value(row.actor) or "an unnamed force"
        strength = troop_range(row.troops_low, row.troops_high)
        origin = names.get(_value(row.origin_iso3) or "", _value(row.origin))
        destination = names.get(_value(row.destination_iso3) or "", _value(row.destination))
        text = actor + (f" ({strength})" if strength else "")
        text += f" from {origin}" if origin else ""
        text += f" to {destination}" if destination else ""
        status = _value(row.status)
        if status and status != "completed":
            text += f", {str(status).replace('_', ' ')}"
        moves.append(text)
    if moves:
        count = "one troop movement" if len(moves) == 1 else f"{len(moves)} troop movements"
        sentences.append(f"{lead} {count}: {'; '.join(moves)}.")
    else:
        sentences.append(f"{lead} no troop movement.")
    parts = []
    places = facts.places
    if len(places):
        countries = sorted({names.get(i, i) for i in places["iso3"].dropna()})
        shown = ", ".join(countries[:6]) + (", …" if len(countries) > 6 else "")
        where = (
            f" in {_plural(len(countries), 'country', 'countries')} ({shown})" if countries else ""
        )
        parts.append(f"{_plural(len(places), 'place')}{where}")
    if len(facts.troops):
        parts.append(_plural(len(facts.troops), "troop strength"))
    if len(facts.events):
        types = list(dict.fromkeys(str(t) for t in facts.events["type"].dropna()))
        parts.append(f"{_plural(len(facts.events), 'event')} ({', '.join(types)})")
    if len(facts.timexes):
        parts.append(_plural(len(facts.timexes), "time expression"))
    if len(facts.quotes):
        parts.append(_plural(len(facts.quotes), "quotation"))
    if parts:
        sentences.append(f"It names {_join(parts)}.")
    if len(facts.quotes):
        first = facts.quotes.iloc[0]
        quote = str(first["text"]).strip()
        quote = quote if len(quote) <= 140 else quote[:139].rstrip() + "…"
        speaker = _value(first["speaker"])
        sentences.append(f"{speaker or 'An unnamed speaker'} is quoted: “{quote}”.")
    return " ".join(sentences)


def summary_html(facts: Any) -> str:
    """Return :func:`summary_paragraph` as an escaped HTML paragraph.

    Examples
    --------
    >>> from sahel_analysis import extract
    >>> summary_html(extract("<b>Niger</b> said so."))[:38]
    '<p class="sa-summary">An article repor'
    """
    return f'<p class="sa-summary">{html.escape(summary_paragraph(facts))}</p>'


def article_header_html(facts: Any) -> str:
    """Return the report's heading: title, source, date and link, escaped.

    Examples
    --------
    >>> from sahel_analysis import extract
    >>> "&lt;script&gt;" in article_header_html(extract("Mali.", source="<script>"))
    True
    """
    a = facts.article
    title = html.escape(a.title or a.id)
    meta = " · ".join(html.escape(x) for x in (a.source, _long_date(a.published)) if x)
    link = ""
    if a.url and str(a.url).startswith(("http://", "https://")):
        link = f' · <a href="{html.escape(a.url, quote=True)}">original article</a>'
    return (
        f'<header class="sa-header"><h1>{title}</h1>'
        f'<p class="sa-meta">{meta or "source and date unknown"}{link}</p></header>'
    )


_TABLE_ORDER = ("movements", "troops", "events", "places", "timexes", "quotes", "actors")
_HIDDEN = {"doc_id", "start", "end", "evidence", "sentence", "geometry"}
_STYLE = """<style>
.sa-fact-sheet table{border-collapse:collapse;margin:.4em 0 1.2em;font-size:.9em}
.sa-fact-sheet th,.sa-fact-sheet td{border:1px solid #ddd;padding:3px 6px;text-align:left;
vertical-align:top}
.sa-fact-sheet th{background:#f3f0ea}
.sa-fact-sheet td a{white-space:nowrap}
.sa-fact-sheet .sa-article{max-width:60em;border-left:3px solid #ddd;padding-left:1em}
.sa-fact-sheet ol.sa-evidence li{margin-bottom:.35em}
.sa-fact-sheet ol.sa-evidence li:target{background:#fff3c4}
.sa-fact-sheet .sa-key mark{padding:0 4px;margin-right:6px;border-radius:3px}
</style>"""


def _anchor(doc_id: str, sentence: int) -> str:
    from sahel_analysis.naming import safe_name

    return f"sa-{safe_name(str(doc_id))}-s{sentence}"


def _cell(value: Any) -> str:
    value = _value(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return html.escape(f"{value:.2f}" if not value.is_integer() else f"{value:.0f}")
    return html.escape(str(value))


def _table_html(kind: str, table: pd.DataFrame) -> str:
    frame = pd.DataFrame(table.drop(columns="geometry", errors="ignore"))
    shown = [
        c
        for c in frame.columns
        if c not in _HIDDEN and c != "confidence" and frame[c].notna().any()
    ] + ["confidence"] * ("confidence" in frame)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown) + "<th>evidence</th>"
    rows = []
    for _i, row in frame.iterrows():
        cells = "".join(f"<td>{_cell(row[c])}</td>" for c in shown)
        sentence = _value(row.get("sentence"))
        if sentence is None:
            link = ""
        else:
            target = _anchor(row.get("doc_id") or "", int(sentence))
            title = html.escape(str(_value(row.get("evidence")) or ""), quote=True)
            link = f'<a href="#{target}" title="{title}">sentence {int(sentence) + 1}</a>'
        rows.append(f"<tr>{cells}<td>{link}</td></tr>")
    return (
        f'<table class="sa-table sa-{kind}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def fact_sheet_html(facts: Any, kinds: Sequence[str] = _TABLE_ORDER) -> str:
    """Return the fact sheet: the highlighted article, the tables and their evidence.

    The article comes first with every recognised span highlighted by kind (see
    :meth:`ArticleFacts.highlighted_html`), then one table per fact kind whose rows
    link to their evidence sentence, then the numbered evidence sentences. All text
    from the article is escaped.

    Parameters
    ----------
    facts : ArticleFacts
    kinds : sequence of str
        Fact tables to show, in order.

    Returns
    -------
    str
        An HTML fragment (``<section class="sa-fact-sheet">``).

    Examples
    --------
    >>> from sahel_analysis import extract
    >>> sheet = fact_sheet_html(extract("French troops left Mali for <Niger>."))
    >>> "&lt;Niger&gt;" in sheet and "<Niger>" not in sheet
    True
    >>> 'href="#sa-article_' in sheet
    True
    """
    from sahel_analysis.facts import _COLOURS

    parts = [_STYLE, '<section class="sa-fact-sheet">']
    key = " ".join(
        f'<mark style="background:{c}">{html.escape(k)}</mark>'
        for k, c in _COLOURS.items()
        if k not in ("events", "movements")
    )
    parts.append(f'<h3>The article</h3><p class="sa-key">Highlighted: {key}</p>')
    parts.append(facts.highlighted_html())
    evidence: dict[tuple[str, int], str] = {}
    for kind in kinds:
        table = getattr(facts, kind)
        parts.append(f"<h3>{html.escape(kind.capitalize())} ({len(table)})</h3>")
        if table.empty:
            parts.append(f"<p>No {html.escape(kind)} found.</p>")
            continue
        parts.append(_table_html(kind, table))
        for doc_id, sentence, text in zip(
            table["doc_id"], table["sentence"], table["evidence"], strict=True
        ):
            if _value(sentence) is not None:
                evidence.setdefault(
                    (str(_value(doc_id) or ""), int(sentence)), str(_value(text) or "")
                )
    if evidence:
        parts.append('<h3>Evidence sentences</h3><ol class="sa-evidence">')
        for (doc_id, sentence), text in sorted(evidence.items()):
            parts.append(
                f'<li id="{_anchor(doc_id, sentence)}" value="{sentence + 1}">'
                f"{html.escape(text)}</li>"
            )
        parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- data files
def write_data(facts: Any, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write the facts beside a report, each file atomically.

    Writes ``facts.gpkg`` (one layer per table, opens in QGIS), ``movements.geojson``,
    ``places.geojson``, ``facts.json`` and ``<table>.csv`` for every fact table.

    Parameters
    ----------
    facts : ArticleFacts
    out_dir : path
        Directory, created if needed.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> from sahel_analysis import extract
    >>> paths = write_data(extract("French troops left Mali for Niger."), tempfile.mkdtemp())
    >>> sorted(p.name for p in paths)[:4]
    ['actors.csv', 'events.csv', 'facts.gpkg', 'facts.json']
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [facts.to_gpkg(out / "facts.gpkg")]
    for kind in ("movements", "places"):
        table = getattr(facts, kind)
        table = table[table.geometry.notna()]
        target = out / f"{kind}.geojson"
        if table.empty:
            write_text(target, '{"type": "FeatureCollection", "features": []}\n')
        else:
            with atomic_path(target) as tmp:
                table.to_file(tmp, driver="GeoJSON")
        written.append(target)
    written.append(write_text(out / "facts.json", facts.to_json()))
    for kind, frame in facts.to_frames().items():
        with atomic_path(out / f"{kind}.csv") as tmp:
            frame.to_csv(tmp, index=False)
        written.append(out / f"{kind}.csv")
    return written


_FILE_NOTES = {
    ".gpkg": "GeoPackage, one layer per table (QGIS, ArcGIS)",
    ".geojson": "GeoJSON",
    ".csv": "CSV table",
    ".json": "all facts as JSON",
    ".png": "image",
    ".svg": "vector image for print",
}


def files_html(out_dir: str | os.PathLike[str]) -> str:
    """Return a list of links to the files in ``out_dir``, relative to it.

    The report's own ``report.*`` files and hidden files are left out.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "places.csv").write_text("a")
    >>> files_html(d)
    '<ul class="sa-files"><li><a href="places.csv">places.csv</a> (CSV table, 1 B)</li></ul>'
    """
    items = []
    for path in sorted(Path(out_dir).iterdir()):
        if path.name.startswith(".") or path.stem == "report" or not path.is_file():
            continue
        size = path.stat().st_size
        human = (
            f"{size} B"
            if size < 1024
            else (f"{size / 1024:.0f} kB" if size < 1024**2 else f"{size / 1024**2:.1f} MB")
        )
        note = _FILE_NOTES.get(path.suffix, path.suffix.lstrip("."))
        name = html.escape(path.name)
        items.append(
            f'<li><a href="{html.escape(path.name, quote=True)}">{name}</a> '
            f"({html.escape(note)}, {human})</li>"
        )
    return f'<ul class="sa-files">{"".join(items)}</ul>'


# --------------------------------------------------------------------------- running
@dataclass
class ReportResult:
    """The outcome of one report.

    Attributes
    ----------
    id : str
        Report id (the article's safe id), also its directory name.
    directory : pathlib.Path
        ``<out_dir>/<id>``.
    ok : bool
        Whether the notebook ran and the HTML was written.
    title : str
        Title shown in the index.
    source : str or None
        The input path(s).
    error : str or None
        ``"ErrorName: message"`` when it failed.
    cell : str or None
        The failing cell, ``In [n]`` and its first line.
    seconds : float
        Wall time.
    """

    id: str
    directory: Path
    ok: bool = False
    title: str = ""
    source: str | None = None
    error: str | None = None
    cell: str | None = None
    seconds: float = 0.0

    @property
    def html(self) -> Path:
        """Path of ``report.html``."""
        return self.directory / "report.html"

    @property
    def notebook(self) -> Path:
        """Path of the executed ``report.ipynb``."""
        return self.directory / "report.ipynb"

    def describe(self) -> str:
        """Return one line: where the report is, or what failed and where."""
        if self.ok:
            return f"ok      {self.id}: {self.html} ({self.seconds:.1f} s)"
        where = f" in cell {self.cell}" if self.cell else ""
        see = f"; see {self.notebook}" if self.notebook.exists() else ""
        return f"FAILED  {self.id}{where}: {self.error}{see}"


@dataclass
class ReportRun:
    """All reports of one :func:`run_reports` call.

    Attributes
    ----------
    results : list of ReportResult
    out_dir : pathlib.Path
    index : pathlib.Path
        ``<out_dir>/index.html``.
    seconds : float
    """

    results: list[ReportResult]
    out_dir: Path
    index: Path
    seconds: float = 0.0

    @property
    def failures(self) -> list[ReportResult]:
        """The reports that failed."""
        return [r for r in self.results if not r.ok]

    @property
    def ok(self) -> bool:
        """Whether every report was written."""
        return not self.failures

    def __str__(self) -> str:
        done = len(self.results) - len(self.failures)
        head = (
            f"{_plural(len(self.results), 'report')} in {self.seconds:.1f} s: "
            f"{done} written, {len(self.failures)} failed"
        )
        lines = [head, *(r.describe() for r in self.results), f"index: {self.index}"]
        return "\n".join(lines)


@dataclass
class _Task:
    id: str
    notebook: Path
    parameters: dict[str, Any]
    directory: Path
    timeout: float
    title: str
    source: str
    extra_path: str = field(default_factory=lambda: str(_PACKAGE.parent))


#: The kernels this process started, until they are shut down (see :func:`_wait_for_kernels`).
_STARTED: list[_Kernel] = []


@cache
def _manager_class() -> type:
    """jupyter_client's KernelManager, remembering its clients to close their sockets.

    Its clients are asynchronous, as nbclient's own are: a blocking client would stall
    nbclient's event loop, and with it the execution timeout.
    """
    from jupyter_client.manager import KernelManager
    from traitlets import DottedObjectName

    class Manager(KernelManager):
        client_class = DottedObjectName("jupyter_client.asynchronous.AsyncKernelClient")

        def client(self, **kwargs: Any) -> Any:
            made = super().client(**kwargs)
            self.made_clients = [*getattr(self, "made_clients", []), made]
            return made

    return Manager


class _Kernel:
    """The ``python3`` kernel of one report, started in the report's directory.

    It is started before its notebook runs, so that it can boot while this process
    reads and analyses the article, and it is stopped in a background thread after
    the last cell, so that writing the HTML does not wait for the kernel process to
    exit. :func:`_wait_for_kernels` joins those threads; so does a process that exits.

    The stop is immediate (nbclient's ``shutdown_kernel="immediate"``): once its notebook
    has run, a report kernel holds nothing (its cells wrote and closed their files), and
    a polite shutdown would spend half a second tearing down pandas and matplotlib.
    """

    def __init__(self, directory: Path, extra_path: str) -> None:
        from traitlets.config import Config

        self._sockets = tempfile.TemporaryDirectory(prefix="sa-k")
        # local IPC sockets in a private directory, instead of TCP on loopback
        config = Config({"KernelManager": {"transport": "ipc", "ip": f"{self._sockets.name}/k"}})
        self.manager = _manager_class()(kernel_name=KERNEL, config=config)
        self._stopping: threading.Thread | None = None
        path = os.environ.get("PYTHONPATH")  # let the kernel import this sahel_analysis
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([extra_path, *([path] if path else [])])}
        directory.mkdir(parents=True, exist_ok=True)
        try:
            self.manager.start_kernel(
                cwd=str(directory),
                env=env,
                extra_arguments=[
                    # the kernel's log (shutdown noise) would interleave with the progress bar
                    "--IPKernelApp.log_level=CRITICAL",
                    # no command history: parallel kernels would queue on its SQLite file
                    "--HistoryManager.enabled=False",
                ],
            )
        except BaseException:
            self._sockets.cleanup()
            raise
        _STARTED[:] = [k for k in _STARTED if not k.gone]
        _STARTED.append(self)

    @property
    def gone(self) -> bool:
        """Whether the kernel has been shut down."""
        return self._stopping is not None and not self._stopping.is_alive()

    def stop(self) -> None:
        """Start shutting the kernel down in the background (idempotent)."""
        if self._stopping is None:
            self._stopping = threading.Thread(target=self._shutdown, name="sa-kernel-shutdown")
            self._stopping.start()

    def wait(self) -> None:
        """Shut the kernel down and wait until it is gone."""
        self.stop()
        assert self._stopping is not None
        self._stopping.join()

    def _shutdown(self) -> None:
        try:
            for client in getattr(self.manager, "made_clients", []):
                client.stop_channels()
            if self.manager.has_kernel:
                self.manager.shutdown_kernel(now=True)
        except Exception:  # already gone: remove what it left
            with contextlib.suppress(Exception):
                self.manager.cleanup_resources()
        finally:
            self._sockets.cleanup()


def _wait_for_kernels() -> None:
    """Shut down every kernel this process started and wait until they are gone."""
    while _STARTED:
        _STARTED.pop().wait()


_EXPORTER_LOCK = threading.Lock()


@cache
def _html_exporter() -> Any:
    from nbconvert import HTMLExporter
    from nbformat import v4

    exporter = HTMLExporter(
        template_name="lab",
        template_file=_HTML_TEMPLATE.name,
        extra_template_paths=[str(_HTML_TEMPLATE.parent)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    exporter.from_notebook_node(v4.new_notebook())  # compile the templates now, once
    return exporter


def _exporter() -> Any:
    """Return the process's HTML exporter, built once (its Jinja templates take a while)."""
    with _EXPORTER_LOCK:
        return _html_exporter()


def _warm_worker() -> None:
    """Import what a report worker needs and build its exporter, before any report.

    Never raises: a problem shows, with its context, in the report that meets it.
    """
    with contextlib.suppress(Exception):
        import papermill  # noqa: F401

        _exporter()


def export_html(notebook: Any, title: str = "Report") -> str:
    """Export an executed notebook to standalone HTML without code cells.

    Uses nbconvert's ``lab`` template without its CDN scripts (the report opens
    offline), with code inputs and prompts removed and images embedded.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
    title : str
        The page title.

    Returns
    -------
    str

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    >>> page = export_html(nb, "A & B")
    >>> "<title>A &amp; B</title>" in page, "1 + 1" in page, "<script" in page
    (True, False, False)
    """
    notebook.metadata["title"] = title
    body, _resources = _exporter().from_notebook_node(notebook)
    return body


def _failed_cell(exc: Any) -> str | None:
    count = getattr(exc, "exec_count", None)
    source = str(getattr(exc, "source", "") or "").strip().splitlines()
    first = source[0][:70] if source else ""
    if count is None and not first:
        return None
    return f"In [{count}] `{first}`" if first else f"In [{count}]"


def _execute(task: _Task, kernel: _Kernel | None = None) -> ReportResult:
    """Run one report: papermill, then HTML; never raises.

    ``kernel`` is one started ahead for this task; else one is started here. The kernel
    is left shutting down in the background (see :class:`_Kernel`).
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    result = ReportResult(task.id, task.directory, title=task.title, source=task.source)
    partial = task.directory / ".report.partial.ipynb"
    try:
        kernel = kernel or _Kernel(task.directory, task.extra_path)
        try:
            nb = papermill.execute_notebook(
                str(task.notebook),
                str(partial),
                parameters=task.parameters,
                kernel_name=KERNEL,
                km=kernel.manager,
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                execution_timeout=max(1, math.ceil(task.timeout)),  # nbclient wants an int
            )
        finally:
            kernel.stop()
        page = export_html(nb, title=task.title)
        write_text(task.directory / "report.html", page)
        with atomic_path(task.directory / "report.ipynb") as tmp:
            nbformat.write(nb, str(tmp))
        result.ok = True
    except PapermillExecutionError as exc:
        result.cell = _failed_cell(exc)
        result.error = f"{exc.ename}: {exc.evalue}"
    except Exception as exc:  # timeouts, dead kernels, export errors: report, go on
        message = str(exc).strip().splitlines()
        if "timed out" in str(exc):
            preview = [line for line in message if line and not line.startswith("---")]
            first = preview[-1][:70] if len(preview) > 3 else ""
            result.cell = f"`{first}`" if first else None
            result.error = (
                f"{type(exc).__name__}: the cell ran longer than the timeout of "
                f"{task.timeout:g} s; raise it with timeout= (--timeout)"
            )
        else:
            result.cell = _failed_cell(exc)
            result.error = f"{type(exc).__name__}: {message[-1] if message else ''}".rstrip(": ")
    finally:
        if partial.exists():
            if result.ok:
                partial.unlink()
            else:  # keep the failed notebook, with its traceback, for the analyst
                os.replace(partial, task.directory / "report.ipynb")
                (task.directory / "report.html").unlink(missing_ok=True)
    result.seconds = time.perf_counter() - start
    return result


def _tasks(
    paths: Sequence[str | os.PathLike[str]],
    spec: Template,
    notebook: Path,
    out_dir: Path,
    published: str | None,
    timeout: float,
    params: dict[str, Any],
) -> tuple[list[_Task], list[ReportResult], list[str]]:
    """Return the tasks to run, the inputs that failed already, and all ids in input order."""
    from sahel_analysis.article import read_article, seed_path
    from sahel_analysis.naming import safe_name

    sources = [Path(p) for p in paths] or [seed_path()]
    missing = [p for p in sources if not p.exists()]
    if missing and (len(missing) == len(sources) or not spec.per_input):
        raise ArticleError(
            missing[0],
            "no such file"
            + (f" (and {len(missing) - 1} more missing)" if len(missing) > 1 else "")
            + "; check the path, or give no path to report on "
            "the embedded seed article",
        )
    base = {**params}
    if published:
        base["published"] = published
    tasks, failed, used, order = [], [], set(), []
    if not spec.per_input:
        directory = out_dir / safe_name(Path(spec.notebook).stem)
        parameters = {
            **base,
            spec.input_parameter: [str(p.resolve()) for p in sources],
            spec.output_parameter: str(directory.resolve()),
        }
        task = _Task(
            directory.name,
            notebook,
            parameters,
            directory,
            timeout,
            Path(spec.notebook).stem,
            ", ".join(map(str, sources)),
        )
        return [task], [], [task.id]
    for path in sources:
        try:
            if not path.exists():  # listed with the other failures; the rest still run
                raise ArticleError(path, "no such file; check the path")
            article = read_article(path, published=published or None)
            ident, title = safe_name(article.id), article.title or article.id
        except ArticleError as exc:
            ident, title = safe_name(path.stem or "article"), path.name
            result = ReportResult(
                ident,
                out_dir / ident,
                title=title,
                source=str(path),
                error=f"ArticleError: {exc}",
                cell="reading the article",
            )
            failed.append(result)
            order.append(ident)
            continue
        unique, n = ident, 2
        while unique in used:
            unique, n = f"{ident}-{n}", n + 1
        used.add(unique)
        order.append(unique)
        directory = out_dir / unique
        parameters = {
            **base,
            spec.input_parameter: str(path.resolve()),
            spec.output_parameter: str(directory.resolve()),
        }
        tasks.append(_Task(unique, notebook, parameters, directory, timeout, title, str(path)))
    return tasks, failed, order


def _prepare(task: _Task, spec: Template) -> ReportResult | None:
    """Extract the task's facts here and check its parameters; a failure, or None.

    Extracting in this process, where the language pipeline is loaded once, and
    handing the kernel the facts lets report kernels start without spaCy.
    """
    stage = "extracting facts"
    try:
        if spec.facts_parameter:
            from sahel_analysis.facts import extract

            params = task.parameters
            article = load_article(
                params[spec.input_parameter],
                published=params.get("published", ""),
                source=params.get("source", ""),
                title=params.get("title", ""),
            )
            facts = extract(article, model=_blank(params.get("model", "")))
            target = write_text(task.directory / "facts.json", facts.to_json())
            params[spec.facts_parameter] = str(target.resolve())
        stage = "checking parameters"
        task.parameters = validate_parameters(spec, task.parameters)
    except Exception as exc:
        return ReportResult(
            task.id,
            task.directory,
            title=task.title,
            source=task.source,
            error=f"{type(exc).__name__}: {exc}",
            cell=stage,
        )
    return None


def _run_here(tasks: list[_Task], spec: Template, bar: Any) -> list[ReportResult]:
    """Run the reports one after the other in this process."""
    results = []
    # the first kernel boots, and the HTML templates compile, while the first article
    # is analysed; if it cannot start, the report says why when it starts its own
    kernel = None
    if tasks:
        with contextlib.suppress(Exception):
            kernel = _Kernel(tasks[0].directory, tasks[0].extra_path)
    threading.Thread(target=_warm_worker, name="sa-warm", daemon=True).start()
    try:
        for task in tasks:  # the kernel started ahead serves the first task only
            failure = _prepare(task, spec)
            if failure and kernel is not None:
                kernel.stop()  # its task failed before the notebook could run
            results.append(failure or _execute(task, kernel))
            kernel = None
            bar.update()
    finally:
        _wait_for_kernels()
    return results


def _run_in_pool(tasks: list[_Task], spec: Template, bar: Any, workers: int) -> list[ReportResult]:
    """Run the reports in ``workers`` processes; each is sent as soon as its facts are in."""
    results = []
    with ProcessPoolExecutor(workers, mp_context=_pool_context(), initializer=_warm_worker) as pool:
        # start the workers now: they import papermill and nbconvert while this process
        # loads the language pipeline
        warming = [pool.submit(_noop) for _ in range(workers)]
        futures = []
        for task in tasks:
            failure = _prepare(task, spec)
            if failure:
                results.append(failure)
                bar.update()
            else:
                futures.append(pool.submit(_execute, task))
        for future in as_completed(futures):
            results.append(future.result())
            bar.update()
        for future in warming:
            future.result()
    return results


#: Modules a report worker needs, imported once by the fork server its workers fork from.
_WORKER_MODULES = ["sahel_analysis.reports", "papermill", "nbconvert", "nbformat", "jupyter_client"]


def _pool_context() -> Any:
    """Return how report workers start: from a fork server where there is one, else spawned.

    A fork server imports :data:`_WORKER_MODULES` once and forks each worker from that
    single-threaded process (safe, unlike forking this one, which has threads), so a
    worker is ready in milliseconds instead of importing everything anew.
    """
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_WORKER_MODULES)
        return context
    return multiprocessing.get_context("spawn")


def _noop() -> None:
    """Do nothing: a task that only makes the pool start a worker."""


def index_html(run_results: Sequence[ReportResult], out_dir: str | os.PathLike[str]) -> str:
    """Return the index page linking every report of a run (all text escaped).

    Examples
    --------
    >>> r = ReportResult("a<1>", Path("out/a<1>"), ok=True, title="<b>T</b>")
    >>> page = index_html([r], "out")
    >>> "&lt;b&gt;T&lt;/b&gt;" in page and 'href="a%3C1%3E/report.html"' in page
    True
    """
    from urllib.parse import quote

    rows = []
    for r in run_results:
        title = html.escape(r.title or r.id)
        if r.ok:
            href = html.escape(f"{quote(r.directory.name)}/report.html", quote=True)
            status = "ok"
            cell = f'<a href="{href}">{title}</a>'
        else:
            status = "failed: " + html.escape(f"{r.cell + ': ' if r.cell else ''}{r.error}")
            cell = title
        rows.append(
            f"<tr><td>{cell}</td><td><code>{html.escape(r.id)}</code></td>"
            f"<td>{html.escape(r.source or '')}</td><td>{status}</td></tr>"
        )
    failed = sum(not r.ok for r in run_results)
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>sahel_analysis reports</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em;max-width:70em}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ddd;padding:4px 8px;text-align:left}}
th{{background:#f3f0ea}}</style></head>
<body><h1>Reports</h1>
<p>{len(run_results)} report(s), {failed} failed; written {html.escape(stamp)} to
<code>{html.escape(str(out_dir))}</code>.</p>
<table><thead><tr><th>Report</th><th>Id</th><th>Input</th><th>Status</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></body></html>
"""


def run_reports(
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    out_dir: str | os.PathLike[str],
    published: str | None = None,
    jobs: int | None = None,
    timeout: float = 600,
    template: str | os.PathLike[str] = "article",
    progress: bool = True,
    check: bool = True,
    **params: Any,
) -> ReportRun:
    """Run a report notebook on each article with papermill and export it to HTML.

    Parameters are checked against the notebook's ``parameters`` cell before any kernel
    starts. Each article's report runs in its own process (``jobs`` at a time) with one
    progress bar; a failing report does not stop the others.

    Parameters
    ----------
    paths : sequence of path
        Article files; none reports on the embedded seed article.
    out_dir : path
        Directory for ``<id>/report.ipynb``, ``report.html``, ``movements.png``,
        ``movements.svg``, ``facts.gpkg``, ``movements.geojson``, the CSVs, and the
        run's ``index.html``.
    published : str, optional
        Publication date ``YYYY-MM-DD`` for every article, overriding their metadata.
    jobs : int, optional
        Reports run at once; default the CPU count.
    timeout : float
        Seconds each notebook cell may run.
    template : str or path
        A name from :data:`TEMPLATES` or the path of a notebook with a parameters cell.
    progress : bool
        Show the progress bar (on standard error).
    check : bool
        Raise :class:`ReportError` when a report failed (after all have run).
    **params
        Further notebook parameters, e.g. ``extent="Sahel"``, ``model``, ``title``.

    Returns
    -------
    ReportRun
        The results; ``str(run)`` is the summary, naming each failure's cell and error.

    Raises
    ------
    ParameterError
        For unknown, missing or wrongly typed parameters, a bad ``jobs`` or template.
    ArticleError
        For an article path that does not exist.
    ReportError
        With ``check=True``, when any report failed; its ``run`` attribute holds the
        :class:`ReportRun`.

    Examples
    --------
    >>> run_reports(out_dir="out", zoom=3)
    Traceback (most recent call last):
    ...
    sahel_analysis.errors.ParameterError: parameter 'zoom': article_report.ipynb has no such ...
    """
    from tqdm import tqdm

    started = time.perf_counter()
    spec, notebook = _template(template)
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ParameterError("jobs", f"expected a whole number >= 1, got {jobs!r}")
    if not isinstance(timeout, int | float) or timeout <= 0:
        raise ParameterError("timeout", f"expected a number of seconds > 0, got {timeout!r}")
    for reserved in (spec.input_parameter, spec.output_parameter):
        if reserved in params:
            raise ParameterError(
                reserved,
                "is set by run_reports for each report; give the "
                "inputs as paths and the directory as out_dir",
            )
    extra = {**params, **({"published": published} if published else {})}
    validate_parameters(
        spec,
        {**extra, spec.input_parameter: "" if spec.per_input else [], spec.output_parameter: ""},
        required=(spec.input_parameter, spec.output_parameter),
    )
    out = Path(out_dir)
    remove_stale(out)  # what an interrupted earlier run left behind
    tasks, results, ids = _tasks(paths, spec, notebook, out, published, timeout, params)
    workers = min(jobs or os.cpu_count() or 1, max(len(tasks), 1))
    bar = tqdm(total=len(tasks), desc="reports", unit="report", disable=not progress)
    with bar:
        if workers == 1:
            results += _run_here(tasks, spec, bar)
        else:
            results += _run_in_pool(tasks, spec, bar, workers)
    order = {ident: i for i, ident in enumerate(ids)}
    results.sort(key=lambda r: order.get(r.id, len(order)))
    index = write_text(out / "index.html", index_html(results, out))
    run = ReportRun(results, out, index, time.perf_counter() - started)
    if check and not run.ok:
        error = ReportError(str(run))
        error.run = run  # type: ignore[attr-defined]
        raise error
    return run
