-- apply changes
create table traffic_log (
  id                            integer not null,
  user_id                       integer not null,
  server_name                   varchar(32) not null,
  day                           date not null,
  bytes                         integer not null,
  constraint pk_traffic_log primary key (id)
);

create table traffic_patch (
  id                            integer not null,
  server_name                   varchar(32) not null,
  generation                    integer not null,
  counters                      clob not null,
  constraint uq_traffic_patch_server_name_generation unique (server_name,generation),
  constraint pk_traffic_patch primary key (id)
);

-- what readers see: the folded daily totals and the rows not yet folded, in one statement (domain.DailyUsage)
create view daily_usage as
  select user_id, server_name, day, bytes from daily_traffic
  union all
  select user_id, server_name, day, bytes from traffic_log;
