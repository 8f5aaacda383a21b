import { useCallback } from 'react';
import { useI18n, type Label } from '../i18n';

/**
 * UI text of the map, drawing, boundary and import screens, Chinese first with English. Kept beside
 * the map code (not in the shared dictionary) so the lazily loaded map chunk carries its own text.
 */
const TEXT = {
  // base layers
  'base.title': { zh: '底图', en: 'Base map' },
  'base.none': { zh: '无底图（离线）', en: 'None (offline)' },
  'base.tdtVec': { zh: '天地图矢量', en: 'Tianditu vector' },
  'base.tdtImg': { zh: '天地图影像', en: 'Tianditu imagery' },
  'base.attribution': { zh: '底图：天地图（国家地理信息公共服务平台）', en: 'Base map: Tianditu (National Platform for Common Geospatial Information Services)' },
  'base.offlineNote': { zh: '未配置天地图密钥：地图只显示行政区界线和监管对象，不访问外网', en: 'No Tianditu key configured: the map shows region boundaries and sites only and requests nothing from outside' },
  // boundaries
  'boundary.legend': { zh: '行政区界线', en: 'Region boundaries' },
  'boundary.none': { zh: '本区域尚未上传界线', en: 'No boundary uploaded for this region yet' },
  'boundary.upload': { zh: '上传界线', en: 'Upload boundary' },
  'boundary.uploadTitle': { zh: '上传行政区界线（官方文件）', en: 'Upload an official region boundary' },
  'boundary.region': { zh: '区域', en: 'Region' },
  'boundary.file': { zh: '界线文件', en: 'Boundary file' },
  'boundary.fileHelp': {
    zh: 'GeoJSON、含 .prj 的 Shapefile 压缩包（.zip）或 KML/KMZ；坐标为 CGCS2000 经纬度或高斯-克吕格投影。请使用自然资源部门提供的官方界线，不要使用网络地图（GCJ-02）数据',
    en: 'GeoJSON, a zipped Shapefile with its .prj, or KML/KMZ; CGCS2000 longitude/latitude or Gauss–Krüger. Use the official boundary from the natural-resources authority, not web-map (GCJ-02) data',
  },
  'boundary.source': { zh: '数据来源', en: 'Source' },
  'boundary.sourceHelp': { zh: '如：某县自然资源局 2023 年行政区划界线', en: 'e.g. county natural resources bureau, 2023 boundary' },
  'boundary.codeField': { zh: '区划代码字段（可选）', en: 'Region-code field (optional)' },
  'boundary.codeFieldHelp': {
    zh: '文件含多个区域（如全县各乡镇）时，填写保存区划代码的字段名，如 XZQDM；不填则文件中所有面合为本区域界线',
    en: 'For a file with many regions (e.g. every township), the attribute holding the region code, e.g. XZQDM; empty: all polygons together are this region’s boundary',
  },
  'boundary.saved': { zh: '已保存 {n} 个区域的界线', en: 'Boundaries of {n} region(s) saved' },
  'boundary.skipped': { zh: '另有 {n} 个要素不在本区域内，已跳过', en: '{n} feature(s) outside this region were skipped' },
  // drawing
  'draw.add': { zh: '新增点位', en: 'Add site' },
  'draw.point': { zh: '画点', en: 'Draw a point' },
  'draw.polygon': { zh: '画面', en: 'Draw an area' },
  'draw.hintPoint': { zh: '在地图上单击放置点位', en: 'Click on the map to place the site' },
  'draw.hintPolygon': { zh: '单击依次添加拐点，单击第一个点或双击结束', en: 'Click to add corners; click the first corner or double-click to finish' },
  'draw.cancel': { zh: '取消绘制', en: 'Cancel drawing' },
  'draw.unsupported': { zh: '该几何含内环或为多点，不能在地图上编辑；请在“编辑”中粘贴 GeoJSON 或重新导入', en: 'This geometry has holes or several points and cannot be edited on the map; paste GeoJSON in Edit or import it again' },
  // geometry editing on the site page
  // not 编辑…: the file's own 编辑 button must stay the only one of that name
  'edit.button': { zh: '修改边界', en: 'Edit geometry' },
  'edit.title': { zh: '编辑位置/边界：{name}', en: 'Edit location/boundary: {name}' },
  'edit.hint': { zh: '拖动拐点移动；拖动边中点增加拐点；拖动选中的面整体平移；选中拐点按 Delete 删除。“重新画点/重新画面”画完后替换原位置', en: 'Drag a corner to move it; drag an edge midpoint to add one; drag the selected shape to move it; select a corner and press Delete to remove it. “Draw a new point/area” replaces the old location when finished' },
  'edit.redrawPoint': { zh: '重新画点', en: 'Draw a new point' },
  'edit.redrawPolygon': { zh: '重新画面', en: 'Draw a new area' },
  'edit.save': { zh: '保存边界', en: 'Save geometry' },
  'edit.nothing': { zh: '没有可保存的几何，请先画点或画面', en: 'Nothing to save: draw a point or an area first' },
  'edit.unchanged': { zh: '边界没有变化', en: 'The geometry did not change' },
  'edit.saved': { zh: '边界已保存（版本 {version}）', en: 'Geometry saved (version {version})' },
  'edit.conflict': { zh: '保存失败：其他人已修改该监管对象', en: 'Not saved: someone else changed this site' },
  'edit.reload': { zh: '载入最新版本', en: 'Load the latest version' },
  'edit.areaNow': { zh: '当前面积约 {mu} 亩', en: 'Area now about {mu} mu' },
  // map page
  'map.import': { zh: '导入', en: 'Import' },
  'map.gridNote': { zh: '视野内对象过多，按网格汇总显示数量，放大查看', en: 'Too many sites in view: counts per grid cell; zoom in' },
  'map.cellCount': { zh: '此格 {n} 处，点击放大', en: '{n} sites here; click to zoom in' },
  'map.onlyIds': { zh: '仅显示刚导入的 {n} 处', en: 'Showing only the {n} just imported' },
  'map.showAll': { zh: '显示全部', en: 'Show all' },
  // import page
  'import.title': { zh: '导入监管对象', en: 'Import supervised objects' },
  'import.intro': {
    zh: '上传 Shapefile 压缩包（含 .shp .dbf .prj）、GeoJSON、KML/KMZ 或采矿许可证拐点坐标文本（CGCS2000 高斯-克吕格）。先预览核对，确认后一次性登记，任何一处错误都不会登记。',
    en: 'Upload a zipped Shapefile (.shp .dbf .prj), GeoJSON, KML/KMZ or licence corner-point text (CGCS2000 Gauss–Krüger). Check the preview, then register all at once; with any error nothing is registered.',
  },
  'import.file': { zh: '文件', en: 'File' },
  'import.pick': { zh: '选择文件', en: 'Choose file' },
  'import.kind': { zh: '对象类型', en: 'Kind' },
  'import.region': { zh: '所属区域', en: 'Region' },
  'import.nameField': { zh: '名称字段（可选）', en: 'Name field (optional)' },
  'import.nameFieldHelp': { zh: '属性表中保存名称的字段，如 MC、名称；不填则用要素编号', en: 'Attribute holding each name, e.g. MC; empty: the feature’s id or number' },
  'import.attributes': { zh: '每个对象的{kind}信息', en: '{kind} details for every imported site' },
  'import.zone': { zh: '高斯-克吕格分带（坐标无带号且无 .prj 时）', en: 'Gauss–Krüger zone (when Y has no zone prefix and there is no .prj)' },
  'import.zoneWidth': { zh: '分带', en: 'Zone width' },
  'import.zoneNumber': { zh: '带号', en: 'Zone number' },
  'import.zone3': { zh: '3°带', en: '3° zones' },
  'import.zone6': { zh: '6°带', en: '6° zones' },
  'import.zoneAuto': { zh: '自动（按 .prj 或带号）', en: 'Automatic (.prj or zone prefix)' },
  'import.sourceCrs': { zh: '经纬度来源', en: 'Longitude/latitude taken from' },
  'import.sourceCrsHelp': {
    zh: '仅对 GeoJSON、KML/KMZ 有效：坐标取自高德/腾讯地图（GCJ-02）或百度地图（BD-09）时选择，导入时纠正偏移',
    en: 'GeoJSON and KML/KMZ only: choose when the coordinates were taken from Amap/Tencent (GCJ-02) or Baidu (BD-09) maps; the offset is removed on import',
  },
  'import.sourceSurveyed': { zh: 'CGCS2000 / WGS84（测量、GPS）', en: 'CGCS2000 / WGS 84 (survey, GPS)' },
  'import.sourceGcj': { zh: '高德/腾讯地图（GCJ-02）', en: 'Amap/Tencent map (GCJ-02)' },
  'import.sourceBd': { zh: '百度地图（BD-09）', en: 'Baidu map (BD-09)' },
  'import.preview': { zh: '上传并预览', en: 'Upload and preview' },
  'import.previewTitle': { zh: '预览：{file}', en: 'Preview: {file}' },
  'import.count': { zh: '共 {n} 个对象，合计 {mu} 亩', en: '{n} sites, {mu} mu in total' },
  'import.col.index': { zh: '序号', en: 'No.' },
  'import.col.name': { zh: '名称', en: 'Name' },
  'import.col.type': { zh: '几何类型', en: 'Geometry' },
  'import.col.area': { zh: '面积（亩）', en: 'Area (mu)' },
  'import.commit': { zh: '确认登记 {n} 个对象', en: 'Register {n} sites' },
  'import.expires': { zh: '预览保留至 {at}', en: 'Preview kept until {at}' },
  'import.refused': { zh: '文件未通过检查，没有登记任何对象', en: 'The file did not pass the checks; nothing was registered' },
  'import.problems': { zh: '问题（{n}）', en: 'Problems ({n})' },
  'import.col.where': { zh: '位置', en: 'Where' },
  'import.col.problem': { zh: '问题', en: 'Problem' },
  'import.done': { zh: '已登记 {n} 个对象', en: '{n} sites registered' },
  'import.onMap': { zh: '在一张图中查看', en: 'See them on the map' },
  'import.toList': { zh: '查看监管对象列表', en: 'Open the site list' },
  'import.another': { zh: '继续导入', en: 'Import another file' },
  'import.fileRequired': { zh: '请选择文件', en: 'Choose a file' },
  'import.showing': { zh: '仅列出前 {n} 个', en: 'Only the first {n} are listed' },
} satisfies Record<string, Label>;

export type MapTextKey = keyof typeof TEXT;

/** `t('draw.add')`, `t('import.count', { n: 3, mu: '12.5' })` in the current language. */
export function useMapText(): (key: MapTextKey, vars?: Record<string, string | number>) => string {
  const { lang } = useI18n();
  return useCallback(
    (key, vars) => {
      let s: string = TEXT[key][lang];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [lang],
  );
}
