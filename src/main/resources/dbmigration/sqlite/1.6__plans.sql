-- drop dependencies
-- not supported: alter table vpn_user drop constraint if exists ck_vpn_user_reset_strategy;
-- apply changes
create table plan (
  id                            integer not null,
  created_at                    timestamp not null,
  name                          varchar(32) not null,
  protocol                      varchar(32) not null,
  limit_bytes                   integer not null,
  days                          integer not null,
  reset_strategy                varchar(16) not null,
  reset_day                     integer default 0 not null,
  version                       integer not null,
  modified_at                   timestamp not null,
  constraint ck_plan_reset_strategy check ( reset_strategy in ('none','daily','weekly','monthly')),
  constraint uq_plan_name unique (name),
  constraint pk_plan primary key (id)
);

-- apply post alter
-- not supported: alter table vpn_user add constraint ck_vpn_user_reset_strategy check ( reset_strategy in ('none','daily','weekly','monthly'));
