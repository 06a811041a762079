-- apply changes
create table user_usage (
  user_id                       bigint not null,
  used_bytes                    bigint not null,
  constraint pk_user_usage primary key (user_id)
);

-- foreign keys and indices
alter table user_usage add constraint fk_user_usage_user_id foreign key (user_id) references vpn_user (id) on delete cascade on update restrict;

-- the running totals move from vpn_user, value for value
insert into user_usage (user_id, used_bytes) select id, used_bytes from vpn_user;
alter table vpn_user drop column if exists used_bytes;
