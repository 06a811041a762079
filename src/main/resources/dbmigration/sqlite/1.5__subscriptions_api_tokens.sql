-- apply changes
create table api_token (
  id                            integer not null,
  created_at                    timestamp not null,
  name                          varchar(32) not null,
  token_hash                    varchar(64) not null,
  read_only                     int default 0 not null,
  last_used_at                  timestamp,
  version                       integer not null,
  modified_at                   timestamp not null,
  constraint uq_api_token_name unique (name),
  constraint uq_api_token_token_hash unique (token_hash),
  constraint pk_api_token primary key (id)
);

create table subscription_token (
  id                            integer not null,
  created_at                    timestamp not null,
  user_id                       integer not null,
  token_hash                    varchar(64) not null,
  generation                    integer not null,
  version                       integer not null,
  modified_at                   timestamp not null,
  constraint uq_subscription_token_user_id unique (user_id),
  constraint uq_subscription_token_token_hash unique (token_hash),
  constraint pk_subscription_token primary key (id)
);

