-- A 按日连续处罚 count also stops when the office moves the deadline to a day not yet passed (a new
-- 责令改正 period); if the new deadline is missed, the overdue job starts the count again from it.
alter table penalty_clock drop constraint penalty_clock_stop_reason_check;
alter table penalty_clock add constraint penalty_clock_stop_reason_check check (stop_reason in ('corrected', 'closed', 'voided', 'deadline_moved'));
