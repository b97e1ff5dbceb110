"""The ``sahel-analysis`` command line: a thin layer over the library.

Every command has ``--help``. Errors print one line naming what was wrong and what to
do, and exit with status 2 (``--debug`` shows the traceback instead).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from sahel_analysis.errors import SahelAnalysisError

__all__ = ["app", "main"]

app = typer.Typer(
    name="sahel-analysis",
    help=(
        "Turn news articles about foreign forces in the Sahel into cited, geocoded facts "
        "(places, actors, troop strengths, dates, events, quotes, troop movements), maps "
        "and reports. With no article given, commands use the embedded seed article."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_state = {"debug": False}

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Article files (.txt, .md, .html); default: the embedded seed.",
        show_default=False,
        metavar="PATH...",
    ),
]
Published = Annotated[
    str | None,
    typer.Option(
        help="Publication date YYYY-MM-DD, overriding the articles' metadata; "
        "relative dates ('Wednesday night') are resolved against it.",
        metavar="DATE",
    ),
]
Source = Annotated[
    str | None, typer.Option(help="Outlet name, overriding the metadata.", metavar="NAME")
]
Model = Annotated[
    str | None,
    typer.Option(
        help="Installed spaCy pipeline to add under the rules, e.g. en_core_web_sm.",
        metavar="PIPELINE",
    ),
]


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    _state["debug"] = debug


def _articles(paths: list[Path] | None, published: str | None, source: str | None) -> Iterator:
    """Yield ``(path, article or ArticleError)`` for each path, reading one at a time.

    A bad ``--published`` or ``--source`` raises at once (it concerns every article).
    """
    import datetime as dt

    from sahel_analysis.article import read_article, seed_path
    from sahel_analysis.errors import ArticleError

    overrides = {k: v for k, v in {"published": published, "source": source}.items() if v}
    today = dt.date.today()
    for path in paths or [seed_path()]:
        try:
            article = read_article(path, **overrides)
        except ArticleError as exc:
            yield path, exc
            continue
        if article.published and article.published > today:
            typer.echo(
                f"warning: {path}: publication date {article.published} is in the future; "
                "relative dates are resolved against it (check --published or the metadata)",
                err=True,
            )
        yield path, article


@app.command()
def extract(
    paths: Paths = None,
    published: Published = None,
    source: Source = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="json, csv, parquet, geojson or gpkg.", metavar="FORMAT"
        ),
    ] = "json",
    out: Annotated[
        Path | None,
        typer.Option(
            help="Directory to write <id>.<format> files to. Without it, a single "
            "article's JSON goes to standard output.",
            metavar="DIR",
        ),
    ] = None,
    model: Model = None,
) -> None:
    """Extract the facts of each article and write them as JSON, CSV, Parquet, GeoJSON or GPKG.

    Example: sahel-analysis extract article.txt --published 2023-09-25 --out facts/
    """
    from sahel_analysis.errors import ArticleError, ParameterError
    from sahel_analysis.facts import EXPORT_FORMATS
    from sahel_analysis.facts import extract as run
    from sahel_analysis.naming import safe_name

    if fmt not in EXPORT_FORMATS:
        raise ParameterError("--format", f"{fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    if out is None and (len(paths or []) > 1 or fmt != "json"):
        raise ParameterError(
            "--out", f"give an output directory for several articles or for format {fmt!r}"
        )
    if out is not None:
        from sahel_analysis.atomic import remove_stale

        remove_stale(out)  # temporary files an interrupted earlier run left behind
    failures: list[SahelAnalysisError] = []
    written: dict[str, Path] = {}  # file stem -> the input that used it in this run
    for path, article in _articles(paths, published, source):
        if isinstance(article, SahelAnalysisError):
            failures.append(article)
            continue
        if out is not None:
            stem = safe_name(article.id)
            if stem in written:
                failures.append(
                    ArticleError(
                        path,
                        f"article id {article.id!r} is already used by {written[stem]} in "
                        "this run, and its files would be overwritten; give it its own 'id' "
                        "in a metadata sidecar or front matter",
                    )
                )
                continue
            written[stem] = path
        facts = run(article, model=model)
        if out is None:
            typer.echo(facts.to_json())
            continue
        for written_path in facts.write(out, fmt):
            typer.echo(str(written_path))
    if len(failures) == 1 and len(paths or []) <= 1:
        raise failures[0]
    for failure in failures:
        typer.echo(f"failed: {failure}", err=True)
    if failures:
        raise SahelAnalysisError(
            f"{len(failures)} of {len(paths or [])} article(s) failed (listed above); "
            f"the facts of the others are in {out}"
        )


@app.command()
def evaluate(
    gold_dir: Annotated[
        Path,
        typer.Argument(
            help="Directory of <id>.json gold files, each with its <id>.txt article beside it."
        ),
    ],
    pred: Annotated[
        Path | None,
        typer.Option(help="Directory of predicted <id>.json files (default: extract now)."),
    ] = None,
    model: Model = None,
    per_article: Annotated[
        bool, typer.Option(help="Also print F1 per article and fact kind.")
    ] = True,
) -> None:
    """Print precision, recall and F1 per fact kind (micro-averaged) against gold files."""
    import pandas as pd

    from sahel_analysis.evaluate import evaluate as run
    from sahel_analysis.evaluate import summarize

    scores = run(gold_dir, pred_dir=pred, model=model)
    summary = summarize(scores)
    with pd.option_context("display.width", 120, "display.max_columns", 20):
        typer.echo(f"{scores['id'].nunique()} articles in {gold_dir}\n")
        typer.echo(summary[["tp", "fp", "fn", "precision", "recall", "f1"]].round(3).to_string())
        if per_article:
            table = scores.pivot(index="id", columns="kind", values="f1").round(2)
            typer.echo("\nF1 per article\n" + table.to_string())


@app.command()
def ingest(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files, directories (searched recursively for .txt, .md "
            "and .html) or quoted glob patterns such as 'news/**/*.html'.",
            show_default=False,
        ),
    ],
    store: Annotated[Path, typer.Option(help="Fact store directory; created if needed.")],
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
            "(default: $DASK_SCHEDULER_ADDRESS, else a local cluster). "
            "Every worker must see the articles and the store at the same "
            "paths."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Worker processes of the local cluster, one thread each "
            "(default: one per CPU core).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Extract every article again, even unchanged ones.")
    ] = False,
    progress: Annotated[bool, typer.Option(help="Show a progress bar over the articles.")] = True,
    model: Model = None,
) -> None:
    """Extract many articles on Dask into a fact store; unchanged articles are skipped.

    Re-running the same command adds nothing; changed articles replace their old facts.
    Articles that cannot be read are listed with the reason (exit status 2) and the rest
    are ingested. Example: sahel-analysis ingest news/ --store corpus.store --workers 2
    """
    from sahel_analysis.batch import ingest as run

    report = run(
        inputs,
        store,
        scheduler=scheduler,
        workers=workers,
        force=force,
        progress=progress,
        model=model,
    )
    for failure in report.failed:
        typer.echo(f"failed: {failure}", err=True)
    typer.echo(str(report))
    if report.failed:
        raise SahelAnalysisError(
            f"{len(report.failed)} article(s) could not be ingested (listed above, and in "
            f"the store's failures table); the others are in {report.store}"
        )


@app.command()
def report(
    paths: Paths = None,
    published: Published = None,
    out: Annotated[
        Path,
        typer.Option(
            help="Directory for <id>/report.html, report.ipynb, maps and data "
            "files, and the run's index.html."
        ),
    ] = Path("reports"),
    jobs: Annotated[
        int | None,
        typer.Option(min=1, help="Reports run in parallel processes (default: the CPU count)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option(min=1, help="Seconds each notebook cell may run before it fails.")
    ] = 600,
    template: Annotated[
        str,
        typer.Option(
            help="Notebook template: 'article' (one report per article), another "
            "name registered in reports.TEMPLATES, or the path of an .ipynb "
            "with a cell tagged 'parameters'."
        ),
    ] = "article",
    extent: Annotated[
        str | None,
        typer.Option(
            help="Map extent: auto (fit the facts), a region or country name "
            "('Sahel', 'West Africa', 'Niger') or minx,miny,maxx,maxy."
        ),
    ] = None,
    model: Model = None,
    store: Annotated[
        Path | None,
        typer.Option(
            help="Fact store to report on (with --template corpus); the same as giving "
            "its directory as the path."
        ),
    ] = None,
    progress: Annotated[bool, typer.Option(help="Show one progress bar over the reports.")] = True,
) -> None:
    """Run the report notebook on each article (papermill) and export it to HTML.

    Writes DIR/<id>/report.html (no code, map embedded), report.ipynb,
    movements.png/.svg, facts.gpkg, movements.geojson and CSVs, and DIR/index.html.

    A failing report does not stop the others; the summary names its cell and
    error, and the exit status is 2.

    Example: sahel-analysis report article.txt --published 2023-09-25 --out reports/

    Corpus: sahel-analysis report --template corpus --store corpus.store --out reports/
    """
    from sahel_analysis.errors import ParameterError, ReportError
    from sahel_analysis.reports import run_reports

    if store is not None:
        if template == "article":
            template = "corpus"
        paths = [*(paths or []), store]
    if template == "corpus" and not paths:
        raise ParameterError("--store", "the corpus report needs a fact store: --store DIR")
    params = {k: v for k, v in {"extent": extent, "model": model}.items() if v is not None}
    run = run_reports(
        paths or [],
        out_dir=out,
        published=published,
        jobs=jobs,
        timeout=timeout,
        template=template,
        progress=progress,
        check=False,
        **params,
    )
    typer.echo(str(run))
    if not run.ok:
        raise ReportError(
            f"{len(run.failures)} of {len(run.results)} report(s) failed "
            f"(listed above); open {run.index} for the others"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        status = app(args=argv, standalone_mode=False)
    except SahelAnalysisError as exc:
        if _state["debug"]:
            raise
        typer.echo(f"error: {exc}", err=True)
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("aborted", err=True)
        return 130
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            return exc.exit_code
        raise
    # without standalone mode, click returns the code of typer.Exit instead of raising it
    if status == 130:  # typer turns Ctrl-C into Exit(130)
        typer.echo("aborted", err=True)
    return status if isinstance(status, int) else 0


if __name__ == "__main__":
    sys.exit(main())
