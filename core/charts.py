"""Chart primitives every output shares: colours, markers, Dutch number separators, the matplotlib
style and lock, SVG writing and a cache of drawn charts by content hash.

Below every app (the report, the dashboard and the budget screens draw with it), so no app's
charts import another app's. Deterministic: a fixed hash salt, no date in the metadata and text as
text in a fixed font, so the same figures give the same bytes.
"""

import base64
import hashlib
import io
import json
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

from core.shared_cache import shared  # noqa: E402

# Distinguishable in greyscale and for colour-blind readers; markers and dashes add a second cue.
COLOURS = ["#1b4f72", "#b3003c", "#1e6b34", "#8a4b00", "#5b2c6f", "#4a4a4a"]
MARKERS = ["o", "s", "^", "D", "v", "P"]
LINESTYLES = ["-", "--", "-.", ":", "-", "--"]
GRID_COLOUR = "#dddddd"
NOTE_COLOUR = "#4a4a4a"

DUTCH_SEPARATORS = str.maketrans(",.", ".,")

RC = {
    "svg.hashsalt": "monitor-sociaal-domein",
    # Text stays text (WeasyPrint sets it in the same font): smaller files, faster PDFs.
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}

# pyplot and matplotlib's font cache keep global state: charts are drawn one at a time, also in a
# threaded worker.
lock = threading.Lock()


def dutch(value: float, digits: int = 10) -> str:
    """A number with Dutch separators (1.234,5) for axis ticks."""
    return f"{value:,.{digits}g}".translate(DUTCH_SEPARATORS)


def dutch_whole(value: float) -> str:
    return f"{value:,.0f}".translate(DUTCH_SEPARATORS)


def svg_bytes(fig) -> bytes:
    """The figure as SVG, without a date (the same chart gives the same bytes)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


# --- drawn charts by content hash -----------------------------------------------------------------
# A report is made again and again while its texts are written (and every version after it), with
# the same figures in almost every chart; drawing is the costly part (~0,1 s a chart). A chart is
# identified by everything it is drawn from (``key_parts``: figures, labels, colours and the
# version of the drawing code), so a hit is the same bytes that drawing would give.
MEMORY_ENTRIES = 512
CACHE_SECONDS = 7 * 24 * 3600
_memory: OrderedDict[str, object] = OrderedDict()
_memory_lock = threading.Lock()


_namespace = "chart:"


def content_key(*parts) -> str:
    data = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return _namespace + hashlib.sha256(data.encode()).hexdigest()


def cached_drawing(key: str, draw: Callable[[], object]):
    """What ``draw`` returns (an SVG, or an SVG with facts about it), from the cache under ``key``
    (this process first, then the shared cache) when it was drawn before."""
    with _memory_lock:
        if key in _memory:
            _memory.move_to_end(key)
            return _memory[key]
    svg = shared("get", key)
    if svg is None:
        svg = draw()
        shared("set", key, svg, CACHE_SECONDS)
    with _memory_lock:
        _memory[key] = svg
        while len(_memory) > MEMORY_ENTRIES:
            _memory.popitem(last=False)
    return svg


def forget_drawn(shared: bool = False) -> None:
    """Empty this process's part of the cache (tests, benchmarks of cold drawing); ``shared``:
    also stop reading what the shared cache holds, for this process (a fresh key space)."""
    global _namespace
    with _memory_lock:
        _memory.clear()
        if shared:
            _namespace = f"chart:{uuid.uuid4().hex}:"
