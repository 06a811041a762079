-- apply alter tables
alter table traffic_snapshot add column generation integer default 0 not null;
