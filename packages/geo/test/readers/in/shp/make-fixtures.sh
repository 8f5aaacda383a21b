#!/bin/sh
# Regenerates the Shapefile fixtures (zips) from the GeoJSON in src/ with GDAL's ogr2ogr.
# Run by hand only (needs gdal-bin and zip); the tests never call GDAL.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
shp() { # shp NAME SRC ogr2ogr-options...
  name=$1 src=$2; shift 2
  mkdir -p "$T/$name"
  ogr2ogr -f "ESRI Shapefile" "$@" "$T/$name/$name.shp" "src/$src"
}
pack() { # pack ZIP DIR [files...] — zip the given files of DIR flat (no folder)
  zipname=$1 dir=$2; shift 2
  rm -f "$zipname"
  (cd "$T/$dir" && zip -q -X "$OLDPWD/$zipname" "$@")
}

# a) CGCS2000 3° GK zone 37 with zone prefix (EPSG:4525), GBK attributes, .cpg saying GBK.
shp kelan-4525-gbk kelan.geojson -s_srs EPSG:4490 -t_srs EPSG:4525 -lco ENCODING=CP936
printf 'GBK' > "$T/kelan-4525-gbk/kelan-4525-gbk.cpg"
pack kelan-4525-gbk.zip kelan-4525-gbk kelan-4525-gbk.shp kelan-4525-gbk.shx kelan-4525-gbk.dbf kelan-4525-gbk.prj kelan-4525-gbk.cpg
# c) the same GBK attributes without .cpg (encoding detected); e) a .cpg saying UTF-8 over GBK bytes; e) no .dbf.
pack kelan-4525-gbk-no-cpg.zip kelan-4525-gbk kelan-4525-gbk.shp kelan-4525-gbk.shx kelan-4525-gbk.dbf kelan-4525-gbk.prj
printf 'UTF-8\r\n' > "$T/kelan-4525-gbk/kelan-4525-gbk.cpg"
pack err-cpg-utf8-over-gbk.zip kelan-4525-gbk kelan-4525-gbk.shp kelan-4525-gbk.shx kelan-4525-gbk.dbf kelan-4525-gbk.prj kelan-4525-gbk.cpg
pack err-missing-dbf.zip kelan-4525-gbk kelan-4525-gbk.shp kelan-4525-gbk.shx kelan-4525-gbk.prj

# b) EPSG:4546 (3° GK CM 111E, no prefix), UTF-8 attributes, no .cpg, inside a sub-folder.
shp 图斑 kelan-utf8.geojson -s_srs EPSG:4490 -t_srs EPSG:4546 -lco ENCODING=UTF-8
rm "$T/图斑/图斑.cpg"
mkdir -p "$T/b/岢岚县图斑" && cp "$T/图斑/"* "$T/b/岢岚县图斑/"
rm -f kelan-4546-utf8.zip && (cd "$T/b" && zip -q -X -r "$OLDPWD/kelan-4546-utf8.zip" 岢岚县图斑)
# e) the same without .prj: unprefixed Y, zone unknown.
pack err-no-prj-no-zone.zip 图斑 图斑.shp 图斑.shx 图斑.dbf

# d) lon/lat points (EPSG:4490), UTF-8 with .cpg.
shp points-4490 points.geojson -a_srs EPSG:4490 -lco ENCODING=UTF-8
pack points-4490.zip points-4490 points-4490.shp points-4490.shx points-4490.dbf points-4490.prj points-4490.cpg

# The error layers below are GBK (ogr2ogr writes the .cpg "CP936"): in UTF-8 ogr2ogr would cut the
# 12-byte field name 图斑编号 to 10 bytes, mid-character.
# e) Xi'an 1980 3° GK CM 114E (EPSG:2383).
shp xian80 xian80.geojson -a_srs EPSG:2383 -lco ENCODING=CP936
pack err-xian80.zip xian80 xian80.shp xian80.shx xian80.dbf xian80.prj xian80.cpg
# e) a bow tie (feature 1) in EPSG:4525.
shp self-x self-intersection.geojson -s_srs EPSG:4490 -t_srs EPSG:4525 -lco ENCODING=CP936
pack err-self-intersection.zip self-x self-x.shp self-x.shx self-x.dbf self-x.prj self-x.cpg
# e) a polygon in Paris (feature 1), lon/lat.
shp outside outside-china.geojson -a_srs EPSG:4490 -lco ENCODING=CP936
pack err-outside-china.zip outside outside.shp outside.shx outside.dbf outside.prj outside.cpg
# e) zone 37 and zone 38 prefixes in one layer, no .prj.
shp mixed mixed-zones.geojson -lco ENCODING=CP936
pack err-mixed-zones.zip mixed mixed.shp mixed.shx mixed.dbf mixed.cpg
