-- apply changes
create table traffic_log (
  id                            integer not null,
  user_id                       integer not null,
  server_name                   varchar(32) not null,
  day                           date not null,
  bytes                         integer not null,
  constraint pk_traffic_log primary key (id)
);

-- what readers see: the folded daily totals and the rows not yet folded, in one statement (domain.DailyUsage)
create view daily_usage as
  select user_id, server_name, day, bytes from daily_traffic
  union all
  select user_id, server_name, day, bytes from traffic_log;
