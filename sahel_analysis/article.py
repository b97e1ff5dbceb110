r"""Read news articles into :class:`Article` objects, the first stage of the pipeline.

An :class:`Article` is the article text plus the metadata the later stages need:
an ``id`` for provenance, the ``published`` date that relative time expressions
("Wednesday night", "next year") are resolved against, and ``source``, ``title``
and ``url`` for citing.

Files :func:`read_article` understands
--------------------------------------
``.txt``, ``.text`` or no extension
    Plain text. UTF-8 with or without a byte-order mark, UTF-16/32 with a BOM, and
    legacy single-byte encodings (cp1252, latin-1...) detected with
    charset-normalizer; UTF-8 with a few stray cp1252 bytes (quotes pasted from a
    word processor) is read as UTF-8 with those bytes as cp1252. Optional front
    matter (see below).
``.md``, ``.markdown``
    Markdown, kept as text with its markup stripped minimally: front matter,
    heading ``#`` markers, ``**bold**``/``*italic*``/``__bold__`` markers and link or
    image syntax (``[text](url)`` becomes ``text``). The first heading is the title
    unless the metadata gives one.
``.html``, ``.htm``
    The main text is extracted with trafilatura; when it finds nothing, the text of
    ``<body>`` without script, style, nav, header, footer and aside elements is used.
    ``og:title`` or ``<title>``, ``article:published_time`` (or another publication
    date meta tag, then the first ``<time datetime>``), ``og:site_name`` and
    ``og:url`` or the canonical link fill in the metadata.

Any other extension is refused with a list of the supported ones: silently reading
a ``.docx``, ``.rtf`` or ``.csv`` as prose would produce nonsense facts. Rename a
plain-text file to ``.txt``. Line endings are normalised to ``\n`` and leading and
trailing whitespace is dropped, so character offsets refer to :attr:`Article.text`.

Metadata
--------
Keys are ``id``, ``source``, ``published`` (``YYYY-MM-DD``), ``title`` and ``url``.
They come from, highest precedence first:

1. keyword arguments of :func:`read_article`;
2. a sidecar ``<name>.json`` beside ``<name>.txt|.md|.html`` (a JSON object with
   only those keys; ``null`` means "not given");
3. front matter at the top of a ``.txt``/``.md`` file: a line ``---``, ``key: value``
   lines, a line ``---`` (other keys such as ``tags`` are ignored);
4. HTML meta tags;
5. defaults: ``id`` is the file name without its extension, the rest ``None``.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

from sahel_analysis.errors import ArticleError, DataError, ParameterError

__all__ = [
    "METADATA_KEYS",
    "SUPPORTED_EXTENSIONS",
    "Article",
    "read_article",
    "read_seed",
    "seed_path",
]

#: Metadata keys accepted in sidecars, front matter and keyword arguments.
METADATA_KEYS = ("id", "source", "published", "title", "url")

#: Keys of the JSON export's fact tables: a sidecar holding them is a facts or gold file.
_FACT_KEYS = frozenset({"places", "actors", "troops", "timexes", "events", "movements", "quotes"})
_TEXT_EXTENSIONS = (".txt", ".text", "")
_MARKDOWN_EXTENSIONS = (".md", ".markdown")
_HTML_EXTENSIONS = (".html", ".htm")
#: File extensions :func:`read_article` reads ("" is a file without extension).
SUPPORTED_EXTENSIONS = _TEXT_EXTENSIONS + _MARKDOWN_EXTENSIONS + _HTML_EXTENSIONS

_SEED_NAME = "2022-02-17_france-withdraws-from-mali"

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_EXPECTED = (
    "expected a datetime.date, a datetime or a 'YYYY-MM-DD' string such as '2022-02-17'"
)


# --------------------------------------------------------------------------- Article


@dataclasses.dataclass(frozen=True)
class Article:
    """One news article: its text and the metadata needed to analyse and cite it.

    Parameters
    ----------
    text : str
        The article text; every character offset in the fact tables points into it.
    id : str
        Identifier used as ``doc_id`` in every fact row.
    source : str or None
        Publisher, e.g. ``"Brussels Morning Newspaper"``.
    published : datetime.date or None
        Publication date; relative dates in the text are resolved against it.
        A :class:`~datetime.datetime` or a ``"YYYY-MM-DD"`` string is converted.
    title : str or None
        Headline.
    url : str or None
        Where the article was published.
    path : str or None
        The file the article was read from, if any.

    Raises
    ------
    ParameterError
        If ``text`` is empty, ``id`` is not a non-empty string or ``published`` is
        not a date.

    Examples
    --------
    >>> article = Article("Niger agreed to host European forces.", id="a1", published="2022-02-17")
    >>> article.published
    datetime.date(2022, 2, 17)
    >>> article
    Article(id='a1', published=datetime.date(2022, 2, 17), source=None, title=None, chars=37)
    """

    text: str
    id: str
    source: str | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    path: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise ParameterError(
                "text",
                f"expected str, got {type(self.text).__name__}; decode bytes first "
                "or use read_article(path) for files",
            )
        if not self.text.strip():
            raise ParameterError("text", "the article text is empty; pass the article's text")
        if not isinstance(self.id, str) or not self.id.strip():
            raise ParameterError("id", f"expected a non-empty string, got {self.id!r}")
        for name in ("source", "title", "url", "path"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise ParameterError(name, f"expected a string or None, got {value!r}")
        try:
            published = _to_date(self.published)
        except ValueError as exc:
            raise ParameterError("published", str(exc)) from None
        object.__setattr__(self, "published", published)

    def __repr__(self) -> str:
        return (
            f"Article(id={self.id!r}, published={self.published!r}, source={self.source!r}, "
            f"title={self.title!r}, chars={len(self.text)})"
        )

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        id: str | None = None,
        published: dt.date | dt.datetime | str | None = None,
        source: str | None = None,
        title: str | None = None,
        url: str | None = None,
    ) -> Article:
        r"""Make an article from a string, e.g. text pasted into a notebook.

        Line endings are normalised to ``\n`` and surrounding whitespace dropped,
        as :func:`read_article` does for files.

        Parameters
        ----------
        text : str
            The article text.
        id : str, optional
            Identifier; by default ``"article_"`` plus the first 12 hex digits of the
            SHA-1 of the (normalised) text, so the same text always gets the same id.
        published : datetime.date, datetime.datetime or str, optional
            Publication date, a ``"YYYY-MM-DD"`` string is accepted.
        source, title, url : str, optional
            Publisher, headline and address.

        Returns
        -------
        Article

        Raises
        ------
        ParameterError
            If the text is empty or not a string, or ``published`` is not a date.

        Examples
        --------
        >>> text = "Macron announced the withdrawal.\r\n"
        >>> article = Article.from_text(text, published="2022-02-17")
        >>> article.id
        'article_a7992b379eb5'
        >>> article.text
        'Macron announced the withdrawal.'
        """
        if not isinstance(text, str):
            raise ParameterError(
                "text",
                f"expected str, got {type(text).__name__}; decode bytes first "
                "or use read_article(path) for files",
            )
        text = _normalise(text)
        if id is None:
            id = "article_" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        return cls(text=text, id=id, source=source, published=published, title=title, url=url)

    @property
    def content_hash(self) -> str:
        """SHA-256 hex digest of the text, to recognise the same article under other ids.

        Examples
        --------
        >>> Article("Troops left Gao.", id="x").content_hash[:16]
        'd9eb474f76955168'
        """
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def _to_date(value: object) -> dt.date | None:
    """Convert a date, datetime or ``YYYY-MM-DD`` string; ValueError says why not."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and _DATE_RE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a valid date ({exc}); {_DATE_EXPECTED}") from None
    raise ValueError(f"{value!r} is not a date; {_DATE_EXPECTED}")


