#!/bin/sh
# Regenerates the GDAL-written KML/KMZ fixtures from ../shp/src/kelan.geojson (hand-written ones
# are edited directly). Run by hand only (needs gdal-bin); the tests never call GDAL.
set -eu
cd "$(dirname "$0")"
rm -f ogr-kelan.kml ogr-kelan.kmz
ogr2ogr -f KML -dsco NameField=名称 ogr-kelan.kml ../shp/src/kelan.geojson
ogr2ogr -f LIBKML -dsco NameField=名称 ogr-kelan.kmz ../shp/src/kelan.geojson
