import hashlib
from pathlib import Path

import pytest

from . import corpus


@pytest.fixture(scope="session")
def hostile_files(request) -> dict[str, bytes]:
    """The corpus, built once and kept in pytest's cache until corpus.py changes."""
    version = hashlib.sha256(Path(corpus.__file__).read_bytes()).hexdigest()[:12]
    cache = getattr(request.config, "cache", None)  # absent with -p no:cacheprovider
    if cache is None:
        return {case.name: case.build() for case in corpus.CASES}
    directory = Path(cache.mkdir(f"hostile-corpus-{version}"))
    files = {}
    for case in corpus.CASES:
        path = directory / case.name
        if not path.exists():
            path.write_bytes(case.build())
        files[case.name] = path.read_bytes()
    return files
