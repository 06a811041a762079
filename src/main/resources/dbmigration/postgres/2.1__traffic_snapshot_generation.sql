-- apply alter tables
alter table traffic_snapshot add column if not exists generation bigint default 0 not null;
