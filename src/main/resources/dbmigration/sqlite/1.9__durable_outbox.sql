-- apply changes
create table outbox_message (
  id                            integer not null,
  created_at                    timestamp not null,
  platform                      varchar(16) not null,
  target                        varchar(255) not null,
  person                        int default 0 not null,
  kind                          varchar(16) not null,
  ref                           varchar(200),
  text                          clob,
  file_path                     varchar(1000),
  status                        varchar(8) not null,
  progress                      integer not null,
  attempts                      integer not null,
  next_attempt_at               timestamp not null,
  lease_until                   timestamp,
  lease_owner                   varchar(64),
  last_error                    varchar(500),
  sent_at                       timestamp,
  version                       integer not null,
  modified_at                   timestamp not null,
  constraint ck_outbox_message_status check ( status in ('pending','sent','dead')),
  constraint pk_outbox_message primary key (id)
);

-- foreign keys and indices
create index ix_outbox_message_status_next_attempt_at on outbox_message (status,next_attempt_at);
create index ix_outbox_message_ref on outbox_message (ref);
