-- apply changes
create table user_usage (
  user_id                       integer not null,
  used_bytes                    integer not null,
  constraint pk_user_usage primary key (user_id),
  foreign key (user_id) references vpn_user (id) on delete cascade on update restrict
);

-- the running totals move from vpn_user, value for value
insert into user_usage (user_id, used_bytes) select id, used_bytes from vpn_user;
alter table vpn_user drop column used_bytes;