def _normalise(text: str) -> str:
    """Drop a BOM, turn CRLF/CR into LF and strip surrounding whitespace."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip()


# --------------------------------------------------------------------------- reading


def read_article(
    path: str | os.PathLike[str],
    *,
    published: dt.date | dt.datetime | str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    id: str | None = None,
) -> Article:
    """Read an article from a ``.txt``, ``.md`` or ``.html`` file with its metadata.

    See the module documentation for the formats and where metadata comes from.
    Keyword arguments that are not None override every other source.

    Parameters
    ----------
    path : str or os.PathLike
        The article file.
    published : datetime.date, datetime.datetime or str, optional
        Publication date (``"YYYY-MM-DD"``).
    source, title, url, id : str, optional
        Publisher, headline, address and identifier.

    Returns
    -------
    Article
        With :attr:`Article.path` set to ``path``.

    Raises
    ------
    ArticleError
        If the file is missing, a directory, unreadable, empty, binary, not
        decodable, of an unsupported type, or its sidecar or front matter is
        malformed. The message names the file and says what to do.
    ParameterError
        If a keyword argument has a wrong value.

    Examples
    --------
    >>> article = read_article(seed_path())
    >>> article.id, article.published
    ('000_a3695cdb5900521c', datetime.date(2022, 2, 17))
    >>> read_article(seed_path(), source="BMN").source
    'BMN'
    """
    overrides: dict[str, Any] = {
        key: value
        for key, value in {
            "id": id,
            "source": source,
            "published": published,
            "title": title,
            "url": url,
        }.items()
        if value is not None
    }
    if "published" in overrides:
        try:
            overrides["published"] = _to_date(overrides["published"])
        except ValueError as exc:
            raise ParameterError("published", str(exc)) from None

    p = _check_path(path)
    data = _read_bytes(p)
    looks_like = _binary_kind(data)
    if looks_like:
        raise ArticleError(p, f"looks like {looks_like}, not an article; {_HOW_TO_CONVERT}")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        raise ArticleError(
            p,
            f"unsupported file type {suffix!r}; supported are "
            f"{', '.join(e for e in SUPPORTED_EXTENSIONS if e)} and files without an "
            "extension (read as plain text); if this file is plain text, rename it to .txt",
        )
    is_html = suffix in _HTML_EXTENSIONS
    text = _normalise(_decode(p, data, html=is_html))
    if not text:
        raise ArticleError(p, "contains only whitespace; put the article text in it")

    defaults: dict[str, Any] = {"id": p.stem if suffix else p.name}
    found: dict[str, Any] = {}  # front matter or HTML meta, lower precedence than sidecar
    if is_html:
        text, found = _from_html(p, text)
    else:
        found, text = _split_front_matter(p, text)
        if suffix in _MARKDOWN_EXTENSIONS:
            text, heading = _strip_markdown(text)
            if heading:
                defaults["title"] = heading
        text = _normalise(text)
        if not text:
            raise ArticleError(p, "has front matter but no article text after it")
    metadata = {**defaults, **found, **_read_sidecar(p), **overrides}
    return Article(text=text, path=str(path), **metadata)


_HOW_TO_CONVERT = "save the article's text as .txt (UTF-8), .md or .html and read that file"


def _check_path(path: object) -> Path:
    if not isinstance(path, str | os.PathLike):
        raise ParameterError(
            "path",
            f"expected a file path (str or pathlib.Path), got {type(path).__name__}; "
            "for text already in memory use Article.from_text(text)",
        )
    looks_like_text = isinstance(path, str) and ("\n" in path or len(path) > 1024)
    p = Path(path)
    try:
        exists = p.exists()
    except (OSError, ValueError):  # embedded NUL, name too long
        exists = False
    if not exists:
        shown = repr(path[:60] + "...") if looks_like_text else p
        if looks_like_text:
            hint = "this looks like article text, not a path: use Article.from_text(text)"
        else:
            hint = f"check the path (relative paths are resolved against {Path.cwd()})"
        raise ArticleError(shown, f"no such file; {hint}")
    if p.is_dir():
        candidates = sorted(
            c.name for c in p.iterdir() if c.is_file() and c.suffix.lower() in SUPPORTED_EXTENSIONS
        )
        hint = (
            f"it holds {len(candidates)} readable file(s), e.g. {candidates[0]!r}"
            if candidates
            else "it holds no .txt, .md or .html files"
        )
        raise ArticleError(
            p, f"is a directory, not an article file; pass one file ({hint}) or loop over them"
        )
    return p


def _read_bytes(p: Path) -> bytes:
    try:
        data = p.read_bytes()
    except PermissionError:
        raise ArticleError(
            p, "permission denied; make the file readable (chmod u+r) or copy it somewhere readable"
        ) from None
    except OSError as exc:
        raise ArticleError(p, f"cannot be read ({exc.strerror or exc}); check the file") from None
    if not data:
        raise ArticleError(p, "the file is empty (0 bytes); put the article text in it")
    return data


_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt/.epub, which are ZIP files)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}


def _binary_kind(data: bytes) -> str | None:
    """Describe what binary data looks like, or None for text."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text legitimately contains NUL bytes
    head = data[:8192]
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    if sum(byte in _CONTROL_BYTES for byte in head) > len(head) * 0.05:
        return "binary data (it is full of control characters)"
    return None


