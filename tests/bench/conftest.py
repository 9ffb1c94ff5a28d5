from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    # Called with the whole session's items: mark only the benchmarks in this folder.
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.bench)
