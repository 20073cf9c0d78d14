"""The ask form's similar-questions script, run under Node.js against a small fake DOM."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed here")
def test_similar_script_debounces_lists_five_results_and_never_writes_markup():
    result = subprocess.run(
        [
            shutil.which("node"),
            str(ROOT / "tests/search/js/similar_test.js"),
            str(ROOT / "website/static/website/js/similar.js"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "similar.js: ok" in result.stdout
