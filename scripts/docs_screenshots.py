"""Renders the screenshots under docs/ that the README shows: the demo's overview and agency reports,
audited on two nights so the 'since the last run' section has content, captured by headless Chromium."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SHOTS = (  # (page in the output, file under docs/, width, height)
    ("index.html", "index-1280.png", 1280, 1500),
    ("demo2/report.html", "report-1280.png", 1280, 2600),
    ("demo2/report.html", "report-375.png", 375, 2200),
)


def _audit(out: Path) -> None:
    for revision in ("1", "2"):
        subprocess.run([sys.executable, "-m", "crawler.cli", "demo", "--out", str(out), "--revision", revision],
                       cwd=REPO, check=True)


def _capture(url: str, path: Path, width: int, height: int) -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    subprocess.run([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={width},{height}", f"--screenshot={path}", url],
                   check=True, capture_output=True, timeout=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=REPO / "docs")
    args = parser.parse_args(argv)
    args.docs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "report"
        _audit(out)
        # The reports are self-contained files: Chromium opens them straight from disk, as a reader would.
        for page, name, width, height in SHOTS:
            _capture((out / page).as_uri(), args.docs / name, width, height)
            print(f"{args.docs / name}  ({page}, {width}×{height})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
