"""Screenshot pages of a freshly started app in headless Chromium: ``python tools/screenshot.py OUT_DIR path...``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    paths = sys.argv[2:] or ["/"]
    with streamlit_server() as (base, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for i, path in enumerate(paths):
            env = __import__("os").environ
            page = browser.new_page(
                viewport={"width": int(env.get("SHOT_WIDTH", "1440")), "height": int(env.get("SHOT_HEIGHT", "1000"))},
                color_scheme=env.get("SHOT_SCHEME", "dark"),
            )
            page.goto(base + path)
            page.wait_for_selector(".js-plotly-plot", timeout=60_000)
            page.wait_for_timeout(1500)
            name = out / f"{i:02d}-{path.strip('/').split('?')[0] or 'overview'}.png"
            page.screenshot(path=str(name), full_page=True)
            print(name, page.url)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
