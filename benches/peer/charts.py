#!/usr/bin/env python3
"""The peer of `tourcentre report`'s charts: pandas + matplotlib drawing the same charts from the
same files, to compare speed (benches/report.rs; the README gives the ratio).

For every indicators/<id>.ron with data/<id>.csv it draws what tourcentre draws: the headline
series with gaps, its points, the target as a marked point, benchmark bands as a soft background,
title, unit and source, and saves a 960x540 PNG and an SVG.

    python3 -m venv /tmp/peer && /tmp/peer/bin/pip install pandas matplotlib
    cargo bench --no-default-features --bench report        # writes target/bench-report/indicators
    /tmp/peer/bin/python benches/peer/charts.py target/bench-report/indicators /tmp/peer-charts

It times the whole run in-process (imports excluded) and prints seconds and charts per second.
"""
import re
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


def field(text, name):
    match = re.search(rf"\b{name}\s*:\s*", text)
    return text[match.end():] if match else ""


def definition(path):
    text = path.read_text(encoding="utf-8")
    name = re.search(r'name\s*:\s*\(\s*uk\s*:\s*"([^"]*)"', text).group(1)
    unit = re.search(r'unit\s*:\s*"([^"]*)"', text).group(1)
    source = re.search(r'source\s*:\s*"([^"]*)"', text).group(1)
    higher = field(text, "direction").startswith("Higher")
    target = re.search(r"target\s*:\s*Some\(\(value:\s*([-\d.]+),\s*year:\s*(\d+)\)\)", text)
    bench = re.search(r"benchmark\s*:\s*Some\(\(green:\s*([-\d.]+),\s*red:\s*([-\d.]+)\)\)", text)
    return {
        "name": name,
        "unit": unit,
        "source": source,
        "higher": higher,
        "target": (float(target.group(1)), int(target.group(2))) if target else None,
        "benchmark": (float(bench.group(1)), float(bench.group(2))) if bench else None,
    }


def draw(meta, data, out_stem):
    fig, ax = plt.subplots(figsize=(9.6, 5.4), dpi=100)
    headline = data[[c for c in data.columns if c not in ("Year", "Units", "Value")]].isna().all(axis=1)
    series = data[headline].set_index("Year")["Value"].sort_index()
    years = list(series.index)
    if meta["target"]:
        years.append(meta["target"][1])
    values = list(series.dropna())
    if meta["target"]:
        values.append(meta["target"][0])
    low, high = min(values), max(values)
    low = 0 if low >= 0 and low <= high * 0.6 else low
    pad = (high - low) * 0.12 or 1
    ax.set_ylim(low, high + pad)
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    if meta["benchmark"]:
        green, red = meta["benchmark"]
        top, bottom = high + pad, low
        if meta["higher"]:
            ax.axhspan(green, top, color="#d6f0d6", label="зелена зона")
            ax.axhspan(red, green, color="#fceec4", label="жовта зона")
            ax.axhspan(bottom, red, color="#f8d7da", label="червона зона")
        else:
            ax.axhspan(bottom, green, color="#d6f0d6", label="зелена зона")
            ax.axhspan(green, red, color="#fceec4", label="жовта зона")
            ax.axhspan(red, top, color="#f8d7da", label="червона зона")
    # Reindexing to every year leaves NaN where a year has no value: matplotlib breaks the line.
    full = series.reindex(range(int(series.index.min()), int(series.index.max()) + 1))
    ax.plot(full.index, full.values, color="#174ea6", linewidth=3, marker="o", label="Спостереження")
    last_year, last_value = series.dropna().index[-1], series.dropna().iloc[-1]
    ax.annotate(f"{last_value:g}", (last_year, last_value), textcoords="offset points", xytext=(0, 8),
                ha="center", color="#174ea6", weight="bold")
    if meta["target"]:
        value, year = meta["target"]
        ax.plot([year], [value], marker="^", markersize=12, color="#b02a37", linestyle="none",
                label=f"Ціль {year}: {value:g}")
        ax.annotate(f"Ціль {year}: {value:g}", (year, value), textcoords="offset points",
                    xytext=(-14, 8), ha="right", color="#b02a37", weight="bold")
    ax.set_title(meta["name"], loc="left", fontsize=16, weight="bold")
    ax.set_ylabel(meta["unit"])
    ax.grid(axis="y", color="#e1e1e1")
    ax.legend(loc="upper left", fontsize=9)
    fig.text(0.02, 0.02, f"Джерело: {meta['source']}", fontsize=9, color="#606770")
    fig.savefig(f"{out_stem}.png")
    fig.savefig(f"{out_stem}.svg")
    plt.close(fig)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: charts.py INDICATORS_DIR OUT_DIR")
    indicators, out = Path(sys.argv[1]), Path(sys.argv[2])
    (out / "charts").mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    count = 0
    for ron in sorted(indicators.glob("*.ron")):
        csv = indicators / "data" / f"{ron.stem}.csv"
        if not csv.exists():
            continue
        draw(definition(ron), pd.read_csv(csv), out / "charts" / ron.stem)
        count += 1
    seconds = time.perf_counter() - start
    print(f"{count} charts (PNG + SVG) in {seconds:.2f} s, {count / seconds:.1f} charts/s")


if __name__ == "__main__":
    main()