_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
#: Legacy encodings preferred when charset-normalizer finds them as plausible as its best
#: guess: for short Western texts it often picks cp1250, which turns "à" into "ŕ".
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def _stray_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("sahel_analysis.cp1252", _stray_as_cp1252)


def _mixed_utf8(data: bytes) -> str | None:
    """Decode UTF-8 text with stray legacy bytes in it (pasted cp1252 quotes and dashes).

    Returns None unless the valid UTF-8 non-ASCII characters outnumber the bytes that
    are not UTF-8: then the file is UTF-8 and each stray byte is read as cp1252.
    """
    valid = data.decode("utf-8", errors="ignore")
    stray_bytes = len(data) - len(valid.encode("utf-8"))
    non_ascii = len(valid) - len(valid.encode("ascii", errors="ignore"))
    if non_ascii <= stray_bytes:
        return None
    return data.decode("utf-8", errors="sahel_analysis.cp1252")


def _decode(p: Path, data: bytes, *, html: bool = False) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ArticleError(
                    p,
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"({exc.reason} at byte {exc.start}); re-save the file as UTF-8",
                ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    mixed = _mixed_utf8(data)
    if mixed is not None:
        return mixed
    if html:
        declared = _CHARSET_RE.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ArticleError(
            p,
            f"cannot be decoded as text: not UTF-8 ({utf8_error.reason} at byte "
            f"{utf8_error.start}) and no other encoding fits; re-save the file as UTF-8",
        )
    for match in matches:
        if match.chaos > best.chaos + 0.01:
            continue
        for encoding in _WESTERN:
            if encoding in (match.could_be_from_charset or [match.encoding]):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    continue
    return str(best)


# --------------------------------------------------------------------------- metadata


def _sidecar_path(p: Path) -> Path:
    return p.with_suffix(".json") if p.suffix else p.with_name(p.name + ".json")


def _read_sidecar(p: Path) -> dict[str, Any]:
    """Read ``<name>.json`` beside the article; {} if there is none."""
    sidecar = _sidecar_path(p)
    if not sidecar.is_file():
        return {}
    what = f"metadata sidecar of {p.name}"
    try:
        raw = sidecar.read_bytes().decode("utf-8-sig")
    except PermissionError:
        raise ArticleError(sidecar, f"{what}: permission denied; make it readable") from None
    except UnicodeDecodeError as exc:
        raise ArticleError(
            sidecar, f"{what} is not UTF-8 ({exc.reason} at byte {exc.start}); re-save it as UTF-8"
        ) from None
    try:
        meta = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ArticleError(
            sidecar,
            f"malformed {what}: {exc.msg} at line {exc.lineno}, column {exc.colno}; "
            "fix the JSON (format in seeds/README.md) or delete the file",
        ) from None
    if not isinstance(meta, dict):
        raise ArticleError(
            sidecar, f'{what} must be a JSON object like {{"published": "2022-02-17"}}'
        )
    if _FACT_KEYS & set(meta):
        # a facts file (the JSON export, or a gold file for `evaluate`) beside its
        # article: its metadata counts, its fact tables and copy of the text do not
        meta = {k: v for k, v in meta.items() if k in METADATA_KEYS}
    unknown = sorted(set(meta) - set(METADATA_KEYS))
    if unknown:
        raise ArticleError(
            sidecar,
            f"{what} has unknown key(s) {', '.join(map(repr, unknown))}; "
            f"allowed keys are {', '.join(METADATA_KEYS)}",
        )
    found: dict[str, Any] = {}
    for key, value in meta.items():
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise ArticleError(
                sidecar, f"{what}: {key!r} must be a non-empty string or null, got {value!r}"
            )
        if key == "published":
            try:
                value = _to_date(value)
            except ValueError as exc:
                raise ArticleError(sidecar, f"{what}: 'published' {exc}") from None
        found[key] = value
    return found


def _split_front_matter(p: Path, text: str) -> tuple[dict[str, Any], str]:
    """Split ``---``-delimited ``key: value`` front matter from the text."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise ArticleError(
            p,
            "front matter opened by '---' on line 1 is never closed; add a '---' line after "
            "the metadata, or remove line 1 if it is not front matter",
        )
    found: dict[str, Any] = {}
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip() or line.lstrip().startswith("#") or line[:1].isspace():
            continue  # blank, comment, or continuation of a key we ignore
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:(.*)$", line)
        if not match:
            raise ArticleError(
                p, f"front matter line {number} ({line.strip()!r}) is not 'key: value'; fix it"
            )
        key, value = match.group(1).lower(), match.group(2).strip()
        if key not in METADATA_KEYS:
            continue
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if value in ("", "null", "~"):
            continue
        if key == "published":
            try:
                value = _to_date(value)
            except ValueError as exc:
                raise ArticleError(p, f"front matter line {number}: published {exc}") from None
        found[key] = value
    return found, "\n".join(lines[end + 1 :])


_HEADING_RE = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_MARKDOWN_SUBS = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=\S)(.+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
)


def _strip_markdown(text: str) -> tuple[str, str | None]:
    """Remove heading markers, emphasis and link syntax; return the first heading too."""
    first = _HEADING_RE.search(text)
    text = _HEADING_RE.sub(r"\1", text)
    for pattern, replacement in _MARKDOWN_SUBS:
        text = pattern.sub(replacement, text)
    heading = None
    if first:
        heading = first.group(1)
        for pattern, replacement in _MARKDOWN_SUBS:
            heading = pattern.sub(replacement, heading)
    return text, heading or None


_REMOVED_TAGS = ["script", "style", "nav", "header", "footer", "aside", "noscript", "template"]
_BLOCK_TAGS = [
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "blockquote", "pre", "tr", "dt", "dd", "figcaption", "table", "ul", "ol",
]  # fmt: skip
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
)
_LEADING_DATE_RE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def _from_html(p: Path, html: str) -> tuple[str, dict[str, Any]]:
    """Extract the main text and metadata (title, published, source, url) of a page."""
    import trafilatura
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        content = (tag.get("content") or "").strip()
        if key and content:
            meta.setdefault(key, content)
    found: dict[str, Any] = {}
    title = meta.get("og:title") or meta.get("twitter:title")
    if not title and soup.title and soup.title.string:
        title = soup.title.string
    if title and title.strip():
        found["title"] = " ".join(title.split())
    dates = [meta[k] for k in _PUBLISHED_META if k in meta]
    dates += [t["datetime"] for t in soup.find_all("time") if t.get("datetime")]
    for candidate in dates:
        match = _LEADING_DATE_RE.match(candidate)
        if match:
            try:
                found["published"] = dt.date.fromisoformat(match.group(1))
                break
            except ValueError:
                continue
    if meta.get("og:site_name"):
        found["source"] = meta["og:site_name"]
    canonical = soup.find("link", rel="canonical")
    url = meta.get("og:url") or (canonical.get("href") if canonical else None)
    if url:
        found["url"] = url.strip()

    # Checked first: on a page with only boilerplate, trafilatura returns the menu text.
    fallback = _body_text(soup)
    if not fallback:
        raise ArticleError(
            p,
            "no article text found in the HTML; check that the page is not empty or "
            "rendered by JavaScript, or save its text as .txt",
        )
    text = _normalise(trafilatura.extract(html, include_comments=False) or "")
    return text or fallback, found


def _body_text(soup: Any) -> str:
    """Visible text of <body> without boilerplate elements, one block per line."""
    body = soup.body or soup
    for tag in body.find_all(_REMOVED_TAGS):
        tag.decompose()
    marker = "\ue000"  # private-use character marking block boundaries
    for tag in body.find_all("br"):
        tag.replace_with(marker)
    for tag in body.find_all(_BLOCK_TAGS):
        tag.insert_before(marker)
        tag.insert_after(marker)
    blocks = (" ".join(block.split()) for block in body.get_text().split(marker))
    return "\n".join(block for block in blocks if block)


# --------------------------------------------------------------------------- seed


def seed_path() -> Path:
    """Path of the seed article shipped with the package, the embedded default.

    The package holds a copy of the repository's ``seeds/`` files (a test keeps the
    two identical); a repository checkout's ``seeds/`` is the fallback.

    Returns
    -------
    pathlib.Path
        ``.../seeds/2022-02-17_france-withdraws-from-mali.txt``; its metadata is in
        the ``.json`` sidecar beside it.

    Raises
    ------
    DataError
        If the installation lacks the seed.

    Examples
    --------
    >>> seed_path().name
    '2022-02-17_france-withdraws-from-mali.txt'
    """
    name = f"{_SEED_NAME}.txt"
    packaged = resources.files("sahel_analysis") / "seeds" / name
    if isinstance(packaged, Path) and packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "seeds" / name
    if checkout.is_file():
        return checkout
    raise DataError(
        f"the seed article {name} is missing (looked in {packaged} and {checkout}); "
        "reinstall sahel-analysis"
    )


def read_seed() -> Article:
    """Read the seed article: France and its allies withdrawing from Mali (2022-02-17).

    Returns
    -------
    Article

    Examples
    --------
    >>> seed = read_seed()
    >>> seed.source, seed.published
    ('Brussels Morning Newspaper', datetime.date(2022, 2, 17))
    >>> seed.text.startswith("Belgium (Brussels Morning Newspaper)")
    True
    """
    return read_article(seed_path())
