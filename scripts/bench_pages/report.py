"""The table of the page benchmark and the issue's targets (issue 13), as Markdown: printed,
written to a file, and copied into the README by hand."""

# floor ÷ page CPU each page must reach with the page cache off; German pages as English.
TARGETS_CACHE_OFF = {
    "registration form": 0.2,
    "registration form (de)": 0.2,
    "event page": 0.25,
    "event page (de)": 0.25,
    "programme": 0.25,
    "programme (de)": 0.25,
    "programme.ics": 0.25,
    "press page": 0.25,
    "session page": 0.4,
    "speaker page": 0.4,
}
TARGET_CACHE_ON = 2.0  # cacheable pages, page cache on
BIG_PROGRAMME_MAX_FACTOR = 5.0  # × the demo programme's CPU


def _verdict(value, target, *, at_most=False):
    met = value <= target if at_most else value >= target
    return "met" if met else "**missed**"


def _ratio(floor_ms, page_ms):
    return floor_ms / page_ms if page_ms else float("inf")


def page_rows(figures):
    """One row a page: cache off and on, each with CPU ms, requests/s, KB and floor ÷ page."""
    floor_ms = figures["floor"]["cpu_ms"]
    rows = []
    for page in figures["pages"]:
        off, on = page["off"], page["on"]
        ratio_off, ratio_on = _ratio(floor_ms, off["cpu_ms"]), _ratio(floor_ms, on["cpu_ms"])
        target = TARGETS_CACHE_OFF.get(page["name"])
        targets = [f"off ≥ {target}: {_verdict(ratio_off, target)}"] if target else []
        if page["cacheable"]:
            targets.append(f"on ≥ {TARGET_CACHE_ON:g}: {_verdict(ratio_on, TARGET_CACHE_ON)}")
        rows.append(
            f"| {page['name']} | {off['cpu_ms']:.1f} | {off['per_second']:.0f} "
            f"| {ratio_off:.3f} | {on['cpu_ms']:.2f} | {on['per_second']:.0f} "
            f"| {ratio_on:.2f} | {off['body_bytes'] / 1024:.1f} | {page['queries']} "
            f"| {'; '.join(targets) or '–'} |"
        )
    return rows


def big_programme_line(figures):
    by_name = {page["name"]: page["off"]["cpu_ms"] for page in figures["pages"]}
    big = next(name for name in by_name if name.startswith("programme, "))
    factor = by_name[big] / by_name["programme"]
    verdict = _verdict(factor, BIG_PROGRAMME_MAX_FACTOR, at_most=True)
    return (
        f"- {big} ÷ programme (CPU, cache off): {factor:.1f}× "
        f"(target ≤ {BIG_PROGRAMME_MAX_FACTOR:g}×: {verdict})"
    )


def render(figures):
    floor = figures["floor"]
    gzip = figures["gzip"]
    lines = [
        "# Page benchmark",
        "",
        f"{figures['settings']}",
        "",
        f"Floor (bare Django, 24-row template, startproject middleware): "
        f"{floor['cpu_ms']:.2f} CPU ms/request, {floor['per_second']:.0f} requests/s "
        f"(runs: {', '.join(f'{ms:.2f}' for ms in floor['runs_ms'])} ms).",
        "",
        "| page | off: CPU ms | off: req/s | off: floor ÷ page | on: CPU ms | on: req/s "
        "| on: floor ÷ page | KB | queries | targets |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *page_rows(figures),
        "",
        big_programme_line(figures),
        f"- Event page as transferred with `Accept-Encoding: gzip`: "
        f"{gzip['bytes'] / 1024:.1f} KB, Content-Encoding: {gzip['content_encoding'] or 'none'} "
        f"(uncompressed {gzip['plain_bytes'] / 1024:.1f} KB)",
        "- Queries: one request in-process with the page cache cleared (cold).",
    ]
    return "\n".join(lines) + "\n"
