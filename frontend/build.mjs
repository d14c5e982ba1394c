// Copies the dist files the web app needs from node_modules into the package's static/vendor
// folder and writes vendor/MANIFEST.json (package, version, licence, file, sha256).
// Run through `make static` (npm ci first). The output is committed, so running or testing the
// app never needs npm.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "src", "claimledger", "web", "static", "vendor");

// package -> files under the package folder (kept at the same relative paths, minus "dist/")
const WANTED = {
  leaflet: [
    "dist/leaflet.js",
    "dist/leaflet.css",
    "dist/images/layers.png",
    "dist/images/layers-2x.png",
    "dist/images/marker-icon.png",
    "dist/images/marker-icon-2x.png",
    "dist/images/marker-shadow.png",
    "LICENSE",
  ],
  "leaflet.markercluster": [
    "dist/leaflet.markercluster.js",
    "dist/MarkerCluster.css",
    "dist/MarkerCluster.Default.css",
    "MIT-LICENCE.txt",
  ],
  // the UMD bundle carries its one dependency, @kurkle/color (MIT), inside it
  "chart.js": ["dist/chart.umd.min.js", "LICENSE.md"],
  // an offline base map: Natural Earth's land at 1:50m (coasts only, no borders to argue over)
  "world-atlas": ["land-50m.json", "LICENSE"],
  "topojson-client": ["dist/topojson-client.min.js", "LICENSE"],
};

rmSync(vendor, { recursive: true, force: true });
const files = [];
for (const [name, paths] of Object.entries(WANTED)) {
  const meta = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
  for (const path of paths) {
    const target = join(name, path.replace(/^dist\//, ""));
    const bytes = readFileSync(join(modules, name, path));
    mkdirSync(dirname(join(vendor, target)), { recursive: true });
    copyFileSync(join(modules, name, path), join(vendor, target));
    files.push({
      package: name,
      version: meta.version,
      licence: meta.license,
      source: path,
      file: target,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  }
}
writeFileSync(join(vendor, "MANIFEST.json"), JSON.stringify({ files }, null, 2) + "\n");
console.log(`vendored ${files.length} files into ${vendor}`);
