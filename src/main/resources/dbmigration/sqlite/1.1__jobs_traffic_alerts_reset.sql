-- apply changes
create table alert_record (
  id                            integer not null,
  alert_key                     varchar(200) not null,
  recipient                     varchar(64) not null,
  message_key                   varchar(64) not null,
  args                          clob not null,
  raised_at                     timestamp,
  sent_at                       timestamp,
  version                       integer not null,
  created_at                    timestamp not null,
  modified_at                   timestamp not null,
  constraint uq_alert_record_alert_key unique (alert_key),
  constraint pk_alert_record primary key (id)
);

create table daily_traffic (
  id                            integer not null,
  user_id                       integer not null,
  server_name                   varchar(32) not null,
  day                           date not null,
  bytes                         integer not null,
  constraint uq_daily_traffic_user_id_server_name_day unique (user_id,server_name,day),
  constraint pk_daily_traffic primary key (id)
);

create table traffic_counter (
  id                            integer not null,
  server_name                   varchar(32) not null,
  counter_key                   varchar(128) not null,
  last_value                    integer not null,
  constraint uq_traffic_counter_server_name_counter_key unique (server_name,counter_key),
  constraint pk_traffic_counter primary key (id)
);

-- apply alter tables
alter table vpn_user add column reset_day integer default 0 not null;
alter table vpn_user add column next_reset_at timestamp;
-- foreign keys and indices
create index ix_vpn_user_next_reset_at on vpn_user (next_reset_at);
create index ix_vpn_user_status_expires_at on vpn_user (status,expires_at);
