"""One self-contained HTML page: vis-network, the map script, the styles and the data, inlined.

Nothing is fetched when the page opens: there is no ``<link>``, no ``src=`` and no web font,
and a Content-Security-Policy in the page itself allows only the page's own scripts (by their
SHA-256), so even a label that slipped through as markup could neither run nor load anything.
Data travels as JSON in a ``<script type="application/json">`` block, with ``<``, ``>`` and
``&`` escaped, so a label cannot close the block.

``vis-network.min.js`` (9.1.2, Apache-2.0 or MIT) is the standalone build that pyvis 0.3.2
bundles (``pyvis/lib/vis-9.1.2/``); it is read from the installed pyvis package.

Example
-------
>>> from abegraph.visualize.page import json_for_script, render_page
>>> json_for_script({"label": "</script><img src=x onerror=alert(1)>"})
'{"label":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
>>> page = render_page("<b>T</b>", body='<div id="x"></div>')
>>> "&lt;b&gt;T&lt;/b&gt;" in page and "http" not in page.split("<script>")[0].replace("http-equiv", "")
True
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib import resources

__all__ = ["asset_text", "json_for_script", "render_page", "VIS_NETWORK_VERSION"]

#: the vis-network release inlined in every map
VIS_NETWORK_VERSION = "9.1.2"

_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


#: assets taken from the installed pyvis package rather than kept here
_FROM_PYVIS = {"vis-network.min.js": f"lib/vis-{VIS_NETWORK_VERSION}/vis-network.min.js"}


@lru_cache(maxsize=None)
def asset_text(name: str) -> str:
    """The text of an asset, without any source-map comment (a browser's developer tools
    would otherwise try to fetch the map file): ``visualize/assets/<name>``, or for
    vis-network the build that the installed pyvis package ships."""
    if name in _FROM_PYVIS:
        text = resources.files("pyvis").joinpath(_FROM_PYVIS[name]).read_text(encoding="utf-8")
    else:
        text = resources.files("abegraph.visualize").joinpath("assets", name).read_text(encoding="utf-8")
    return _SOURCE_MAP.sub("", text)


def json_for_script(data) -> str:
    """``data`` as compact JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_page(title: str, *, body: str, scripts: tuple[str, ...] = (), styles: tuple[str, ...] = (),
                lang: str = "th", body_class: str = "") -> str:
    """A complete HTML document.

    Parameters
    ----------
    title : str
        Plain text (escaped here).
    body : str
        Markup of the body, already escaped by the caller.
    scripts, styles : tuple of str
        JavaScript and CSS texts, inlined in this order; only these scripts may run.
    """
    for script in scripts:
        if "</script" in script.lower():
            raise ValueError("an inlined script must not contain '</script'")
    csp = ("default-src 'none'; script-src " + " ".join(_sha256(s) for s in scripts)
           + "; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">',
        '<meta name="generator" content="abegraph">',
        f"<title>{html.escape(title)}</title>",
        *(f"<style>{style}</style>" for style in styles),
        "</head>",
        f'<body class="{html.escape(body_class)}">' if body_class else "<body>",
        body,
        *(f"<script>{script}</script>" for script in scripts),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)
