"""Render the Insights charts into one HTML page and screenshot it, to look at them.

    .venv/bin/python scripts/charts_demo.py [OUTPUT_DIRECTORY]   (default /tmp)

Writes charts-demo.html (charts.css inlined) and charts-desktop.png / charts-phone.png.
"""

import os
import sys
import tempfile
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
django.setup()

from django.utils import translation  # noqa: E402

from website.insights.charts import Series, bar_chart, line_chart  # noqa: E402

CSS = Path(__file__).resolve().parent.parent / "website/insights/static/insights/charts.css"
WEEKS = [f"2026-W{week:02d}" for week in range(27, 53)]
VIEWS = [120, 135, 128, None, 160, 171, 190, 205, 199, 230, 262, 250, 281, 300, 296, 320]
VIEWS += [340, 331, 365, 390, 402, 418, 430, 445, 470, 512]
PREVIOUS = [int(v * 0.8) if v else None for v in VIEWS[:-3]] + [400, 420, 430]
QUERIES = [
    "reset password",
    "كيف أغير كلمة المرور؟",
    "export invoices to CSV <script>alert(1)</script>",
    "خطأ 404 عند فتح الفاتورة",
    "a very long query somebody typed into the search box without stopping at all",
    "wagtail",
]
COUNTS = [412, 388, 120.5, 77, 33, 1]


def section(language: str, rtl: bool) -> str:
    with translation.override(language):
        if rtl:
            names, title, bars = (
                ("هذه الفترة", "الفترة السابقة"),
                "مشاهدات في الأسبوع",
                "أكثر البحث",
            )
        else:
            names, title, bars = (
                ("This period", "Previous period"),
                "Views per week",
                "Top searches",
            )
        trend = line_chart(
            labels=WEEKS,
            series=[Series(names[0], VIEWS), Series(names[1], PREVIOUS, style="previous")],
            title=title,
            rtl=rtl,
        )
        share = line_chart(
            labels=WEEKS[-6:],
            series=[Series("%", [33.3333, 41, 50, None, 47, 52.5])],
            title="Deflection",
            unit="%",
            rtl=rtl,
        )
        top = bar_chart(labels=QUERIES, values=COUNTS, title=bars, rtl=rtl)
        empty = line_chart(labels=[], series=[], title="Empty", rtl=rtl)
        big = bar_chart(labels=["1e9"], values=[1e9], title="Large", rtl=rtl)
    trend, share, top, empty, big = (
        f'<div class="insights-chart-frame">{chart}</div>'
        for chart in (trend, share, top, empty, big)
    )
    direction = "rtl" if rtl else "ltr"
    return (
        f'<section lang="{language}" dir="{direction}"><h2>{title}</h2>{trend}'
        f"<h2>Share</h2>{share}<h2>{bars}</h2>{top}<h2>Empty</h2>{empty}{big}</section>"
    )


def main() -> None:
    output = Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.gettempdir())
    page = output / "charts-demo.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width'>"
        '<link rel="stylesheet" href="insights/charts.css">'
        f"<style>body{{font-family:system-ui,sans-serif;margin:1rem;max-width:60rem}}"
        f"{CSS.read_text()}</style></head><body>"
        f"{section('en', rtl=False)}{section('ar', rtl=True)}</body></html>",
        encoding="utf-8",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for name, size in (("desktop", (1280, 800)), ("phone", (390, 844))):
            tab = browser.new_page(viewport={"width": size[0], "height": size[1]})
            tab.goto(page.as_uri())
            tab.screenshot(path=str(output / f"charts-{name}.png"), full_page=True)
        browser.close()
    print(page)


if __name__ == "__main__":
    main()
