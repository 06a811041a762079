-- apply changes
create table docker_node (
  id                            integer not null,
  created_at                    timestamp not null,
  name                          varchar(32) not null,
  endpoint                      varchar(200) not null,
  public_host                   varchar(253) not null,
  version                       integer not null,
  modified_at                   timestamp not null,
  constraint uq_docker_node_name unique (name),
  constraint pk_docker_node primary key (id)
);

-- apply alter tables
alter table vpn_server add column node varchar(32);
