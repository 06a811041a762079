-- apply changes
create table traffic_snapshot (
  id                            integer not null,
  server_name                   varchar(32) not null,
  epoch                         varchar(128) not null,
  counters                      clob not null,
  constraint uq_traffic_snapshot_server_name unique (server_name),
  constraint pk_traffic_snapshot primary key (id)
);

-- hand-written: carry the last-seen counters over, one row per server ("name TAB value" lines) with the epoch
-- the old code kept in state_entry 'traffic.epoch.SERVER'. Keys holding a tab or newline cannot be usernames
-- (common/Names), so they count nowhere and are left out. The old table is emptied, and dropped by Ebean's
-- pending drop in a later migration.
insert into traffic_snapshot (server_name, epoch, counters)
select c.server_name,
       coalesce((select e.value from state_entry e where e.state_key = 'traffic.epoch.' || c.server_name), ''),
       group_concat(c.counter_key || char(9) || c.last_value, char(10))
from traffic_counter c
where instr(c.counter_key, char(9)) = 0 and instr(c.counter_key, char(10)) = 0
group by c.server_name;
insert into traffic_snapshot (server_name, epoch, counters)
select substr(e.state_key, 15), coalesce(e.value, ''), ''
from state_entry e
where e.state_key like 'traffic.epoch.%'
  and not exists (select 1 from traffic_snapshot t where t.server_name = substr(e.state_key, 15));
delete from traffic_counter;
delete from state_entry where state_key like 'traffic.epoch.%';
