"""Safe file names from article ids and titles.

Ids come from untrusted input (file names, sidecars, the web). A name derived from one
must stay inside the output directory, be valid on common file systems and not collide
silently with the name of another id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["safe_name"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX = 80
_HASHED = re.compile(r"-[0-9a-f]{8}$")


def safe_name(identifier: str) -> str:
    """Return a file-system-safe name for ``identifier``.

    Ids that are already safe are kept as they are, unless they end like a hashed
    name (``-`` and 8 hex digits). Others are transliterated to
    ASCII, stripped of path separators, leading dots and control characters, cut to 80
    characters, and given a short hash of the original so that two different ids never
    map to the same name.

    Examples
    --------
    >>> safe_name("000_a3695cdb5900521c")
    '000_a3695cdb5900521c'
    >>> safe_name("../../etc/passwd")
    'etc_passwd-936d7c04'
    >>> safe_name("Niamey: à la une")
    'Niamey_a_la_une-84be7c4a'
    >>> safe_name("Niamey_a_la_une-84be7c4a")  # already safe, but kept it would collide
    'Niamey_a_la_une-84be7c4a-13c589d4'
    """
    if (
        re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}", identifier)
        and ".." not in identifier
        and not _HASHED.search(identifier)  # could be another id's safe name
    ):
        return identifier
    ascii_text = unicodedata.normalize("NFKD", identifier).encode("ascii", "ignore").decode()
    stem = _UNSAFE.sub("_", ascii_text).strip("._-")
    stem = re.sub(r"\.{2,}", ".", stem)[: _MAX - 9] or "article"
    digest = hashlib.sha1(identifier.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{stem}-{digest}"
