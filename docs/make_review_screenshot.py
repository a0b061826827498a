"""Re-create docs/review-screenshot.png: the default Scrubber on examples/report.txt, in Chromium.

    python docs/make_review_screenshot.py            # needs /usr/bin/chromium

The example report is synthetic (no real patient); the page is written to a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from radscrub import Scrubber
from radscrub.review import review_file

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def main(out: Path = ROOT / "docs" / "review-screenshot.png") -> None:
    """Write the screenshot to ``out``."""
    text = (ROOT / "examples" / "report.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        row = {"id": "examples/report.txt", "patient_id": "P-0001", "text": text}
        (folder / "example-report.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
        os.chdir(folder)  # so the page names the input "example-report.jsonl"
        summary = review_file("example-report.jsonl", folder / "review.html", Scrubber())
        subprocess.run(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={folder / 'profile'}",
                f"--screenshot={out}",
                "--window-size=1280,900",
                summary.path.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
    print(f"{summary.reports} report, {summary.spans} spans -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
