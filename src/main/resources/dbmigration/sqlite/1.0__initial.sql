-- apply changes
create table audit_entry (
  id                            integer not null,
  at                            timestamp not null,
  channel                       varchar(16) not null,
  actor                         varchar(255) not null,
  action                        varchar(64) not null,
  target                        varchar(64),
  detail                        varchar(1000),
  version                       integer not null,
  created_at                    timestamp not null,
  modified_at                   timestamp not null,
  constraint pk_audit_entry primary key (id)
);

create table chat_binding (
  id                            integer not null,
  platform                      varchar(16) not null,
  chat_id                       varchar(255) not null,
  user_id                       integer not null,
  language                      varchar(8),
  version                       integer not null,
  created_at                    timestamp not null,
  modified_at                   timestamp not null,
  constraint uq_chat_binding_platform_chat_id unique (platform,chat_id),
  constraint pk_chat_binding primary key (id),
  foreign key (user_id) references vpn_user (id) on delete restrict on update restrict
);

create table invite_token (
  id                            integer not null,
  token_hash                    varchar(64) not null,
  user_id                       integer not null,
  expires_at                    timestamp not null,
  used_at                       timestamp,
  version                       integer not null,
  created_at                    timestamp not null,
  modified_at                   timestamp not null,
  constraint uq_invite_token_token_hash unique (token_hash),
  constraint pk_invite_token primary key (id),
  foreign key (user_id) references vpn_user (id) on delete restrict on update restrict
);

create table state_entry (
  id                            integer not null,
  state_key                     varchar(128) not null,
  value                         clob,
  version                       integer not null,
  created_at                    timestamp not null,
  modified_at                   timestamp not null,
  constraint uq_state_entry_state_key unique (state_key),
  constraint pk_state_entry primary key (id)
);

create table used_nonce (
  id                            integer not null,
  nonce                         varchar(32) not null,
  used_at                       timestamp not null,
  version                       integer not null,
  created_at                    timestamp not null,
  modified_at                   timestamp not null,
  constraint uq_used_nonce_nonce unique (nonce),
  constraint pk_used_nonce primary key (id)
);

create table vpn_server (
  id                            integer not null,
  name                          varchar(32) not null,
  protocol                      varchar(32) not null,
  host                          varchar(253) not null,
  port                          integer not null,
  settings                      clob not null,
  deployed                      int default 0 not null,
  container_id                  varchar(128),
  docker_host                   varchar(200),
  version                       integer not null,
  created_at                    timestamp not null,
  modified_at                   timestamp not null,
  constraint uq_vpn_server_name unique (name),
  constraint pk_vpn_server primary key (id)
);

create table vpn_user (
  id                            integer not null,
  username                      varchar(32) not null,
  protocol                      varchar(32) not null,
  server_id                     integer,
  credentials                   clob not null,
  status                        varchar(16) not null,
  status_reason                 varchar(200),
  limit_bytes                   integer not null,
  used_bytes                    integer not null,
  expires_at                    timestamp,
  email                         varchar(254),
  note                          varchar(1000),
  reset_strategy                varchar(16) not null,
  version                       integer not null,
  created_at                    timestamp not null,
  modified_at                   timestamp not null,
  constraint ck_vpn_user_status check ( status in ('active','suspended','limited','expired')),
  constraint uq_vpn_user_username unique (username),
  constraint pk_vpn_user primary key (id),
  foreign key (server_id) references vpn_server (id) on delete restrict on update restrict
);

-- foreign keys and indices
create index ix_audit_entry_at on audit_entry (at);
create index ix_vpn_user_status on vpn_user (status);
create index ix_vpn_user_expires_at on vpn_user (expires_at);
